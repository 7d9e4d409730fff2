// The firewall's control-plane side: reads a host's ruleset through its agent into the view and the
// suggestions, previews a plan, and applies it (admin only, after the preview) with the agent's
// dead-man's switch, confirming at once by a fresh round trip; each change is a FirewallChange row
// (pending → applied → confirmed, or reverted / failed) and audited.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { AgentRequestError, findAgentHub, type AgentSession } from "@/lib/agents";
import { DomainError } from "@/lib/errors";
import { FirewallPlanSchema, MAX_CONFIRM_SECONDS, renderHomeportTable, type FirewallPlan, type FirewallState } from "@/lib/protocol";
import { suggestFacts } from "./facts";
import { buildPreview, previewHash } from "./plan";
import { suggestRules } from "./suggest";
import { acceptedInbound, firewallView } from "./view";
import type { FirewallApplyRequest, FirewallChangeStatus, FirewallChangeView, FirewallHostSummary, FirewallHostView, FirewallPlanRequest, FirewallPreview } from "./schemas";

/** How long reading the ruleset may take. */
export const READ_TIMEOUT_MS = 15_000;
/** How long the agent may take to check and apply a table. */
export const APPLY_TIMEOUT_MS = 15_000;
/** The confirmation must be back this long before the agent's deadline. */
const CONFIRM_MARGIN_MS = 2_000;
/** Changes kept per host in the history shown. */
export const MAX_CHANGES_LISTED = 50;

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);
const PolicyFirewall = z.object({ allowFirewall: z.boolean().optional() }).passthrough();
const StoredPlan = z.object({ plan: FirewallPlanSchema, nftText: z.string() });

function allowFirewallOf(agentPolicy: string | null): boolean {
  if (!agentPolicy) return true;
  try {
    return PolicyFirewall.safeParse(JSON.parse(agentPolicy)).data?.allowFirewall !== false;
  } catch {
    return true;
  }
}

async function hostOrThrow(db: Db, hostId: string) {
  const h = await db.host.findFirst({ where: { id: hostId, revokedAt: null }, select: { id: true, name: true, addresses: true, agentPolicy: true } });
  if (!h) throw new DomainError("not_found", "Host not found");
  return h;
}

function sessionOrThrow(host: { id: string; name: string }): AgentSession {
  const s = findAgentHub()?.session(host.id);
  if (!s) throw new DomainError("conflict", `${host.name}'s agent is offline: its firewall cannot be read or changed now`);
  return s;
}

/** The agent's answer as a 4xx in words (a policy refusal is 403, anything else the agent could not do 409). */
function agentError(host: { name: string }, err: unknown): never {
  if (err instanceof AgentRequestError) {
    if (err.code === "policy_denied") throw new DomainError("forbidden", `${host.name}: ${err.message}`);
    if (err.code === "invalid_params") throw new DomainError("invalid", `${host.name}: ${err.message}`);
    throw new DomainError("conflict", `${host.name}'s agent answered: ${err.message}`);
  }
  throw err;
}

async function readState(db: Db, hostId: string, mustWork: boolean) {
  const host = await hostOrThrow(db, hostId);
  if (mustWork && !allowFirewallOf(host.agentPolicy)) throw new DomainError("forbidden", `${host.name}'s owner turned firewall changes off (--deny-firewall)`);
  const session = sessionOrThrow(host);
  const state = await session.request("firewall/read", {}, READ_TIMEOUT_MS).catch((err: unknown) => agentError(host, err));
  if (mustWork && !state.available) throw new DomainError("conflict", `${host.name}: ${state.reason ?? "its firewall cannot be changed"}`);
  return { host, session, state };
}

async function suggestionsFor(db: Db, host: { id: string; name: string; addresses: string | null }, state: FirewallState) {
  return suggestRules({ ...(await suggestFacts(db, host)), interfaces: state.interfaces, acceptedNow: acceptedInbound(state.ruleset) });
}

/** A change still "pending" this long after it was made was cut short by a restart of Homeport. */
export const STALE_PENDING_MS = APPLY_TIMEOUT_MS + MAX_CONFIRM_SECONDS * 1000 + 60_000;

