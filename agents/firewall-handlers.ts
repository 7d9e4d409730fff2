// The agent's handlers for the firewall requests (issue 17, proving ground); spread into handlers.ts.
// Apply = check with `nft -c`, arm the dead-man's switch (undo: the previous Homeport table or none,
// also as a detached failsafe command), replace Homeport's table in one nft transaction, answer
// with a one-time token; confirm with that token disarms. Unconfirmed changes revert by themselves.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { HOMEPORT_FW_FAMILY, HOMEPORT_FW_TABLE, renderHomeportTable, replaceTableScript, type AgentEventParams, type FirewallReadRequests, type FirewallWriteRequests } from "@/lib/protocol";
import { AgentError } from "./errors";
import type { HandlerMap, HandlerContext } from "./handlers";
import type { DeadmanEnv, DeadmanFeature } from "./deadman";
import { applyFile, checkFile, deleteHomeportTable, nftUnavailable, readHomeportTable, readInterfaces, readRuleset } from "./firewall/nft";

const KIND = "firewall:table";
const DIR = "firewall";
/** How often a reverted event the control plane has not had yet is tried again. */
export const REVERTED_RETRY_MS = 2_000;
/** Reverted events kept for the control plane while it is away. */
const MAX_UNSENT = 32;

const DataSchema = z.object({ restoreFile: z.string().nullable() });
/** One-time confirmation tokens of the changes in force (a new process reverts everything it finds anyway). */
const tokens = new Map<string, Buffer>();

const denied = (ctx: HandlerContext) => {
  if (!ctx.policy.allowFirewall) throw new AgentError("policy_denied", "this host's owner turned firewall changes off (--deny-firewall)");
};

async function requireNft(): Promise<void> {
  const why = await nftUnavailable();
  if (why) throw new AgentError("unavailable", why);
}

export const firewallHandlers: Pick<HandlerMap, keyof typeof FirewallReadRequests | keyof typeof FirewallWriteRequests> = {
  "firewall/read": async (_p, ctx) => {
    const pending = ctx.deadman.list().filter((e) => e.kind === KIND).slice(0, 16).map((e) => ({ changeId: e.id, deadline: e.deadline }));
    const empty = { ruleset: { tables: [], chains: [], rules: [], truncated: false }, interfaces: [], homeportTable: null, pending };
    if (!ctx.policy.allowFirewall) return { available: false, reason: "this host's owner turned firewall access off (--deny-firewall)", ...empty };
    const why = await nftUnavailable();
    if (why) return { available: false, reason: why, ...empty, interfaces: await readInterfaces() };
    const [ruleset, interfaces, homeportTable] = await Promise.all([readRuleset(), readInterfaces(), readHomeportTable()]);
    return { available: true, reason: null, ruleset, interfaces, homeportTable: homeportTable?.slice(0, 64 * 1024) ?? null, pending };
  },
  "firewall/apply": async ({ changeId, plan, confirmWithinSec }, ctx) => {
    denied(ctx);
    await requireNft();
    const busy = ctx.deadman.list().find((e) => e.kind === KIND);
    if (busy) throw new AgentError("conflict", `firewall change ${busy.id} is waiting for its confirmation until ${busy.deadline}`);
    if (ctx.deadman.has(changeId)) throw new AgentError("conflict", `change ${changeId} was already applied`);
    const dir = join(ctx.stateDir, DIR);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${changeId}.nft`);
    writeFileSync(file, replaceTableScript(renderHomeportTable(plan)), { mode: 0o600 });
    const invalid = await checkFile(file);
    if (invalid) throw new AgentError("invalid_params", `nft refused the rules: ${invalid}`);
    const previousTable = await readHomeportTable();
    let restoreFile: string | null = null;
    if (previousTable) {
      restoreFile = join(dir, `${changeId}.restore.nft`);
      writeFileSync(restoreFile, replaceTableScript(previousTable), { mode: 0o600 });
    }
    const failsafe = restoreFile ? ["nft", "-f", restoreFile] : ["nft", "delete", "table", HOMEPORT_FW_FAMILY, HOMEPORT_FW_TABLE];
    const entry = ctx.deadman.arm({ id: changeId, kind: KIND, durationMs: confirmWithinSec * 1000, data: { restoreFile }, failsafe });
    try {
      await applyFile(file);
    } catch (err) {
      await ctx.deadman.revert(changeId, "stopped");
      throw new AgentError("internal", err instanceof Error ? err.message : String(err));
    }
    const token = randomBytes(16);
    tokens.set(changeId, token);
    return { deadline: entry.deadline, confirmToken: token.toString("hex"), previousTable: previousTable?.slice(0, 64 * 1024) ?? null };
  },
  "firewall/confirm": async ({ changeId, confirmToken }, ctx) => {
    denied(ctx);
    const want = tokens.get(changeId);
    if (!ctx.deadman.has(changeId) || !want) return { confirmed: false, detail: "this change is no longer in force: it was reverted" };
    const got = Buffer.from(confirmToken, "hex");
    if (got.length !== want.length || !timingSafeEqual(got, want)) return { confirmed: false, detail: "wrong confirmation token: only the control plane that received the apply's answer can confirm" };
    ctx.deadman.disarm(changeId);
    tokens.delete(changeId);
    return { confirmed: true, detail: "kept" };
  },
};

type Reverted = AgentEventParams<"firewall/reverted">;
/**
 * Each reverted event is sent more than once, spaced out: a frame written just before a cut link
 * is declared dead is lost without a word. The hub records a change's revert once (idempotent).
 */
export const REVERTED_RESEND_AFTER_MS = [0, 5_000, 20_000, 60_000];
const unsent: { event: Reverted; sent: number; dueAt: number }[] = [];
let retry: NodeJS.Timeout | null = null;

function flush(env: DeadmanEnv): void {
  const now = Date.now();
  for (const u of [...unsent]) {
    if (u.dueAt > now || !env.emit("firewall/reverted", u.event)) continue;
    u.sent += 1;
    const next = REVERTED_RESEND_AFTER_MS[u.sent];
    if (next === undefined) unsent.splice(unsent.indexOf(u), 1);
    else u.dueAt = now + next - (REVERTED_RESEND_AFTER_MS[u.sent - 1] ?? 0);
  }
  if (unsent.length === 0 && retry) {
    clearInterval(retry);
    retry = null;
  } else if (unsent.length > 0 && !retry) {
    retry = setInterval(() => flush(env), REVERTED_RETRY_MS);
    retry.unref();
  }
}

/** Undo steps for what these handlers arm on the dead-man's switch (kinds prefixed "firewall:"). */
export const firewallDeadman: DeadmanFeature = {
  reverters: () => ({
    [KIND]: async (data) => {
      const { restoreFile } = DataSchema.parse(data);
      if (restoreFile) await applyFile(restoreFile);
      else await deleteHomeportTable();
    },
  }),
  onReverted(entry, reason, error, env) {
    if (entry.kind !== KIND) return;
    tokens.delete(entry.id);
    const { restoreFile } = DataSchema.safeParse(entry.data).data ?? { restoreFile: null };
    if (restoreFile && !error) rmSync(restoreFile, { force: true });
    // A failed apply ("stopped") is answered by the apply itself; the rest the control plane must hear of.
    if (reason === "stopped") return;
    unsent.push({ event: { changeId: entry.id, at: new Date().toISOString(), reason, ok: error === null, error: error?.slice(0, 4000) ?? null }, sent: 0, dueAt: 0 });
    if (unsent.length > MAX_UNSENT) unsent.shift();
    flush(env);
  },
};
