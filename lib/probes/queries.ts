// Read models for the API and the pages: the reachability matrix, a check's history (indexed,
// paginated), uptime over 24 h / 7 d / 30 d per vantage point, chart series and incidents.
import type { Db } from "@/lib/db";
import { pageArgs, toPage, type Page, type PageQuery } from "@/lib/db/pagination";
import type { CellView, CheckStatus, CheckView, IncidentView, ResultView, VantageView } from "./schemas";
import { isStale, overallStatus } from "./state";
import { toCheckView, toIncidentView } from "./views";
import { listVantages, selectsVantage } from "./vantages";
import { foldIntoBuckets, HOUR_MS, DAY_MS, type Sample } from "./retention";
import { checkStateRows } from "./rows";
import { getCheckOrThrow } from "./checks";

export interface MatrixRow {
  check: CheckView;
  /** Computed now from fresh cells (silent vantage points count as unknown). */
  status: CheckStatus;
  /** One cell per vantage column; null where the check does not run from that vantage point. */
  cells: (CellView | null)[];
}

export interface Matrix {
  vantages: VantageView[];
  rows: MatrixRow[];
  nextCursor: string | null;
}

export async function getMatrix(db: Db, q: PageQuery & { q?: string }, now: Date = new Date()): Promise<Matrix> {
  const vantages = (await listVantages(db)).filter((v) => v.enabled);
  const rows = await db.check.findMany({ where: q.q ? { name: { contains: q.q } } : {}, orderBy: { id: "asc" }, include: { states: true }, ...pageArgs(q) });
  const page = toPage(rows, q.limit);
  return {
    vantages,
    nextCursor: page.nextCursor,
    rows: page.items
      .map((row) => {
        const check = toCheckView(row);
        const cells = vantages.map((v): CellView | null => {
          if (!selectsVantage(check.vantages, v)) return null;
          const found = row.states.find((x) => x.vantageId === v.id);
          const s = found ? checkStateRows.parse(found) : undefined;
          const stale = !s || isStale(s.lastAt, row.intervalSec, now);
          return {
            vantageId: v.id,
            // Disabled or paused: not probed, so no cell claims a state it no longer watches.
            status: !check.enabled || check.pausedAt !== null || stale ? "unknown" : s.status,
            errorClass: s?.errorClass ?? null,
            message: s?.message ?? null,
            latencyMs: s?.latencyMs ?? null,
            lastAt: s?.lastAt?.toISOString() ?? null,
            fingerprint: s?.fingerprint ?? null,
          };
        });
        return { check, cells, status: overallStatus(cells.filter((c) => c !== null).map((c) => c.status)) };
      })
      .sort((a, b) => a.check.name.localeCompare(b.check.name)),
  };
}

export async function getCheckHistory(db: Db, checkId: string, q: { vantageId?: string; before?: number; limit: number }): Promise<{ items: ResultView[]; nextCursor: number | null }> {
  await getCheckOrThrow(db, checkId);
  const rows = await db.probeResult.findMany({
    where: { checkId, ...(q.vantageId ? { vantageId: q.vantageId } : {}), ...(q.before ? { id: { lt: q.before } } : {}) },
    orderBy: { id: "desc" },
    take: q.limit + 1,
  });
  const items = rows.slice(0, q.limit).map((r) => ({ ...r, at: r.at.toISOString(), tlsExpiresAt: r.tlsExpiresAt?.toISOString() ?? null }));
  return { items, nextCursor: rows.length > q.limit ? (items[items.length - 1]?.id ?? null) : null };
}

