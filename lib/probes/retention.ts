// Keeps the database bounded: raw results older than the raw window are folded into hourly
// aggregates and deleted; hourly aggregates older than their window are folded into daily ones;
// daily aggregates, closed incidents and finished deliveries expire. Raw rows, hourly and daily
// aggregates never overlap in time, so history queries add them up.
import type { Db } from "@/lib/db";

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface RetentionPolicy {
  rawMs: number;
  hourlyMs: number;
  dailyMs: number;
  incidentsMs: number;
  deliveriesMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  rawMs: 48 * HOUR_MS,
  hourlyMs: 14 * DAY_MS,
  dailyMs: 400 * DAY_MS,
  incidentsMs: 400 * DAY_MS,
  deliveriesMs: 30 * DAY_MS,
};

/** Rows handled per step, so one pass never holds the whole table in memory. */
export const RETENTION_CHUNK = 5_000;

export interface Bucket {
  checkId: string;
  vantageId: string;
  start: number;
  count: number;
  okCount: number;
  latencySumMs: number;
  latencyCount: number;
  latencyMaxMs: number;
}

export interface Sample {
  checkId: string;
  vantageId: string;
  at: number;
  count: number;
  okCount: number;
  latencySumMs: number;
  latencyCount: number;
  latencyMaxMs: number;
}

/** Folds samples (raw results or finer buckets) into buckets of `bucketMs` (UTC-aligned). */
export function foldIntoBuckets(samples: Sample[], bucketMs: number): Bucket[] {
  const out = new Map<string, Bucket>();
  for (const s of samples) {
    const start = Math.floor(s.at / bucketMs) * bucketMs;
    const key = `${s.checkId}\u0000${s.vantageId}\u0000${start}`;
    const b = out.get(key) ?? { checkId: s.checkId, vantageId: s.vantageId, start, count: 0, okCount: 0, latencySumMs: 0, latencyCount: 0, latencyMaxMs: 0 };
    b.count += s.count;
    b.okCount += s.okCount;
    b.latencySumMs += s.latencySumMs;
    b.latencyCount += s.latencyCount;
    b.latencyMaxMs = Math.max(b.latencyMaxMs, s.latencyMaxMs);
    out.set(key, b);
  }
  return [...out.values()];
}

/** Adds buckets to the stored aggregates: one read for the chunk, one insert for new buckets. */
async function addBuckets(db: Db, bucket: "hour" | "day", buckets: Bucket[]): Promise<void> {
  if (buckets.length === 0) return;
  const starts = buckets.map((b) => b.start);
  const existing = await db.probeAggregate.findMany({
    where: { bucket, checkId: { in: [...new Set(buckets.map((b) => b.checkId))] }, start: { gte: new Date(Math.min(...starts)), lte: new Date(Math.max(...starts)) } },
  });
  const byKey = new Map(existing.map((e) => [`${e.checkId}\u0000${e.vantageId}\u0000${e.start.getTime()}`, e]));
  const fresh: Bucket[] = [];
  for (const b of buckets) {
    const e = byKey.get(`${b.checkId}\u0000${b.vantageId}\u0000${b.start}`);
    if (!e) {
      fresh.push(b);
      continue;
    }
    await db.probeAggregate.update({
      where: { id: e.id },
      data: { count: e.count + b.count, okCount: e.okCount + b.okCount, latencySumMs: e.latencySumMs + b.latencySumMs, latencyCount: e.latencyCount + b.latencyCount, latencyMaxMs: Math.max(e.latencyMaxMs, b.latencyMaxMs) },
    });
  }
  if (fresh.length) await db.probeAggregate.createMany({ data: fresh.map((b) => ({ ...b, bucket, start: new Date(b.start) })) });
}

export interface RetentionSummary {
  rawFolded: number;
  hourlyFolded: number;
  dailyDeleted: number;
  incidentsDeleted: number;
  deliveriesDeleted: number;
}

export async function pruneProbeData(db: Db, now: Date = new Date(), policy: RetentionPolicy = DEFAULT_RETENTION): Promise<RetentionSummary> {
  const summary: RetentionSummary = { rawFolded: 0, hourlyFolded: 0, dailyDeleted: 0, incidentsDeleted: 0, deliveriesDeleted: 0 };
  const rawCutoff = new Date(now.getTime() - policy.rawMs);
  for (;;) {
    const rows = await db.probeResult.findMany({
      where: { at: { lt: rawCutoff } },
      orderBy: { id: "asc" },
      take: RETENTION_CHUNK,
      select: { id: true, checkId: true, vantageId: true, at: true, ok: true, latencyMs: true },
    });
    if (rows.length === 0) break;
    const buckets = foldIntoBuckets(
      rows.map((r) => ({ checkId: r.checkId, vantageId: r.vantageId, at: r.at.getTime(), count: 1, okCount: r.ok ? 1 : 0, latencySumMs: r.ok && r.latencyMs !== null ? r.latencyMs : 0, latencyCount: r.ok && r.latencyMs !== null ? 1 : 0, latencyMaxMs: r.ok ? (r.latencyMs ?? 0) : 0 })),
      HOUR_MS,
    );
    await db.$transaction(async (tx) => {
      await addBuckets(tx as Db, "hour", buckets);
      await tx.probeResult.deleteMany({ where: { id: { lte: rows[rows.length - 1]!.id }, at: { lt: rawCutoff } } });
    });
    summary.rawFolded += rows.length;
  }

  const hourlyCutoff = new Date(now.getTime() - policy.hourlyMs);
  for (;;) {
    const rows = await db.probeAggregate.findMany({ where: { bucket: "hour", start: { lt: hourlyCutoff } }, orderBy: { id: "asc" }, take: RETENTION_CHUNK });
    if (rows.length === 0) break;
    const buckets = foldIntoBuckets(rows.map((r) => ({ ...r, at: r.start.getTime() })), DAY_MS);
    await db.$transaction(async (tx) => {
      await addBuckets(tx as Db, "day", buckets);
      await tx.probeAggregate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    });
    summary.hourlyFolded += rows.length;
  }

  summary.dailyDeleted = (await db.probeAggregate.deleteMany({ where: { bucket: "day", start: { lt: new Date(now.getTime() - policy.dailyMs) } } })).count;
  summary.incidentsDeleted = (await db.incident.deleteMany({ where: { endedAt: { lt: new Date(now.getTime() - policy.incidentsMs) } } })).count;
  summary.deliveriesDeleted = (await db.delivery.deleteMany({ where: { status: { in: ["sent", "failed"] }, createdAt: { lt: new Date(now.getTime() - policy.deliveriesMs) } } })).count;
  return summary;
}
