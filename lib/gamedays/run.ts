// Starts and aborts game days: refuses early what cannot run (the plan's blockers, one game day at a
// time, the whole-LAN confirmation), records the row before any agent is asked, arms the fault on
// each agent (all or nothing), audits, and publishes every change on the event bus.
import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { findAgentHub } from "@/lib/agents";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import { GAMEDAY_START_TIMEOUT_MS } from "@/lib/protocol";
import { planGameDay } from "./plan";
import { ackedHosts, appendTimeline, findGameDay, moveStatus, publishGameDay, pruneGameDays, revertsOf } from "./store";
import type { Scope, StartRequest, TimelineEntry } from "./schemas";

/** How long an agent may take to arm and apply a fault (the agent's own bound on a container stop fits in it). */
export const START_TIMEOUT_MS = GAMEDAY_START_TIMEOUT_MS;
/** How long an agent may take to revert when asked. */
export const STOP_TIMEOUT_MS = 30_000;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);
const entry = (kind: TimelineEntry["kind"], text: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({ at: new Date().toISOString(), kind, text, ...extra });

export async function activeGameDay(db: Db): Promise<{ id: string } | null> {
  return db.gameDay.findFirst({ where: { status: { in: ["running", "reverting"] } }, select: { id: true } });
}

/** Starts a game day; the row exists (running, or failed with the reason) when this returns. */
export async function startGameDay(db: Db, input: StartRequest, actor: AuditActor, meta: AuditOrigin): Promise<{ id: string; status: string }> {
  if (await activeGameDay(db)) throw new DomainError("conflict", "A game day is already running: abort it or wait for its end");
  const plan = await planGameDay(db, input);
  if (plan.confirmWord && input.confirm?.trim() !== plan.confirmWord) throw new DomainError("invalid", `Type "${plan.confirmWord}" to confirm a fault on every agent on the LAN`);
  const blocker = plan.blocking.find((b) => b.code === "forbidden") ?? plan.blocking[0];
  if (blocker) throw new DomainError(blocker.code, blocker.message);

  const startedAt = new Date();
  const scope: Scope = { experiment: plan.experiment, title: plan.title, targets: plan.targets };
  const row = await db.gameDay.create({
    data: {
      kind: plan.experiment.kind,
      scope: JSON.stringify(scope),
      status: "running",
      durationSec: input.durationSec,
      actor: actor.name ?? actor.type,
      startedAt,
      deadlineAt: new Date(startedAt.getTime() + input.durationSec * 1000),
      prediction: JSON.stringify(plan.predictions),
      timeline: JSON.stringify([entry("started", `${plan.title}: started by ${actor.name ?? actor.type} for ${input.durationSec} s`)]),
    },
  });
  await recordAudit(db, { actor, action: "gameday.start", target: { type: "gameday", id: row.id }, details: { title: plan.title, kind: plan.experiment.kind, durationSec: input.durationSec, hosts: plan.targets.map((t) => t.hostName) }, meta });
  publishGameDay(row.id, "running");

  const hub = findAgentHub();
  const refused: string[] = [];
  await Promise.all(plan.targets.map(async (t) => {
    try {
      const session = hub?.session(t.hostId);
      if (!session) throw new Error("its agent went offline");
      const r = await session.request("gameday/start", { experimentId: row.id, fault: t.fault, durationSec: input.durationSec }, START_TIMEOUT_MS);
      await appendTimeline(db, row.id, entry("ack", `${t.hostName} applied the fault: ${r.detail || "done"} (reverts by itself at ${r.deadline})`, { hostId: t.hostId }));
    } catch (err) {
      refused.push(`${t.hostName}: ${message(err)}`);
      await appendTimeline(db, row.id, entry("refused", `${t.hostName} did not apply the fault: ${message(err)}`, { hostId: t.hostId, ok: false }));
    }
  }));
  if (refused.length > 0) {
    // All or nothing: the agents that did apply it revert now.
    await revertAll(db, row.id, "stopped because another agent refused");
    const acked = ackedHosts((await findGameDay(db, row.id))!);
    if (acked.length === 0) await moveStatus(db, row.id, ["running", "reverting"], "failed", { endedAt: new Date(), error: refused.join("; ") });
    else await moveStatus(db, row.id, ["running"], "reverting", { error: refused.join("; ") });
    publishGameDay(row.id, acked.length === 0 ? "failed" : "reverting");
    // With agents still reverting, the scheduler ends it (and audits the end) once they have.
    if (acked.length === 0) await recordAudit(db, { actor: { type: "system", name: "gamedays" }, action: "gameday.end", target: { type: "gameday", id: row.id }, details: { status: "failed", error: refused.join("; ") }, meta });
  }
  await pruneGameDays(db);
  return { id: row.id, status: refused.length ? "failed" : "running" };
}

/** Asks every acknowledged, not yet reverted agent to revert now; records what each answered. */
async function revertAll(db: Db, id: string, why: string): Promise<void> {
  const g = await findGameDay(db, id);
  if (!g) return;
  const done = revertsOf(g);
  const hub = findAgentHub();
  await Promise.all(ackedHosts(g).filter((h) => !done.has(h)).map(async (hostId) => {
    const name = g.scope.targets.find((t) => t.hostId === hostId)?.hostName ?? hostId;
    const session = hub?.session(hostId);
    if (!session) {
      await appendTimeline(db, id, entry("note", `${name}'s agent is unreachable: it reverts by itself at the deadline`, { hostId }));
      return;
    }
    try {
      const r = await session.request("gameday/stop", { experimentId: id }, STOP_TIMEOUT_MS);
      // The agent answers reverted: true with the undo's error when undoing failed.
      const failed = r.reverted && r.detail.startsWith("the undo failed");
      await appendTimeline(db, id, entry("reverted", `${name} ${failed ? "failed to revert" : "reverted"} (${why})${r.detail ? `: ${r.detail}` : ""}`, { hostId, ok: !failed }));
    } catch (err) {
      log.warn("gamedays", "an agent did not revert when asked", { id, hostId, error: message(err) });
      await appendTimeline(db, id, entry("note", `${name} did not answer the stop (${message(err)}): it reverts by itself at the deadline`, { hostId }));
    }
  }));
}

/** Aborts a running game day: every reachable agent reverts now; the scheduler finishes it. */
export async function abortGameDay(db: Db, id: string, actor: AuditActor, meta: AuditOrigin): Promise<{ id: string; status: string }> {
  const g = await findGameDay(db, id);
  if (!g) throw new DomainError("not_found", "Game day not found");
  if (!(await moveStatus(db, id, ["running"], "reverting"))) throw new DomainError("conflict", `This game day is ${g.status}: there is nothing to abort`);
  await appendTimeline(db, id, entry("abort", `Aborted by ${actor.name ?? actor.type}`));
  await recordAudit(db, { actor, action: "gameday.abort", target: { type: "gameday", id }, details: { title: g.scope.title }, meta });
  publishGameDay(id, "reverting");
  await revertAll(db, id, "aborted");
  return { id, status: "reverting" };
}
