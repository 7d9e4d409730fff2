// Benchmark (npm run bench:pages): server time of the main pages and their list APIs on a large lab.
// Seeds a fresh SQLite database (1,000 hosts, 50,000 observed containers, 5,000 services with
// deployments, routes with their parts, checks with states, results and incidents, audit events),
// starts the real production server on it (run it in a tree with a current `npm run build`), signs
// in through the real sign-in API, and times each path: time to first byte and to the last byte,
// p50/p95 over BENCH_REQUESTS requests after a warm-up. Last line: one JSON object.
// BENCH_INDEXES=1 adds candidate indexes with raw SQL before the server starts (a measurement aid,
// clearly not a schema change: see the report). BENCH_KEEP=1 keeps the seeded data directory.
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createPrismaClient, type Db, type Prisma } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { hashPassword } from "@/lib/auth/password";
import { ServerProcess } from "../test/helpers/server-process";

const HOSTS = Number(process.env.BENCH_HOSTS ?? 1000);
const CONTAINERS_PER_HOST = Number(process.env.BENCH_CONTAINERS_PER_HOST ?? 50);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 5000);
const ROUTES = Number(process.env.BENCH_ROUTES ?? 1000);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 2000);
const RESULTS_PER_CHECK = Number(process.env.BENCH_RESULTS_PER_CHECK ?? 30);
const AUDIT_EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 20_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const WITH_INDEXES = process.env.BENCH_INDEXES === "1";
/** Keep the seeded data directory (its path goes to stderr) for profiling queries by hand. */
const KEEP = process.env.BENCH_KEEP === "1";
const BATCH = 2_000;
const USER = { username: "bench", password: "bench password 12345" };
/** Each path and a text its answer must hold (a page that rendered its error boundary instead does not). */
const PATHS: Record<string, string> = {
  "/": "Needs attention",
  "/hosts": "host-0000",
  "/services": "svc-",
  "/routes": ".home.example",
  "/reachability": "check-",
  "/api/v1/overview": "\"attention\"",
  "/api/v1/hosts": "host-0000",
  "/api/v1/services?limit=25&sort=attention": "svc-",
  "/api/v1/routes": ".home.example",
  "/api/v1/checks": "\"items\"",
};

/** Candidate indexes, measured with BENCH_INDEXES=1 (not in the schema). */
const CANDIDATE_INDEXES = [
  "CREATE INDEX IF NOT EXISTS bench_cs_service_state ON ContainerState(serviceId, state)",
  "CREATE INDEX IF NOT EXISTS bench_cs_state ON ContainerState(state)",
  "CREATE INDEX IF NOT EXISTS bench_dep_status ON Deployment(status)",
];