export const UPTIME_WINDOWS = { "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS } as const;
export type UptimeWindow = keyof typeof UPTIME_WINDOWS;

/** Samples of a check since `from`: raw results plus aggregates (they never overlap in time). */
async function samplesSince(db: Db, checkId: string, from: Date): Promise<Sample[]> {
  const [raw, aggs] = await Promise.all([
    db.probeResult.findMany({ where: { checkId, at: { gte: from } }, select: { vantageId: true, at: true, ok: true, latencyMs: true } }),
    db.probeAggregate.findMany({ where: { checkId, start: { gte: from } } }),
  ]);
  return [
    ...raw.map((r) => ({ checkId, vantageId: r.vantageId, at: r.at.getTime(), count: 1, okCount: r.ok ? 1 : 0, latencySumMs: r.ok && r.latencyMs !== null ? r.latencyMs : 0, latencyCount: r.ok && r.latencyMs !== null ? 1 : 0, latencyMaxMs: r.ok ? (r.latencyMs ?? 0) : 0 })),
    ...aggs.map((a) => ({ ...a, at: a.start.getTime() })),
  ];
}

/** Uptime percentage per vantage point and window; null where there is no data. */
export async function getUptime(db: Db, checkId: string, now: Date = new Date()): Promise<Record<string, Record<UptimeWindow, number | null>>> {
  const samples = await samplesSince(db, checkId, new Date(now.getTime() - UPTIME_WINDOWS["30d"]));
  const out: Record<string, Record<UptimeWindow, number | null>> = {};
  const vantageIds = [...new Set(samples.map((s) => s.vantageId))];
  for (const v of vantageIds) {
    const entry = { "24h": null, "7d": null, "30d": null } as Record<UptimeWindow, number | null>;
    for (const [w, span] of Object.entries(UPTIME_WINDOWS) as [UptimeWindow, number][]) {
      let count = 0;
      let ok = 0;
      for (const s of samples) {
        if (s.vantageId !== v || s.at < now.getTime() - span) continue;
        count += s.count;
        ok += s.okCount;
      }
      entry[w] = count === 0 ? null : Math.round((ok / count) * 10_000) / 100;
    }
    out[v] = entry;
  }
  return out;
}

export interface SeriesPoint {
  t: number;
  /** Per vantage id: mean latency of successful probes (ms) and uptime (%) in the bucket. */
  values: Record<string, { latencyMs: number | null; uptime: number }>;
}

const SERIES_BUCKET: Record<UptimeWindow, number> = { "24h": 15 * 60_000, "7d": HOUR_MS, "30d": 6 * HOUR_MS };
/** A young check's chart gets finer buckets, down to its interval, aiming at about this many points. */
const SERIES_TARGET_POINTS = 60;
const SERIES_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 360].map((m) => m * 60_000);

/** The bucket width: the window's, or finer while the history is shorter than the window. */
export function seriesBucketMs(window: UptimeWindow, firstAt: number | null, now: number, intervalMs: number): number {
  const widest = SERIES_BUCKET[window];
  if (firstAt === null) return widest;
  const wanted = (now - firstAt) / SERIES_TARGET_POINTS;
  // A history of a few rounds: one point per round.
  if (wanted <= intervalMs) return Math.min(widest, intervalMs);
  return Math.min(widest, SERIES_STEPS_MS.find((s) => s >= wanted) ?? widest);
}

export interface LatencyChart {
  series: SeriesPoint[];
  /** Width of each point's bucket (ms). */
  bucketMs: number;
  /** The newest failed probe in the window (what an all-failed chart names), or null. */
  lastFailure: { at: string; errorClass: string | null; message: string | null } | null;
}

export async function getLatencyChart(db: Db, checkId: string, window: UptimeWindow, now: Date = new Date()): Promise<LatencyChart> {
  const from = new Date(now.getTime() - UPTIME_WINDOWS[window]);
  const [samples, check, failure] = await Promise.all([
    samplesSince(db, checkId, from),
    db.check.findUnique({ where: { id: checkId }, select: { intervalSec: true } }),
    db.probeResult.findFirst({ where: { checkId, ok: false, at: { gte: from } }, orderBy: { at: "desc" }, select: { at: true, errorClass: true, message: true } }),
  ]);
  const firstAt = samples.length ? Math.min(...samples.map((x) => x.at)) : null;
  const bucketMs = seriesBucketMs(window, firstAt, now.getTime(), (check?.intervalSec ?? 60) * 1000);
  const byT = new Map<number, SeriesPoint>();
  for (const b of foldIntoBuckets(samples, bucketMs)) {
    const p = byT.get(b.start) ?? { t: b.start, values: {} };
    p.values[b.vantageId] = { latencyMs: b.latencyCount ? Math.round(b.latencySumMs / b.latencyCount) : null, uptime: Math.round((b.okCount / b.count) * 1000) / 10 };
    byT.set(b.start, p);
  }
  return {
    series: [...byT.values()].sort((a, b) => a.t - b.t),
    bucketMs,
    lastFailure: failure ? { at: failure.at.toISOString(), errorClass: failure.errorClass, message: failure.message } : null,
  };
}

export async function getSeries(db: Db, checkId: string, window: UptimeWindow, now: Date = new Date()): Promise<SeriesPoint[]> {
  return (await getLatencyChart(db, checkId, window, now)).series;
}

export async function listIncidents(db: Db, q: PageQuery & { checkId?: string; open?: boolean }): Promise<Page<IncidentView>> {
  const rows = await db.incident.findMany({
    where: { ...(q.checkId ? { checkId: q.checkId } : {}), ...(q.open ? { endedAt: null } : {}) },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    include: { check: { select: { name: true } } },
    ...pageArgs(q),
  });
  const page = toPage(rows, q.limit);
  return { items: page.items.map(toIncidentView), nextCursor: page.nextCursor };
}