/**
 * Settles changes a restart of Homeport left "pending": the agent either never got them, or applied
 * them and, never confirmed, reverted them by itself at the deadline (which has passed).
 */
async function settleStale(db: Db, hostId?: string): Promise<void> {
  await db.firewallChange.updateMany({
    where: { status: "pending", createdAt: { lt: new Date(Date.now() - STALE_PENDING_MS) }, ...(hostId ? { hostId } : {}) },
    data: { status: "failed", error: "Homeport stopped before the agent answered; never confirmed, the rules (if the agent applied them) were reverted by the agent at their deadline" },
  });
}

export async function listFirewallHosts(db: Db): Promise<FirewallHostSummary[]> {
  await settleStale(db);
  const hosts = await db.host.findMany({ where: { revokedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, agentPolicy: true } });
  const hub = findAgentHub();
  const last = await Promise.all(hosts.map((h) => db.firewallChange.findFirst({ where: { hostId: h.id }, orderBy: { createdAt: "desc" }, select: { status: true, createdAt: true } })));
  return hosts.map((h, i) => ({
    id: h.id,
    name: h.name,
    online: hub?.isOnline(h.id) ?? false,
    allowFirewall: allowFirewallOf(h.agentPolicy),
    lastChange: last[i] ? { status: last[i]!.status as FirewallChangeStatus, createdAt: last[i]!.createdAt.toISOString() } : null,
  }));
}

export async function getHostFirewall(db: Db, hostId: string): Promise<FirewallHostView> {
  const host = await hostOrThrow(db, hostId);
  const base = { id: host.id, name: host.name, online: findAgentHub()?.isOnline(host.id) ?? false, allowFirewall: allowFirewallOf(host.agentPolicy) };
  const empty = { view: null, suggestions: null, homeportTable: null, pending: [] };
  if (!base.online) return { host: base, available: false, reason: `${host.name}'s agent is offline`, ...empty };
  const { state } = await readState(db, hostId, false);
  if (!state.available) return { host: base, available: false, reason: state.reason, ...empty, pending: state.pending };
  return {
    host: base,
    available: true,
    reason: null,
    view: firewallView(state.ruleset, state.interfaces),
    suggestions: await suggestionsFor(db, host, state),
    homeportTable: state.homeportTable,
    pending: state.pending,
  };
}

export async function previewFirewallPlan(db: Db, hostId: string, input: FirewallPlanRequest): Promise<FirewallPreview> {
  const { host, state } = await readState(db, hostId, true);
  const suggested = await suggestionsFor(db, host, state);
  return buildPreview(input.plan ?? suggested.plan, state.homeportTable, suggested.wouldCut);
}

function changeView(r: { id: string; hostId: string; status: string; actor: string; plan: string; createdAt: Date; appliedAt: Date | null; deadlineAt: Date | null; confirmedAt: Date | null; revertedAt: Date | null; error: string | null }): FirewallChangeView {
  let stored: { plan: FirewallPlan; nftText: string } | null = null;
  try {
    stored = StoredPlan.parse(JSON.parse(r.plan));
  } catch {
    stored = null;
  }
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: r.id,
    hostId: r.hostId,
    status: r.status as FirewallChangeStatus,
    actor: r.actor,
    nftText: stored?.nftText ?? "",
    ruleCount: stored?.plan.rules.length ?? 0,
    createdAt: r.createdAt.toISOString(),
    appliedAt: iso(r.appliedAt),
    deadlineAt: iso(r.deadlineAt),
    confirmedAt: iso(r.confirmedAt),
    revertedAt: iso(r.revertedAt),
    error: r.error,
  };
}

export async function listFirewallChanges(db: Db, hostId: string): Promise<FirewallChangeView[]> {
  await hostOrThrow(db, hostId);
  await settleStale(db, hostId);
  const rows = await db.firewallChange.findMany({ where: { hostId }, orderBy: { createdAt: "desc" }, take: MAX_CHANGES_LISTED });
  return rows.map(changeView);
}