const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** A realistic mix: most things fine, a few percent broken in each way the overview reports. */
async function seed(db: Db): Promise<Record<string, number>> {
  await db.user.create({ data: { username: USER.username, passwordHash: await hashPassword(USER.password), role: "admin" } });
  const hosts = Array.from({ length: HOSTS }, (_, i) => ({
    id: `benchhost${String(i).padStart(5, "0")}`, name: `host-${String(i).padStart(4, "0")}`, hostname: `node${i}.lan`,
    addresses: JSON.stringify([`10.${(i >> 8) & 255}.${i & 255}.1`]), enrolledAt: minutesAgo(10_000), lastSeenAt: minutesAgo(i % 7),
    version: "1.0.0", protocolVersion: 1, dockerInfo: JSON.stringify({ serverVersion: "27.3.1", apiVersion: "1.47", os: "Debian GNU/Linux 12", arch: "x86_64", containers: CONTAINERS_PER_HOST, images: 20 }),
    revokedAt: i % 250 === 249 ? minutesAgo(60) : null,
  }));
  await inBatches(hosts, (data) => db.host.createMany({ data }));
  await db.vantagePoint.createMany({ data: [{ id: "control-plane", name: "control plane", kind: "lan" }, ...hosts.slice(0, 20).map((h, i) => ({ id: h.id, name: h.name, kind: i % 2 ? "remote" : "lan" }))] });

  const services = Array.from({ length: SERVICES }, (_, i) => ({
    id: `benchsvc${String(i).padStart(6, "0")}`, name: `svc-${String(i).padStart(5, "0")}`, image: pick(["nginx:1.27", "postgres:16", "redis:7", "ghcr.io/home/app:2.1"], i),
    hostId: i % 500 === 499 ? null : hosts[i % HOSTS]!.id, desiredState: i % 40 === 39 ? "stopped" : "running",
    ports: JSON.stringify([{ container: 8080, host: 20000 + (i % 40000), protocol: "tcp", hostIp: "127.0.0.1" }]),
    env: JSON.stringify({ TZ: "Europe/Berlin", LOG_LEVEL: "info", FEATURE_FLAGS: "a,b,c" }),
    tags: JSON.stringify(i % 3 ? ["media"] : ["tools", "infra"]), groupName: i % 5 ? null : "Core",
  }));
  await inBatches(services, (data) => db.service.createMany({ data }));

  // Every host reports CONTAINERS_PER_HOST containers: its services' containers first, the rest unmanaged.
  const byHost = new Map<string, typeof services>();
  for (const s of services) if (s.hostId) byHost.set(s.hostId, [...(byHost.get(s.hostId) ?? []), s]);
  const containers: Prisma.ContainerStateCreateManyInput[] = [];
  let n = 0;
  for (const h of hosts) {
    const mine = byHost.get(h.id) ?? [];
    for (let c = 0; c < CONTAINERS_PER_HOST; c++) {
      const s = mine[c];
      const k = n++;
      const state = k % 50 === 7 ? "exited" : k % 200 === 11 ? "restarting" : k % 97 === 5 ? "dead" : "running";
      containers.push({
        hostId: h.id, containerId: `${h.id}-c${String(c).padStart(4, "0")}`.padEnd(64, "0"), name: s ? s.name : `${h.name}-extra-${c}`, image: s ? s.image : "busybox:1.36",
        state: s?.desiredState === "stopped" ? "exited" : state, status: state === "running" ? "Up 3 days" : "Exited (1) 2 hours ago",
        health: k % 150 === 3 ? "unhealthy" : k % 3 ? "healthy" : null, exitCode: state === "running" ? null : 1,
        managed: !!s, serviceId: s?.id ?? null, specHash: s ? `spec-${s.id}` : null,
        ports: JSON.stringify([{ container: 8080, host: 20000 + (k % 40000), hostIp: "127.0.0.1", protocol: "tcp" }]), startedAt: minutesAgo(4_000 + (k % 1000)), observedAt: minutesAgo(k % 60),
      });
    }
  }
  await inBatches(containers, (data) => db.containerState.createMany({ data }));

  const deployments = services.flatMap((s, i) =>
    Array.from({ length: 1 + (i % 3) }, (_, d) => ({
      serviceId: s.id, hostId: s.hostId, specHash: `spec-${s.id}`, status: d === i % 3 && i % 33 === 1 ? "failed" : "succeeded",
      error: d === i % 3 && i % 33 === 1 ? "health check failed: container exited (1)" : null, log: "pulled image\ncreated container\nstarted\nhealthy\n".repeat(4),
      actorName: "bench", createdAt: minutesAgo(3_000 - d * 500 - (i % 100)), finishedAt: minutesAgo(2_999 - d * 500 - (i % 100)),
    })),
  );
  await inBatches(deployments, (data) => db.deployment.createMany({ data }));

  const routes = Array.from({ length: ROUTES }, (_, i) => ({ id: `benchroute${String(i).padStart(5, "0")}`, hostname: `app${i}.home.example`, serviceId: services[i * 3]!.id, servicePort: 8080, exposure: pick(["lan", "lan", "both", "remote"], i) }));
  await inBatches(routes, (data) => db.route.createMany({ data }));
  const parts = routes.flatMap((r, i) => ["lan-dns", "proxy"].map((part) => ({ routeId: r.id, part, status: i % 60 === 13 && part === "proxy" ? "failed" : "ok", message: i % 60 === 13 && part === "proxy" ? "Caddy refused the config" : null, appliedAt: minutesAgo(500) })));
  await inBatches(parts, (data) => db.routePart.createMany({ data }));

  const target = JSON.stringify({ url: "http://127.0.0.1:9/", method: "GET", expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: true, tlsMinDaysValid: 0 });
  const checks = Array.from({ length: CHECKS }, (_, i) => {
    const route = i < ROUTES ? routes[i]! : null;
    const down = i % 80 === 17;
    return {
      id: `benchcheck${String(i).padStart(5, "0")}`, name: route ? route.hostname : `check-${i}`, type: "http", target, intervalSec: 60,
      source: route ? "route" : "manual", sourceKey: route ? `route:${route.id}` : null, status: down ? "down" : "up", statusSince: minutesAgo(down ? 30 : 5_000),
      pausedAt: i % 400 === 99 ? minutesAgo(100) : null,
    };
  });
  await inBatches(checks, (data) => db.check.createMany({ data }));
  await inBatches(checks.map((c) => ({ checkId: c.id, vantageId: "control-plane", status: c.status, lastAt: minutesAgo(0.5), latencyMs: 12, message: c.status === "down" ? "connect ECONNREFUSED" : null, errorClass: c.status === "down" ? "refused" : null })), (data) => db.checkState.createMany({ data }));
  const results = checks.flatMap((c) => Array.from({ length: RESULTS_PER_CHECK }, (_, r) => ({ checkId: c.id, vantageId: "control-plane", at: minutesAgo(r), ok: c.status !== "down", latencyMs: 10 + (r % 20), statusCode: c.status === "down" ? null : 200, errorClass: c.status === "down" ? "refused" : null })));
  await inBatches(results, (data) => db.probeResult.createMany({ data }));
  const incidents = checks.flatMap((c, i) => [
    ...(c.status === "down" ? [{ checkId: c.id, kind: "down", startedAt: minutesAgo(30), vantages: '["control-plane"]', errorClass: "refused", message: "connect ECONNREFUSED" }] : []),
    ...(i % 10 === 0 ? [{ checkId: c.id, kind: "down", startedAt: minutesAgo(2_000), endedAt: minutesAgo(1_990), durationMs: 600_000, vantages: '["control-plane"]' }] : []),
  ]);
  await inBatches(incidents, (data) => db.incident.createMany({ data }));

  const audit = Array.from({ length: AUDIT_EVENTS }, (_, i) => ({ at: minutesAgo(i), actorType: "user", actorName: "bench", action: pick(["service.deploy", "auth.login", "route.update", "service.update", "check.pause"], i), targetType: "service", targetId: pick(services, i).id, details: JSON.stringify({ i }) }));
  await inBatches(audit, (data) => db.auditEvent.createMany({ data }));
  return { hosts: HOSTS, containers: containers.length, services: SERVICES, deployments: deployments.length, routes: ROUTES, checks: CHECKS, probe_results: results.length, incidents: incidents.length, audit_events: AUDIT_EVENTS };
}

