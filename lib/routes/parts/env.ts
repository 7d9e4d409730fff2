// What a route part's apply and its cleanup are given: the database, who acts (for the audit
// trail), and how a locally run tunnel reaches its host. Homeport's own work acts as the route
// reconciler, and tunnels reach their hosts through the agents (lib/agents' TunnelDeployer).
import type { Db } from "@/lib/db";
import { type AuditActor, type AuditOrigin, SYSTEM_ORIGIN } from "@/lib/audit";
import { agentTunnelDeployer } from "@/lib/agents";
import type { TunnelDeployer } from "@/lib/tunnel";

export const SYSTEM_ACTOR: AuditActor = { type: "system", name: "route-reconciler" };

export interface PartEnv {
  db: Db;
  actor: AuditActor;
  meta: AuditOrigin;
  /** Runs cloudflared for locally managed tunnels on their hosts. */
  deployer: TunnelDeployer;
}

/** The env of one apply or cleanup; by default Homeport's own work, deploying through the agents. */
export function partEnv(db: Db, actor: AuditActor = SYSTEM_ACTOR, meta: AuditOrigin = SYSTEM_ORIGIN, deployer: TunnelDeployer = agentTunnelDeployer): PartEnv {
  return { db, actor, meta, deployer };
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A cleanup step's problems: none when the outcome is ok, its message otherwise (a throw included). */
export async function problemsOf(outcome: Promise<{ ok: boolean; message: string | null }>): Promise<string[]> {
  try {
    const o = await outcome;
    return o.ok ? [] : [o.message ?? "failed"];
  } catch (err) {
    return [errorText(err)];
  }
}