/**
 * Applies the previewed plan. The agent answers the apply with a one-time token only after the new
 * table is in force; sending it back in `firewall/confirm` proves the link works both ways with the
 * rules on. Anything short of that leaves the change unconfirmed, and the agent reverts it itself.
 */
export async function applyFirewallPlan(db: Db, hostId: string, input: FirewallApplyRequest, actor: AuditActor, meta: AuditOrigin): Promise<FirewallChangeView> {
  const { host, session, state } = await readState(db, hostId, true);
  if (previewHash(input.plan, state.homeportTable) !== input.hash) throw new DomainError("conflict", "The rules or the table in force changed since the preview: preview again before applying");
  if (state.pending.length > 0) throw new DomainError("conflict", `A firewall change on ${host.name} is still waiting for its confirmation; try again after ${state.pending[0]!.deadline}`);
  const nftText = renderHomeportTable(input.plan);
  const row = await db.firewallChange.create({ data: { hostId, status: "pending", plan: JSON.stringify({ plan: input.plan, nftText }), actor: actor.name ?? actor.type } });
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAudit(db, { actor, action, target: { type: "host", id: hostId }, meta, details: { changeId: row.id, host: host.name, ...details } });
  await audit("firewall.apply", { rules: input.plan.rules.length, inputPolicy: input.plan.inputPolicy, confirmWithinSec: input.confirmWithinSec });
  const sentAt = Date.now();
  const deadlineGuess = new Date(sentAt + input.confirmWithinSec * 1000);
  let applied: { deadline: string; confirmToken: string };
  try {
    // Never wait for the answer past the deadline: an answer that late could only confirm a reverted change.
    const timeout = Math.min(APPLY_TIMEOUT_MS, input.confirmWithinSec * 1000 - CONFIRM_MARGIN_MS);
    applied = await session.request("firewall/apply", { changeId: row.id, plan: input.plan, confirmWithinSec: input.confirmWithinSec }, timeout);
  } catch (err) {
    const answered = err instanceof AgentRequestError && err.code !== "timeout" && err.code !== "unavailable";
    // Refused by the agent: nothing changed. No answer: it may be in force, and reverts by itself.
    const data = answered
      ? { status: "failed", error: `The agent refused: ${errText(err)}` }
      : { status: "applied", appliedAt: new Date(sentAt), deadlineAt: deadlineGuess, error: `No answer after the apply (${errText(err)}); unless confirmed, the agent reverts it by ${deadlineGuess.toISOString()}` };
    await db.firewallChange.updateMany({ where: { id: row.id, status: "pending" }, data });
    return changeView(await db.firewallChange.findUniqueOrThrow({ where: { id: row.id } }));
  }
  const deadline = new Date(applied.deadline);
  await db.firewallChange.update({ where: { id: row.id }, data: { status: "applied", appliedAt: new Date(), deadlineAt: deadline } });
  try {
    const timeout = Math.max(1_000, deadline.getTime() - Date.now() - CONFIRM_MARGIN_MS);
    const c = await session.request("firewall/confirm", { changeId: row.id, confirmToken: applied.confirmToken }, timeout);
    if (!c.confirmed) throw new Error(c.detail);
  } catch (err) {
    // The agent's own revert may already be recorded; that record wins.
    await db.firewallChange.updateMany({ where: { id: row.id, status: "applied" }, data: { error: `Could not confirm (${errText(err)}); the agent reverts it by ${deadline.toISOString()}` } });
    return changeView(await db.firewallChange.findUniqueOrThrow({ where: { id: row.id } }));
  }
  // The reverted event may have raced this; a reverted change stays reverted.
  const done = await db.firewallChange.updateMany({ where: { id: row.id, status: "applied" }, data: { status: "confirmed", confirmedAt: new Date() } });
  if (done.count > 0) await audit("firewall.confirm", { roundTripMs: Date.now() - sentAt });
  return changeView(await db.firewallChange.findUniqueOrThrow({ where: { id: row.id } }));
}
