// Refused unauthenticated attempts: each spends one of the address's attempts (address-throttle)
// and is folded into the audit trail (one row per address, actor and reason, with a count). Used
// by setup and enrollment here, and by the agent hub for refused WebSocket upgrades.
import type { Db } from "@/lib/db";
import { type AuditOrigin, recordRefusal, type AuditActor } from "@/lib/audit";
import { getAddressThrottle, type UnauthenticatedEndpoint } from "./address-throttle";

export interface Refusal {
  action: string;
  reason: string;
  actor?: AuditActor;
  details?: Record<string, unknown>;
  meta: Pick<AuditOrigin, "ip" | "userAgent">;
}

/** Spends one of the address's attempts at `endpoint` and records the refusal, folded. */
export async function refuseUnauthenticated(db: Db, endpoint: UnauthenticatedEndpoint, r: Refusal): Promise<void> {
  getAddressThrottle().refuse(endpoint, r.meta.ip);
  await recordRefusal(db, { actor: r.actor ?? { type: "anonymous" }, action: r.action, reason: r.reason, details: r.details, meta: r.meta });
}

/**
 * For the agent hub, before it checks an upgrade's credentials: milliseconds the address must
 * wait (answer `429 Too Many Requests` with `Retry-After: ceil(ms / 1000)`), or 0 to go ahead.
 */
export function agentConnectRetryAfterMs(ip: string | null): number {
  return getAddressThrottle().retryAfterMs("agent-connect", ip);
}

/**
 * For the agent hub, when it refuses an upgrade: spends one of the address's attempts and folds
 * an `agent.connect.refused` audit row (same address and reason within the fold span: count + 1).
 */
export async function recordRefusedAgentConnection(
  db: Db,
  r: { ip: string | null; userAgent: string | null; reason: string; agentId?: string | null },
): Promise<void> {
  await refuseUnauthenticated(db, "agent-connect", {
    action: "agent.connect.refused",
    reason: r.reason,
    actor: { type: "anonymous", name: r.agentId ? r.agentId.slice(0, 64) : null },
    meta: { ip: r.ip, userAgent: r.userAgent?.slice(0, 256) ?? null },
  });
}
