// Heartbeats of many checks at once (the bars of the check page, the checks list and a route's
// sides): each check's latest results per vantage point, bounded, plus its uptime over 24 h / 7 d /
// 30 d. A fixed number of queries whatever the number of checks (no query per check); ids of
// checks that do not exist (deleted meanwhile) are left out of the answer.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { UPTIME_WINDOWS, type UptimeWindow } from "./queries";

/** Checks one request may ask for (the checks list shows at most 200 rows). */
export const HEARTBEATS_MAX_CHECKS = 200;
/** Results per check and vantage point at most (the widest bar shows 90). */
export const HEARTBEATS_MAX_RESULTS = 100;
export const HEARTBEATS_DEFAULT_RESULTS = 60;
/** Results older than this many of the check's intervals times the results asked for are not read. */
const LOOKBACK_FACTOR = 1.5;
/** Safety net on the rows read per check: this many vantage points' worth of results. */
const ROWS_PER_CHECK_CAP = 12;

const CheckIdSchema = z.string().regex(/^[a-z0-9]{8,40}$/i, "not a check id");

export const HeartbeatsQuerySchema = z
  .object({
    ids: z
      .string()
      .max(HEARTBEATS_MAX_CHECKS * 41)
      .optional()
      .transform((s) => (s ? [...new Set(s.split(",").filter(Boolean))] : undefined))
      .pipe(z.array(CheckIdSchema).max(HEARTBEATS_MAX_CHECKS, `at most ${HEARTBEATS_MAX_CHECKS} checks`).optional())
      .describe(`Comma-separated check ids (at most ${HEARTBEATS_MAX_CHECKS})`),
    routeId: z.string().regex(/^[a-z0-9]{8,40}$/i).optional().describe("Instead of ids: the checks of one route (its own and its exposure check)"),
    limit: z.coerce.number().int().min(1).max(HEARTBEATS_MAX_RESULTS).default(HEARTBEATS_DEFAULT_RESULTS).describe("Latest results per check and vantage point"),
    uptime: z.enum(["all", "24h"]).default("all").describe("24h: only the 24 h uptime (lists; the longer windows are null), cheaper for many checks"),
  })
  .refine((q) => (q.ids ? 1 : 0) + (q.routeId ? 1 : 0) === 1, { message: "give either ids or routeId", path: ["ids"] });
export type HeartbeatsQuery = z.infer<typeof HeartbeatsQuerySchema>;

export const HeartbeatResultSchema = z.object({
  at: z.string(),
  vantageId: z.string(),
  ok: z.boolean(),
  latencyMs: z.number().nullable(),
  errorClass: z.string().nullable(),
});
export type HeartbeatResult = z.infer<typeof HeartbeatResultSchema>;

export const HeartbeatCheckSchema = z.object({
  checkId: z.string(),
  sourceKey: z.string().nullable().describe("route:<id> for a route's check, route:<id>:exposure for its exposure check"),
  intervalSec: z.number().int(),
  enabled: z.boolean(),
  pausedAt: z.string().nullable(),
  results: z.array(HeartbeatResultSchema).describe("Oldest first; at most `limit` per vantage point"),
  uptime: z.record(z.enum(["24h", "7d", "30d"]), z.number().nullable()).describe("Share of probes that passed (%), all vantage points together; null without data"),
});
export type HeartbeatCheck = z.infer<typeof HeartbeatCheckSchema>;

export const HeartbeatsSchema = z.object({ checks: z.array(HeartbeatCheckSchema) });
export type Heartbeats = z.infer<typeof HeartbeatsSchema>;

type Counts = Map<string, { count: number; ok: number }>;

async function uptimeCounts(db: Db, ids: string[], from: Date): Promise<Counts> {
  const [raw, aggs] = await Promise.all([
    db.probeResult.groupBy({ by: ["checkId", "ok"], where: { checkId: { in: ids }, at: { gte: from } }, _count: { _all: true } }),
    db.probeAggregate.groupBy({ by: ["checkId"], where: { checkId: { in: ids }, start: { gte: from } }, _sum: { count: true, okCount: true } }),
  ]);
  const out: Counts = new Map();
  const add = (id: string, count: number, ok: number) => {
    const e = out.get(id) ?? { count: 0, ok: 0 };
    e.count += count;
    e.ok += ok;
    out.set(id, e);
  };
  for (const r of raw) add(r.checkId, r._count._all, r.ok ? r._count._all : 0);
  for (const a of aggs) add(a.checkId, a._sum.count ?? 0, a._sum.okCount ?? 0);
  return out;
}

export async function getHeartbeats(db: Db, q: HeartbeatsQuery, now: Date = new Date()): Promise<Heartbeats> {
  const checks = await db.check.findMany({
    where: q.routeId ? { sourceKey: { in: [`route:${q.routeId}`, `route:${q.routeId}:exposure`] } } : { id: { in: q.ids ?? [] } },
    select: { id: true, sourceKey: true, intervalSec: true, enabled: true, pausedAt: true },
    orderBy: { id: "asc" },
  });
  if (checks.length === 0) return { checks: [] };
  const ids = checks.map((c) => c.id);
  const all = Object.entries(UPTIME_WINDOWS) as [UptimeWindow, number][];
  const windows = q.uptime === "24h" ? all.filter(([w]) => w === "24h") : all;
  const [rows, ...uptimes] = await Promise.all([
    db.probeResult.findMany({
      where: { OR: checks.map((c) => ({ checkId: c.id, at: { gte: new Date(now.getTime() - LOOKBACK_FACTOR * q.limit * c.intervalSec * 1000) } })) },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: checks.length * q.limit * ROWS_PER_CHECK_CAP,
      select: { checkId: true, vantageId: true, at: true, ok: true, latencyMs: true, errorClass: true },
    }),
    ...windows.map(([, span]) => uptimeCounts(db, ids, new Date(now.getTime() - span))),
  ]);
  // Newest first: keep the first `limit` of each check and vantage point.
  const kept = new Map<string, HeartbeatResult[]>();
  const perPair = new Map<string, number>();
  for (const r of rows) {
    const pair = `${r.checkId}\u0000${r.vantageId}`;
    const n = perPair.get(pair) ?? 0;
    if (n >= q.limit) continue;
    perPair.set(pair, n + 1);
    const list = kept.get(r.checkId) ?? [];
    list.push({ at: r.at.toISOString(), vantageId: r.vantageId, ok: r.ok, latencyMs: r.latencyMs, errorClass: r.errorClass });
    kept.set(r.checkId, list);
  }
  return {
    checks: checks.map((c) => ({
      checkId: c.id,
      sourceKey: c.sourceKey,
      intervalSec: c.intervalSec,
      enabled: c.enabled,
      pausedAt: c.pausedAt?.toISOString() ?? null,
      results: (kept.get(c.id) ?? []).reverse(),
      uptime: Object.fromEntries(
        all.map(([w]) => {
          const i = windows.findIndex(([x]) => x === w);
          const e = i < 0 ? undefined : uptimes[i]!.get(c.id);
          return [w, !e || e.count === 0 ? null : Math.round((e.ok / e.count) * 10_000) / 100];
        }),
      ) as Record<UptimeWindow, number | null>,
    })),
  };
}
