// Benchmark (npm run bench:probes): sustained checks per minute of the control plane's probe path
// (scheduler → HTTP check → batched writes → ingestResults into SQLite) against an HTTP server on
// loopback that runs in a child process (so its CPU is not counted), with the control plane's CPU
// share from process.cpuUsage and the scheduler's drift p95. Last line: one JSON object.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createPrismaClient } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { createProbeRuntime, DEFAULT_RETENTION, ensureControlPlaneVantage } from "@/lib/probes";
import { DEFAULT_CONCURRENCY } from "@/lib/probes/engine";

const CHECKS = Number(process.env.BENCH_CHECKS ?? 2000);
const INTERVAL_SEC = Number(process.env.BENCH_INTERVAL_SEC ?? 10);
const MEASURE_SEC = Number(process.env.BENCH_SECONDS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? DEFAULT_CONCURRENCY);
const TIMEOUT_MS = 5_000;
const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

const TARGET = `const http = require("node:http");
const s = http.createServer((q, r) => { r.writeHead(200, { "content-type": "text/plain" }); r.end("ok homeport"); });
s.keepAliveTimeout = 1000;
s.listen(0, "127.0.0.1", () => console.log(String(s.address().port)));`;

async function startTarget(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ["-e", TARGET], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (c: Buffer) => resolve(Number(c.toString().trim())));
    child.once("exit", (code) => reject(new Error(`target exited ${code}`)));
  });
  return { port, stop: () => child.kill("SIGTERM") };
}

async function main(): Promise<void> {
  process.env.HOMEPORT_LOG_SILENT = "1";
  const dir = mkdtempSync(join(tmpdir(), "hp-bench-probes-"));
  const file = join(dir, "homeport.db");
  migrateDatabase(file);
  const db = createPrismaClient(`file:${file}`);
  const target = await startTarget();
  try {
    await ensureControlPlaneVantage(db);
    const url = `http://127.0.0.1:${target.port}/`;
    const spec = JSON.stringify({ url, method: "GET", expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: true, tlsMinDaysValid: 0 });
    await db.check.createMany({ data: Array.from({ length: CHECKS }, (_, i) => ({ name: `bench-${i}`, type: "http", target: spec, intervalSec: INTERVAL_SEC, timeoutMs: TIMEOUT_MS, retries: 0 })) });
    progress(`${CHECKS} checks every ${INTERVAL_SEC} s (${round((CHECKS * 60) / INTERVAL_SEC, 0)}/min nominal) against ${url}`);

    const runtime = await createProbeRuntime(db, { enabled: true, concurrency: CONCURRENCY, retention: DEFAULT_RETENTION });
    progress(`warming up for one interval (${INTERVAL_SEC} s)`);
    await new Promise((r) => setTimeout(r, INTERVAL_SEC * 1000 + 500));
    await runtime.writer.flush();

    runtime.scheduler.resetStats();
    const written0 = runtime.writer.written;
    const rows0 = await db.probeResult.count();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    progress(`measuring for ${MEASURE_SEC} s`);
    await new Promise((r) => setTimeout(r, MEASURE_SEC * 1000));
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    const stats = runtime.scheduler.stats();
    await runtime.stop();
    const written = runtime.writer.written - written0;
    const failures = await db.probeResult.groupBy({ by: ["errorClass"], where: { ok: false, id: { gt: rows0 } }, _count: true });

    const cpuMs = (cpu.user + cpu.system) / 1000;
    const checksPerMin = (stats.completed / wallMs) * 60_000;
    const out = {
      checks_per_min: round(checksPerMin, 0),
      cpu_cores_used: round(cpuMs / wallMs, 3),
      cpu_ms_per_check: round(cpuMs / Math.max(1, stats.completed), 3),
      drift_p95_ms: round(stats.driftP95Ms, 1),
      drift_p50_ms: round(stats.driftP50Ms, 1),
      drift_max_ms: round(stats.driftMaxMs, 1),
      checks: CHECKS,
      interval_s: INTERVAL_SEC,
      concurrency: CONCURRENCY,
      measured_s: round(wallMs / 1000, 1),
      results_written: written,
      results_dropped: runtime.writer.dropped,
      failed_probes: Object.fromEntries(failures.map((f) => [f.errorClass ?? "unknown", f._count])),
      skipped_overlaps: stats.skippedOverlaps,
    };
    process.stdout.write(JSON.stringify(out) + "\n");
  } finally {
    target.stop();
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
