// One game day as its page shows it: the prediction next to what the checks saw (read from the
// ProbeResult and Incident rows of the window, up to a recovery window after the revert) and the
// timeline: the stored entries (start, acks, reverts, end) merged with the checks' state changes.
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { checkTransitions, observeOutcome, type Result } from "./observe";
import { findGameDay, revertsOf, rowView, type GameDayRecord } from "./store";
import type { GameDayView, Outcome, TimelineEntry } from "./schemas";

/** Results after the revert still count towards recovery for this long. */
export const RECOVERY_WINDOW_MS = 10 * 60_000;
/** Results read before the start, to know each check's state going in. */
const LEAD_IN_MS = 5 * 60_000;
/** At most this many results are read for one game day. */
const MAX_RESULTS = 20_000;

export function revertedAt(g: GameDayRecord): Date | null {
  const reverts = [...revertsOf(g).values()];
  if (reverts.length === 0 || g.status === "running") return null;
  return new Date(Math.max(...reverts.map((e) => Date.parse(e.at))));
}

export async function observeGameDay(db: Db, g: GameDayRecord, now = new Date()): Promise<{ outcome: Outcome; timeline: TimelineEntry[]; revertedAt: Date | null }> {
  const start = g.startedAt ?? g.createdAt;
  const reverted = revertedAt(g);
  const until = new Date(Math.min(now.getTime(), (reverted ?? g.endedAt ?? now).getTime() + RECOVERY_WINDOW_MS));
  const checkIds = [...new Set(g.prediction.flatMap((p) => p.checkIds))];
  const [rows, checks, vantages, incidents] = await Promise.all([
    checkIds.length ? db.probeResult.findMany({ where: { checkId: { in: checkIds }, at: { gte: new Date(start.getTime() - LEAD_IN_MS), lte: until } }, orderBy: { at: "asc" }, take: MAX_RESULTS, select: { checkId: true, vantageId: true, at: true, ok: true } }) : [],
    checkIds.length ? db.check.findMany({ where: { id: { in: checkIds } }, select: { id: true, name: true } }) : [],
    db.vantagePoint.findMany({ select: { id: true, name: true, kind: true, enabled: true } }),
    checkIds.length ? db.incident.findMany({ where: { checkId: { in: checkIds }, startedAt: { gte: start, lte: until } }, select: { checkId: true, startedAt: true, endedAt: true, kind: true } }) : [],
  ]);
  // A vantage point that is turned off is not part of the verdicts (the route's status ignores it too).
  const off = new Set(vantages.filter((v) => !v.enabled).map((v) => v.id));
  const counted = rows.filter((r) => !off.has(r.vantageId));
  const results: Result[] = counted.filter((r) => r.at >= start);
  const before = new Map<string, boolean>();
  for (const r of counted) if (r.at < start) before.set(`${r.checkId}\u0000${r.vantageId}`, r.ok);
  const names = new Map(checks.map((c) => [c.id, c.name]));
  const kinds = new Map(vantages.map((v) => [v.id, v.kind]));
  const outcome = observeOutcome(g.prediction, results, kinds, { start, revertedAt: reverted, until });
  const incidentEntries: TimelineEntry[] = incidents.map((i) => ({ at: i.startedAt.toISOString(), kind: "incident", text: `Incident opened: ${names.get(i.checkId) ?? i.checkId} ${i.kind}${i.endedAt ? `, resolved ${i.endedAt.toISOString()}` : ""}`, checkId: i.checkId }));
  // An agent's revert can be both answered (abort) and pushed as an event: show the first only.
  const seen = new Set<string>();
  const stored = g.timeline.filter((e) => {
    if (e.kind !== "reverted" || !e.hostId) return true;
    if (seen.has(e.hostId)) return false;
    seen.add(e.hostId);
    return true;
  });
  const timeline = [...stored, ...incidentEntries, ...checkTransitions(results, before, names, new Map(vantages.map((v) => [v.id, v.name])))].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { outcome, timeline, revertedAt: reverted };
}

export async function getGameDay(db: Db, id: string): Promise<GameDayView> {
  const g = await findGameDay(db, id);
  if (!g) throw new DomainError("not_found", "Game day not found");
  const o = await observeGameDay(db, g);
  return {
    ...rowView(g),
    experiment: g.scope.experiment,
    targets: g.scope.targets,
    predictions: g.prediction,
    timeline: o.timeline,
    outcome: o.outcome,
    revertedAt: o.revertedAt?.toISOString() ?? null,
  };
}
