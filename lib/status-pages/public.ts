// The public, signed-out view of a status page. Built from an allow-list of columns (check name,
// status, pause, results' time and verdict, incidents' start): targets, hosts, errors, vantage
// points, ids and tags are never read, so they cannot leak. Cached per slug for a few seconds.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { jsonColumn } from "@/lib/db/rows";
import { HISTORY_HOURS, PublicStatusSchema, type HistorySegment, type PublicCheckState, type PublicStatus } from "./schemas";

/** How long one rendering of a page is reused (and the Cache-Control max-age of its JSON). */
export const PUBLIC_CACHE_MS = 5_000;
/** Checks shown on one page at most. */
export const MAX_PUBLIC_CHECKS = 200;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_CACHED_PAGES = 100;

const cache = new Map<string, { at: number; view: PublicStatus | null }>();

/** Drops a slug's cached rendering (its page changed). */
export function forgetPublicStatus(slug: string): void {
  cache.delete(slug);
}

const percent = (ok: number, count: number) => (count === 0 ? null : Math.floor((ok / count) * 10_000) / 100);

/** Pure: one hour's verdicts as a history segment. */
export function segmentOf(ok: number, count: number): HistorySegment {
  if (count === 0) return "none";
  if (ok === count) return "up";
  return ok === 0 ? "down" : "partial";
}

/** Pure: the page's headline from its checks' states. */
export function overallOf(states: PublicCheckState[]): PublicStatus["overall"] {
  const live = states.filter((s) => s === "up" || s === "down" || s === "degraded");
  if (live.length === 0) return "unknown";
  if (live.some((s) => s === "down")) return live.every((s) => s === "down") ? "outage" : "degraded";
  return live.some((s) => s === "degraded") ? "degraded" : "operational";
}

async function uptimeSince(db: Db, checkId: string, from: Date): Promise<{ ok: number; count: number }> {
  const [count, ok, agg] = await Promise.all([
    db.probeResult.count({ where: { checkId, at: { gte: from } } }),
    db.probeResult.count({ where: { checkId, at: { gte: from }, ok: true } }),
    db.probeAggregate.aggregate({ where: { checkId, start: { gte: from } }, _sum: { count: true, okCount: true } }),
  ]);
  return { ok: ok + (agg._sum.okCount ?? 0), count: count + (agg._sum.count ?? 0) };
}

async function build(db: Db, slug: string, now: Date, inMaintenance: (checks: { id: string; groupName: string | null }[]) => Promise<Set<string>>): Promise<PublicStatus | null> {
  const page = await db.statusPage.findUnique({ where: { slug }, select: { title: true, description: true, groups: true, published: true } });
  if (!page || !page.published) return null;
  const groups = jsonColumn(z.array(z.string())).safeParse(page.groups).data ?? [];
  const checks = await db.check.findMany({
    where: { groupName: { in: groups } },
    select: { id: true, name: true, status: true, pausedAt: true, enabled: true, groupName: true },
    orderBy: { name: "asc" },
    take: MAX_PUBLIC_CHECKS,
  });
  const ids = checks.map((c) => c.id);
  const since = new Date(now.getTime() - HISTORY_HOURS * HOUR_MS);
  const [recent, open, quiet] = await Promise.all([
    db.probeResult.findMany({ where: { checkId: { in: ids }, at: { gte: since } }, select: { checkId: true, at: true, ok: true } }),
    db.incident.findMany({ where: { checkId: { in: ids }, endedAt: null }, select: { checkId: true, startedAt: true }, orderBy: { startedAt: "asc" } }),
    inMaintenance(checks),
  ]);
  const buckets = new Map<string, { ok: number; count: number }[]>();
  for (const r of recent) {
    const i = Math.min(HISTORY_HOURS - 1, Math.floor((r.at.getTime() - since.getTime()) / HOUR_MS));
    const list = buckets.get(r.checkId) ?? Array.from({ length: HISTORY_HOURS }, () => ({ ok: 0, count: 0 }));
    list[i]!.count++;
    if (r.ok) list[i]!.ok++;
    buckets.set(r.checkId, list);
  }
  const views = await Promise.all(
    checks.map(async (c) => {
      const [day, month] = await Promise.all([uptimeSince(db, c.id, new Date(now.getTime() - DAY_MS)), uptimeSince(db, c.id, new Date(now.getTime() - 30 * DAY_MS))]);
      const state: PublicCheckState = c.pausedAt || !c.enabled ? "paused" : quiet.has(c.id) ? "maintenance" : c.status === "up" || c.status === "down" || c.status === "degraded" ? c.status : "unknown";
      const hist = buckets.get(c.id);
      return {
        group: c.groupName,
        check: {
          name: c.name,
          state,
          uptime24h: percent(day.ok, day.count),
          uptime30d: percent(month.ok, month.count),
          history: Array.from({ length: HISTORY_HOURS }, (_, i) => (hist ? segmentOf(hist[i]!.ok, hist[i]!.count) : "none")),
          incidentsSince: open.filter((o) => o.checkId === c.id).map((o) => o.startedAt.toISOString()),
        },
      };
    }),
  );
  return PublicStatusSchema.parse({
    title: page.title,
    description: page.description,
    overall: overallOf(views.map((v) => v.check.state)),
    generatedAt: now.toISOString(),
    groups: groups.map((name) => ({ name, checks: views.filter((v) => v.group === name).map((v) => v.check) })),
  });
}

/** The public view of a published page, or null for unknown and unpublished slugs (a 404 either way). */
export async function getPublicStatus(
  db: Db,
  slug: string,
  inMaintenance: (checks: { id: string; groupName: string | null }[]) => Promise<Set<string>>,
  now: Date = new Date(),
): Promise<PublicStatus | null> {
  const hit = cache.get(slug);
  if (hit && now.getTime() - hit.at < PUBLIC_CACHE_MS) return hit.view;
  const view = await build(db, slug, now, inMaintenance);
  if (cache.size >= MAX_CACHED_PAGES) cache.clear();
  cache.set(slug, { at: now.getTime(), view });
  return view;
}
