// The agent's handlers for the gameday requests (issue 17, proving ground); spread into handlers.ts.
// Every fault is armed on the dead-man's switch before it is applied and undone by it: at the
// deadline, when stopped, at the next agent start, on shutdown, and (nftables) by a detached failsafe.
import type { GameDayEvents, GameDayReadRequests, GameDayWriteRequests } from "@/lib/protocol";
import { AgentError } from "./errors";
import type { HandlerMap } from "./handlers";
import type { DeadmanEntry, DeadmanEnv, DeadmanFeature, RevertReason } from "./deadman";
import { faultCapabilities } from "./faults/capabilities";
import { FaultDataSchemas, prepareFault } from "./faults/prepare";
import { revertInternetDown } from "./faults/internet-down";
import { revertStop } from "./faults/stop-container";
import { revertNetem } from "./faults/netem";
import { GameDayOutbox } from "./faults/outbox";
import type { z } from "zod";

const KIND_PREFIX = "gameday:";
const FAULT_KINDS = ["internet-down", "stop-container", "cut-agent", "netem"] as const;
type Kind = (typeof FAULT_KINDS)[number];

/** Game-day entries share the switch with firewall changes: their journal ids are prefixed too. */
const journalId = (experimentId: string) => `${KIND_PREFIX}${experimentId}`;
const kindOf = (entry: DeadmanEntry): Kind | null => {
  const k = entry.kind.startsWith(KIND_PREFIX) ? entry.kind.slice(KIND_PREFIX.length) : "";
  return (FAULT_KINDS as readonly string[]).includes(k) ? (k as Kind) : null;
};
const targetOf = (entry: DeadmanEntry): string | null => {
  const t = (entry.data as { target?: unknown } | null)?.target;
  return typeof t === "string" ? t : null;
};

/** Starts whose apply failed: reverted at once and answered with the error, so no "reverted" event. */
const quiet = new Set<string>();
/** The last undo's error per journal id, read by `gameday/stop` right after its revert. */
const lastError = new Map<string, string | null>();
const outbox = new GameDayOutbox();
/** Faults being applied, by what they hold: an undo that comes early (a short deadline during a slow stop) waits for it. */
const applying = new Map<string, Promise<string>>();
const holdKey = (data: unknown): string | null => {
  const d = data as { target?: unknown; table?: unknown } | null;
  return typeof d?.target === "string" ? d.target : typeof d?.table === "string" ? d.table : null;
};
async function afterApply(data: unknown): Promise<void> {
  const key = holdKey(data);
  await (key ? applying.get(key) : undefined)?.catch(() => undefined);
}

export const gameDayHandlers: Pick<HandlerMap, keyof typeof GameDayReadRequests | keyof typeof GameDayWriteRequests> = {
  "gameday/capabilities": async (_p, { policy }) => faultCapabilities(policy),
  "gameday/active": async (_p, { deadman }) => ({
    active: deadman.list().flatMap((e) => {
      const kind = kindOf(e);
      return kind ? [{ experimentId: e.id.slice(KIND_PREFIX.length), kind, startedAt: e.startedAt, deadline: e.deadline }] : [];
    }),
  }),
  "gameday/start": async ({ experimentId, fault, durationSec }, ctx) => {
    if (!ctx.policy.allowFaults) throw new AgentError("policy_denied", "this host's owner turned game days off (--deny-faults)");
    const id = journalId(experimentId);
    if (ctx.deadman.has(id)) throw new AgentError("conflict", `experiment ${experimentId} is already in force on this host`);
    const durationMs = durationSec * 1000;
    const prepared = await prepareFault(experimentId, fault, Date.now() + durationMs, ctx);
    const holder = prepared.target ? ctx.deadman.list().find((e) => kindOf(e) && targetOf(e) === prepared.target) : undefined;
    if (holder) throw new AgentError("conflict", `experiment ${holder.id.slice(KIND_PREFIX.length)} already holds ${prepared.target === "link" ? "the agent's link" : "that container"} until ${holder.deadline}`);
    let entry: DeadmanEntry;
    try {
      entry = ctx.deadman.arm({ id, kind: `${KIND_PREFIX}${fault.kind}`, durationMs, data: prepared.data, ...(prepared.failsafe ? { failsafe: prepared.failsafe } : {}) });
    } catch (err) {
      throw new AgentError("conflict", err instanceof Error ? err.message : String(err));
    }
    const key = holdKey(prepared.data) ?? id;
    const applied = prepared.apply();
    applying.set(key, applied);
    try {
      return { deadline: entry.deadline, detail: (await applied).slice(0, 4096) };
    } catch (err) {
      if (applying.get(key) === applied) applying.delete(key);
      quiet.add(id);
      await ctx.deadman.revert(id, "stopped");
      quiet.delete(id); // when the deadline's undo got there first, it was told as usual
      throw err;
    } finally {
      if (applying.get(key) === applied) applying.delete(key);
    }
  },
  "gameday/stop": async ({ experimentId }, { deadman }) => {
    const id = journalId(experimentId);
    lastError.delete(id);
    const reverted = await deadman.revert(id, "stopped");
    const error = lastError.get(id) ?? null;
    lastError.delete(id);
    if (!reverted) return { reverted: false, detail: `experiment ${experimentId} is not in force here (already reverted)` };
    return { reverted: true, detail: error ? `the undo failed: ${error}`.slice(0, 4096) : `experiment ${experimentId} reverted` };
  },
};

function parse<K extends Kind>(kind: K, data: unknown): z.infer<(typeof FaultDataSchemas)[K]> {
  return FaultDataSchemas[kind].parse(data) as z.infer<(typeof FaultDataSchemas)[K]>;
}

/** Undo steps for what these handlers arm on the dead-man's switch (kinds prefixed "gameday:"). */
export const gameDayDeadman: DeadmanFeature = {
  reverters: (env: DeadmanEnv) => ({
    // The internet is back: dial at once if the link went down with it, rather than at the next backoff.
    "gameday:internet-down": async (data) => afterApply(data).then(() => revertInternetDown(parse("internet-down", data).table)).then(() => env.link.resume()),
    "gameday:stop-container": async (data) => afterApply(data).then(() => revertStop(env.docker, parse("stop-container", data))),
    "gameday:cut-agent": async (data) => afterApply(data).then(() => env.link.resume()),
    "gameday:netem": async (data) => afterApply(data).then(() => revertNetem(env.docker, parse("netem", data).containerId)),
  }),
  onReverted: (entry: DeadmanEntry, reason: RevertReason, error: string | null, env: DeadmanEnv) => {
    if (!kindOf(entry)) return;
    lastError.set(entry.id, error);
    if (quiet.delete(entry.id)) return;
    const event: z.infer<(typeof GameDayEvents)["gameday/reverted"]> = {
      experimentId: entry.id.slice(KIND_PREFIX.length),
      at: new Date().toISOString(),
      reason: reason === "shutdown" ? "stopped" : reason,
      ok: error === null,
      error: error?.slice(0, 4096) ?? null,
    };
    outbox.send(event, (e) => env.emit("gameday/reverted", e));
  },
};
