// Ends game days: at the deadline a running one starts reverting; it is finished once every agent
// that applied the fault reported its revert (the hub's event handler) or, for an agent that was
// unreachable (cut off, or the control plane was down), once it is back and `gameday/active` no
// longer lists it. Runs at start (crash recovery) and on a short interval.
import type { Db } from "@/lib/db";
import { recordAudit, SYSTEM_ORIGIN } from "@/lib/audit";
import { findAgentHub } from "@/lib/agents";
import { log } from "@/lib/log";
import type { Schedulers } from "@/lib/schedulers";
import { observeGameDay } from "./view";
import { ackedHosts, appendTimeline, findGameDay, gameDayFromRow, moveStatus, publishGameDay, revertsOf, type GameDayRecord } from "./store";
import type { GameDayStatus, TimelineEntry } from "./schemas";

/** How often running game days are looked at. */
export const GAMEDAY_SWEEP_INTERVAL_MS = 2_000;
/** How long after the deadline (or this process's start) an agent may stay silent before the game day fails. */
export const REVERT_GRACE_MS = 3 * 60_000;
/** How often an agent that did not report its revert is asked what it still holds. */
const ACTIVE_ASK_INTERVAL_MS = 5_000;
const ACTIVE_TIMEOUT_MS = 5_000;

const SYSTEM = { type: "system" as const, name: "gamedays" };
const processStart = Date.now();
const lastAsked = new Map<string, number>();
const entry = (kind: TimelineEntry["kind"], text: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({ at: new Date().toISOString(), kind, text, ...extra });
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/** Asks a silent agent whether it still holds the fault; records the revert when it does not. */
async function askAgent(db: Db, g: GameDayRecord, hostId: string): Promise<void> {
  const session = findAgentHub()?.session(hostId);
  const key = `${g.id}:${hostId}`;
  if (!session || Date.now() - (lastAsked.get(key) ?? 0) < ACTIVE_ASK_INTERVAL_MS) return;
  lastAsked.set(key, Date.now());
  try {
    const r = await session.request("gameday/active", {}, ACTIVE_TIMEOUT_MS);
    if (r.active.some((a) => a.experimentId === g.id)) return;
    const name = g.scope.targets.find((t) => t.hostId === hostId)?.hostName ?? hostId;
    await appendTimeline(db, g.id, entry("reverted", `${name} is back and no longer holds the fault (reverted by its dead-man's switch)`, { hostId, ok: true }));
  } catch (err) {
    log.warn("gamedays", "could not ask an agent for its active faults", { id: g.id, hostId, error: message(err) });
  }
}

/** The status a game day ends with, and why. */
export function finalStatus(g: Pick<GameDayRecord, "timeline" | "error">): { status: GameDayStatus; error: string | null } {
  const failed = [...revertsOf(g).values()].filter((e) => e.ok === false);
  if (failed.length) return { status: "failed", error: failed.map((e) => e.text).join("; ") };
  if (g.error) return { status: "failed", error: g.error };
  if (g.timeline.some((e) => e.kind === "abort")) return { status: "aborted", error: null };
  return { status: "completed", error: null };
}

/** One pass over one game day that is running or reverting. */
export async function sweepOne(db: Db, id: string, now = new Date()): Promise<void> {
  let g = await findGameDay(db, id);
  if (!g || (g.status !== "running" && g.status !== "reverting")) return;
  if (g.status === "running" && g.deadlineAt && now >= g.deadlineAt) {
    if (await moveStatus(db, id, ["running"], "reverting")) {
      await appendTimeline(db, id, entry("deadline", "Deadline reached: the agents revert by themselves"));
      publishGameDay(id, "reverting");
    }
  }
  if (g.status === "running" && (!g.deadlineAt || now < g.deadlineAt)) return;
  const pending = () => ackedHosts(g!).filter((h) => !revertsOf(g!).has(h));
  await Promise.all(pending().map((h) => askAgent(db, g!, h)));
  g = (await findGameDay(db, id))!;
  const left = pending();
  if (left.length > 0) {
    const graceFrom = Math.max(g.deadlineAt?.getTime() ?? 0, processStart);
    if (now.getTime() < graceFrom + REVERT_GRACE_MS) return;
    const names = left.map((h) => g!.scope.targets.find((t) => t.hostId === h)?.hostName ?? h).join(", ");
    const error = `${names} did not confirm the revert: ${left.length === 1 ? "its agent has" : "their agents have"} not come back (the dead-man's switch reverts on the agent regardless)`;
    await finish(db, g, "failed", error, now);
    return;
  }
  const { status, error } = finalStatus(g);
  await finish(db, g, status, error, now);
}

async function finish(db: Db, g: GameDayRecord, status: GameDayStatus, error: string | null, now: Date): Promise<void> {
  const outcome = (await observeGameDay(db, g, now)).outcome;
  if (!(await moveStatus(db, g.id, ["running", "reverting"], status, { endedAt: now, outcome, error }))) return;
  await appendTimeline(db, g.id, entry("ended", status === "completed" ? "Every agent reverted: the game day is over" : status === "aborted" ? "Aborted: every agent reverted" : `Failed: ${error}`, { ok: status !== "failed" }));
  await recordAudit(db, { actor: SYSTEM, action: "gameday.end", target: { type: "gameday", id: g.id }, details: { title: g.scope.title, status, error, matched: outcome.matched, mismatched: outcome.mismatched }, meta: SYSTEM_ORIGIN });
  publishGameDay(g.id, status);
}

/** Looks at every game day still running or reverting (at start: the crash-recovery path). */
export async function sweepGameDays(db: Db, now = new Date()): Promise<void> {
  const rows = await db.gameDay.findMany({ where: { status: { in: ["running", "reverting"] } } });
  for (const row of rows) {
    try {
      await sweepOne(db, gameDayFromRow(row).id, now);
    } catch (err) {
      log.error("gamedays", "a game day could not be swept", { id: row.id, error: message(err) });
    }
  }
}

export function scheduleGameDays(schedulers: Schedulers, db: () => Db): void {
  void sweepGameDays(db()).catch((err: unknown) => log.error("gamedays", "recovery at start failed", { error: message(err) }));
  schedulers.every("gamedays", GAMEDAY_SWEEP_INTERVAL_MS, () => sweepGameDays(db()));
}
