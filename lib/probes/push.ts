// Push (heartbeat URL) checks: a secret URL a cron job or script calls; each call is a result
// through the same ingest as probes (vantage "control-plane"), and silence past the interval plus
// grace is a failure (sweepPushChecks). Only the token's SHA-256 is stored; the token is shown
// once when made. Lookups go by digest, then compare in constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { PushTargetSchema, type VantageResult } from "./engine/schemas";
import { PUSH_PATH_PREFIX, type PushCall } from "./engine/push-call";
import { EMPTY_TIMING } from "./engine/types";
import { ingestResults } from "./ingest";
import { CONTROL_PLANE_VANTAGE_ID } from "./schemas";
import { pushBuckets } from "./push-throttle";
import { ensureControlPlaneVantage } from "./vantages";

export const PUSH_TOKEN_BYTES = 24;
/** base64url of PUSH_TOKEN_BYTES bytes. */
export const PushTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/);
/** How often silence is looked for. */
export const PUSH_SWEEP_INTERVAL_MS = 5_000;
export { MAX_PUSH_BODY_BYTES, PushCallSchema, type PushCall } from "./engine/push-call";

export const pushTokenDigest = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/** Makes (or replaces) a push check's token: the old URL stops working at once. Returns the token, once. */
export async function issuePushToken(db: Db, checkId: string, actor: AuditActor, meta: AuditOrigin): Promise<{ token: string; path: string }> {
  const token = randomBytes(PUSH_TOKEN_BYTES).toString("base64url");
  await db.$transaction(async (tx) => {
    const check = await tx.check.findUnique({ where: { id: checkId }, select: { id: true, type: true, name: true, pushTokenHash: true } });
    if (!check) throw notFound("Check");
    if (check.type !== "push") throw new DomainError("conflict", "Only push checks have a push URL");
    await tx.check.update({ where: { id: checkId }, data: { pushTokenHash: pushTokenDigest(token) } });
    await recordAudit(tx, { actor, action: check.pushTokenHash ? "check.push_token.regenerate" : "check.push_token.create", target: { type: "check", id: checkId }, details: { name: check.name }, meta });
  });
  return { token, path: `${PUSH_PATH_PREFIX}${token}` };
}

/** Whether a push check has a URL (the token itself is never readable again). */
export async function pushUrlStatus(db: Db, checkId: string): Promise<{ configured: boolean }> {
  const check = await db.check.findUnique({ where: { id: checkId }, select: { type: true, pushTokenHash: true } });
  if (!check) throw notFound("Check");
  if (check.type !== "push") throw new DomainError("conflict", "Only push checks have a push URL");
  return { configured: check.pushTokenHash !== null };
}

const rateLimited = (waitMs: number) => new DomainError("rate_limited", "Too many push calls; try again shortly", { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });

export type PushOutcome = { recorded: true } | { recorded: false; reason: string };

/**
 * One call of a push URL. Unknown, malformed and non-push tokens are the same 404; limits apply per
 * address, per address for misses (checked before the lookup) and per token.
 */
export async function receivePush(db: Db, token: string, call: PushCall, ip: string | null, now: Date = new Date()): Promise<PushOutcome> {
  const buckets = pushBuckets();
  const addr = ip ?? "unknown";
  const t = now.getTime();
  const missWait = buckets.miss.waitMs(addr, t);
  if (missWait > 0) throw rateLimited(missWait);
  const addrWait = buckets.address.take(addr, t);
  if (addrWait > 0) throw rateLimited(addrWait);
  const parsed = PushTokenSchema.safeParse(token);
  const digest = pushTokenDigest(parsed.success ? parsed.data : "malformed");
  const check = parsed.success ? await db.check.findUnique({ where: { pushTokenHash: digest }, select: { id: true, type: true, enabled: true, pausedAt: true, pushTokenHash: true } }) : null;
  const stored = Buffer.from(check?.pushTokenHash ?? "0".repeat(64), "hex");
  const matches = timingSafeEqual(stored, Buffer.from(digest, "hex")) && check !== null && check.type === "push";
  if (!matches) {
    buckets.miss.take(addr, t);
    throw notFound("Push URL");
  }
  const tokenWait = buckets.token.take(digest, t);
  if (tokenWait > 0) throw rateLimited(tokenWait);
  if (check.pausedAt) return { recorded: false, reason: "the check is paused" };
  if (!check.enabled) return { recorded: false, reason: "the check is disabled" };
  const up = call.status === "up";
  const result: VantageResult = {
    checkId: check.id,
    at: now.toISOString(),
    ok: up,
    errorClass: up ? null : "reported_down",
    message: call.msg?.trim() || (up ? null : "the caller reported down"),
    latencyMs: call.ping ?? null,
    timing: EMPTY_TIMING,
    statusCode: null,
    tls: null,
    answers: null,
    fingerprint: null,
  };
  // With probing off (HOMEPORT_PROBES=0) the control plane's vantage may not exist yet.
  await ensureControlPlaneVantage(db);
  await ingestResults(CONTROL_PLANE_VANTAGE_ID, [result], db, now);
  return { recorded: true };
}

/**
 * Fails every enabled, unpaused push check that heard nothing for its interval plus grace, at most
 * once per interval. The clock starts at the last call, or at the check's last change (creation,
 * an edit, resuming) when that is later. Returns how many failures were recorded.
 */
export async function sweepPushChecks(db: Db, now: Date = new Date()): Promise<number> {
  const checks = await db.check.findMany({ where: { type: "push", enabled: true, pausedAt: null, OR: [{ sourceKey: null }, { sourceKey: { not: "exposure" } }] }, select: { id: true, intervalSec: true, target: true, updatedAt: true } });
  const due: VantageResult[] = [];
  for (const c of checks) {
    const target = PushTargetSchema.safeParse(safeJson(c.target));
    const graceSec = target.success ? target.data.graceSec : PushTargetSchema.parse({}).graceSec;
    const last = await db.probeResult.findFirst({
      where: { checkId: c.id, vantageId: CONTROL_PLANE_VANTAGE_ID, OR: [{ errorClass: null }, { errorClass: { not: "no_heartbeat" } }] },
      orderBy: { at: "desc" },
      select: { at: true },
    });
    const since = Math.max(last?.at.getTime() ?? 0, c.updatedAt.getTime());
    const allowedMs = (c.intervalSec + graceSec) * 1000;
    if (now.getTime() - since <= allowedMs) continue;
    const cell = await db.checkState.findUnique({ where: { checkId_vantageId: { checkId: c.id, vantageId: CONTROL_PLANE_VANTAGE_ID } }, select: { lastAt: true } });
    if (cell?.lastAt && now.getTime() - cell.lastAt.getTime() < c.intervalSec * 1000) continue;
    due.push({
      checkId: c.id,
      at: now.toISOString(),
      ok: false,
      errorClass: "no_heartbeat",
      message: last ? `no push for ${Math.round((now.getTime() - last.at.getTime()) / 1000)} s (allowed: ${c.intervalSec + graceSec} s)` : `no push yet (allowed: ${c.intervalSec + graceSec} s)`,
      latencyMs: null,
      timing: EMPTY_TIMING,
      statusCode: null,
      tls: null,
      answers: null,
      fingerprint: null,
    });
  }
  if (due.length > 0) await ingestResults(CONTROL_PLANE_VANTAGE_ID, due, db, now);
  return due.length;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return null;
  }
}