interface Timing { ttfbMs: number; totalMs: number; status: number; bytes: number; body: string }

function timeGet(base: string, path: string, cookie: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(`${base}${path}`, { headers: { cookie, accept: path.startsWith("/api/") ? "application/json" : "text/html" } }, (res) => {
      const ttfb = performance.now() - t0;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const totalMs = performance.now() - t0;
        const body = Buffer.concat(chunks);
        resolve({ ttfbMs: ttfb, totalMs, status: res.statusCode ?? 0, bytes: body.length, body: body.toString("utf8") });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function signIn(server: ServerProcess): Promise<string> {
  const res = await server.fetch("/api/auth/login", { method: "POST", headers: { "content-type": "application/json", origin: server.url }, body: JSON.stringify(USER) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").find((c) => c.startsWith("hp_session="));
  if (!cookie) throw new Error("sign-in set no session cookie");
  return cookie;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "hp-bench-pages-"));
  const file = join(dir, "homeport.db");
  let server: ServerProcess | null = null;
  try {
    migrateDatabase(file);
    const db = createPrismaClient(`file:${file}`);
    const t0 = performance.now();
    const seeded = await seed(db);
    if (WITH_INDEXES) for (const sql of CANDIDATE_INDEXES) await db.$executeRawUnsafe(sql); // BENCH ONLY: candidate indexes, not in the schema
    await db.$executeRawUnsafe("ANALYZE");
    await db.$disconnect();
    progress(`seeded ${JSON.stringify(seeded)} in ${round((performance.now() - t0) / 1000)} s`);

    server = await ServerProcess.start(dir, { env: { HOMEPORT_LOG_LEVEL: "warn" } });
    const cookie = await signIn(server);
    const pages: Record<string, { status: number; kb: number; ttfb_p50_ms: number; ttfb_p95_ms: number; p50_ms: number; p95_ms: number }> = {};
    for (const [path, marker] of Object.entries(PATHS)) {
      const first = await timeGet(server.url, path, cookie);
      if (first.status !== 200 || !first.body.includes(marker)) throw new Error(`${path} answered ${first.status} without "${marker}": ${first.body.slice(0, 300)}\n${server.output.slice(-2000)}`);
      for (let i = 1; i < WARMUP; i++) await timeGet(server.url, path, cookie);
      const runs: Timing[] = [];
      for (let i = 0; i < REQUESTS; i++) runs.push(await timeGet(server.url, path, cookie));
      const total = runs.map((r) => r.totalMs), ttfb = runs.map((r) => r.ttfbMs);
      pages[path] = { status: runs[0]!.status, kb: round(runs[0]!.bytes / 1024), ttfb_p50_ms: round(pct(ttfb, 50)), ttfb_p95_ms: round(pct(ttfb, 95)), p50_ms: round(pct(total, 50)), p95_ms: round(pct(total, 95)) };
      progress(`${path}: ${JSON.stringify(pages[path])}`);
    }
    console.log(JSON.stringify({ seeded, requests: REQUESTS, candidate_indexes: WITH_INDEXES, pages }));
  } finally {
    await server?.stop().catch(() => server?.kill());
    if (KEEP) progress(`kept the data directory: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
