// Benchmark (npx tsx bench/snapshot.ts): agents' snapshots applied to SQLite as in a reconnect
// storm — N hosts × M containers, all at once — in three phases: first connect (all new rows),
// reconnect with nothing changed, reconnect with a few containers changed. Compares the snapshot
// writer the hub uses now (SnapshotWriter: unchanged snapshots touch one statement, at most
// SNAPSHOT_CONCURRENCY at once) with the function it replaced (a diff transaction per snapshot,
// all at once, copied here) and a per-row upsert (the original approach). While each phase runs,
// a `die` event is written every 20 ms for a host outside the storm: its latency shows whether
// the storm starves live events. Last line: one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createPrismaClient, type Db } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { applyContainerEvent } from "@/lib/agents/state";
import { SNAPSHOT_CONCURRENCY, SnapshotWriter } from "@/lib/agents/snapshot-writer";
import type { ContainerState } from "@/lib/generated/prisma/client";
import type { ContainerSummary } from "@/lib/protocol";
import { percentile, progress, round1 } from "./lib/stats";

const HOSTS = Number(process.env.BENCH_HOSTS ?? 200);
const PER_HOST = Number(process.env.BENCH_CONTAINERS ?? 50);
const DIE_EVERY_MS = 20;
/** BENCH_CONCURRENCY: the writer's concurrency (default: the hub's); BENCH_ONLY=after skips the old ways. */
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : SNAPSHOT_CONCURRENCY;
const ONLY_AFTER = process.env.BENCH_ONLY === "after";

type Apply = (db: Db, hostId: string, containers: ContainerSummary[], at: Date) => Promise<unknown>;

// ---- the function the hub used before (HEAD of lib/agents/state.ts at a166282), kept for the comparison
function columns(c: ContainerSummary, at: Date) {
  return {
    name: c.name, image: c.image, state: c.state, status: c.status, health: c.health, exitCode: c.exitCode, managed: c.managed,
    serviceId: c.serviceId, specHash: c.specHash, ports: JSON.stringify(c.ports), startedAt: c.startedAt ? new Date(c.startedAt) : null,
    ...(c.imageDigest !== undefined && { imageDigest: c.imageDigest }), observedAt: at,
  };
}
type Columns = ReturnType<typeof columns>;
function sameColumns(row: ContainerState, next: Columns): boolean {
  for (const k of Object.keys(next) as (keyof Columns)[]) {
    if (k === "observedAt") continue;
    const v = next[k];
    const have = row[k];
    if (v instanceof Date || have instanceof Date) {
      if ((v instanceof Date ? v.getTime() : v) !== (have instanceof Date ? have.getTime() : have)) return false;
    } else if (have !== v) return false;
  }
  return true;
}
const before: Apply = (db, hostId, containers, at) =>
  db.$transaction(async (tx) => {
    const existing = await tx.containerState.findMany({ where: { hostId } });
    const byId = new Map(existing.map((r) => [r.containerId, r]));
    const wanted = new Map(containers.map((c) => [c.id, c]));
    const gone = existing.filter((r) => !wanted.has(r.containerId)).map((r) => r.containerId);
    if (gone.length > 0) await tx.containerState.deleteMany({ where: { hostId, containerId: { in: gone } } });
    const fresh = containers.filter((c) => !byId.has(c.id));
    if (fresh.length > 0) await tx.containerState.createMany({ data: fresh.map((c) => ({ hostId, containerId: c.id, ...columns(c, at) })) });
    for (const c of containers) {
      const row = byId.get(c.id);
      if (!row) continue;
      const next = columns(c, at);
      if (!sameColumns(row, next)) await tx.containerState.update({ where: { id: row.id }, data: next });
    }
    if (containers.length > 0) await tx.containerState.updateMany({ where: { hostId }, data: { observedAt: at } });
  });
// ---- one upsert per container, the approach the issue suspected
const upsertEach: Apply = (db, hostId, containers, at) =>
  db.$transaction(async (tx) => {
    await tx.containerState.deleteMany({ where: { hostId, containerId: { notIn: containers.map((c) => c.id) } } });
    for (const c of containers) {
      await tx.containerState.upsert({ where: { hostId_containerId: { hostId, containerId: c.id } }, create: { hostId, containerId: c.id, ...columns(c, at) }, update: columns(c, at) });
    }
  });

const hex = (i: number, salt: string) => `${salt}${i.toString(16)}`.padStart(24, "0").padEnd(64, "a");
function snapshot(host: number, variant: number): ContainerSummary[] {
  return Array.from({ length: PER_HOST }, (_, i) => {
    // variant 1: 5 containers changed state, 2 replaced by new ones
    const replaced = variant === 1 && i < 2;
    return {
      id: hex(host * 1000 + i, replaced ? "b" : "c"),
      name: `svc-${host}-${i}`, image: "busybox:latest", state: variant === 1 && i >= 2 && i < 7 ? "exited" : "running",
      status: variant === 1 && i >= 2 && i < 7 ? "Exited (1)" : "Up 2 hours", health: null, exitCode: variant === 1 && i >= 2 && i < 7 ? 1 : null,
      managed: i % 2 === 0, serviceId: null, specHash: null, ports: [{ container: 80, host: 8000 + i, hostIp: "0.0.0.0", protocol: "tcp" }],
      startedAt: "2026-12-01T10:00:00.000Z",
    } satisfies ContainerSummary;
  });
}

interface PhaseResult {
  snapshotsPerSec: number;
  ms: number;
  /** When the first die tick got the event loop (ms into the storm): how long live events were shut out. */
  firstDieTickMs: number | null;
  /** Dies that arrived and were written while the storm ran. */
  dies: number;
  dieP50Ms: number;
  dieP95Ms: number;
  dieMaxMs: number;
}

async function phase(db: Db, hostIds: string[], dieHost: string, apply: Apply, variant: number): Promise<PhaseResult> {
  // A die event every DIE_EVERY_MS, each timed from its arrival to its row written (not waiting for the previous).
  const dies: number[] = [];
  const pending: Promise<void>[] = [];
  const dieContainers = snapshot(999_999, 0);
  const t0 = performance.now();
  let n = 0;
  let firstTick: number | null = null;
  const ticker = setInterval(() => {
    const t = performance.now();
    firstTick ??= t - t0;
    const c = dieContainers[n++ % PER_HOST]!;
    pending.push(applyContainerEvent(db, dieHost, c.id, { ...c, state: n % 2 ? "exited" : "running" }).then(() => void dies.push(performance.now() - t)));
  }, DIE_EVERY_MS);
  await Promise.all(hostIds.map((id, h) => apply(db, id, snapshot(h, variant), new Date())));
  const ms = performance.now() - t0;
  clearInterval(ticker);
  const during = dies.length;
  await Promise.all(pending);
  dies.length = during;
  return { snapshotsPerSec: round1((hostIds.length / ms) * 1000), ms: round1(ms), firstDieTickMs: firstTick === null ? null : round1(firstTick), dies: dies.length, dieP50Ms: round1(percentile(dies, 50)), dieP95Ms: round1(percentile(dies, 95)), dieMaxMs: round1(Math.max(...dies)) };
}

async function run(name: string, make: (db: Db) => Apply): Promise<Record<string, PhaseResult>> {
  const dir = mkdtempSync(join(tmpdir(), "hp-bench-snapshot-"));
  const file = join(dir, "homeport.db");
  migrateDatabase(file);
  const db = createPrismaClient(`file:${file}`);
  // The start-up migrator sets synchronous=NORMAL on its own connection only; BENCH_SYNC_NORMAL=1
  // sets it on the client's connection too, to show what an fsync per commit costs.
  if (process.env.BENCH_SYNC_NORMAL === "1") await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  try {
    const hostIds: string[] = [];
    for (let h = 0; h <= HOSTS; h++) hostIds.push((await db.host.create({ data: { name: `bench-${h}` } })).id);
    const dieHost = hostIds.pop()!;
    const apply = make(db);
    const out: Record<string, PhaseResult> = {};
    out.first = await phase(db, hostIds, dieHost, apply, 0);
    out.unchanged = await phase(db, hostIds, dieHost, apply, 0);
    out.changed = await phase(db, hostIds, dieHost, apply, 1);
    const rows = await db.containerState.count({ where: { hostId: { not: dieHost } } });
    if (rows !== HOSTS * PER_HOST) throw new Error(`${name}: ${rows} rows, expected ${HOSTS * PER_HOST}`);
    progress(`${name}: ${JSON.stringify(out)}`);
    return out;
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  process.env.HOMEPORT_LOG_SILENT = "1";
  progress(`${HOSTS} hosts × ${PER_HOST} containers, all at once, per phase`);
  const result = {
    hosts: HOSTS,
    containersPerHost: PER_HOST,
    concurrency: CONCURRENCY,
    perRowUpsert: ONLY_AFTER ? null : await run("per-row upsert", () => upsertEach),
    before: ONLY_AFTER ? null : await run("before (diff transaction, unbounded)", () => before),
    after: await run("after (SnapshotWriter)", (db) => {
      const w = new SnapshotWriter(() => db, CONCURRENCY);
      return (_db, hostId, containers, at) => w.apply(hostId, containers, at);
    }),
  };
  console.log(JSON.stringify(result));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
