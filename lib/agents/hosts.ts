// Host status as the dashboard shows it ("online", or "unknown, last seen …", never "down") and
// revocation, which cuts the agent's connection at once.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/api/errors";
import type { RequestMeta } from "@/lib/api/request-meta";
import { recordAudit, type AuditActor } from "@/lib/audit";
import { checksChanged } from "@/lib/probes/wake";
import { findAgentHub } from "./hub";
import type { HostStatusView, HostUpdateInput } from "./schemas";
import { toHostStatusView } from "./views";

export async function getHostStatusOrThrow(db: Db, hostId: string): Promise<HostStatusView> {
  const host = await db.host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("Host");
  return toHostStatusView(host, findAgentHub()?.isOnline(hostId) ?? false);
}

export async function listHostStatuses(db: Db): Promise<HostStatusView[]> {
  const hub = findAgentHub();
  const hosts = await db.host.findMany({ orderBy: { name: "asc" }, take: 500 });
  return hosts.map((h) => toHostStatusView(h, hub?.isOnline(h.id) ?? false));
}

/**
 * Changes where a host probes from. Its vantage point takes the new kind at once, and the agent
 * gets the schedule of that kind (checks aimed at `kind:lan` or `kind:remote`).
 */
export async function updateHost(db: Db, hostId: string, input: HostUpdateInput, actor: AuditActor, meta: RequestMeta): Promise<HostStatusView> {
  const host = await db.$transaction(async (tx) => {
    const h = await tx.host.findUnique({ where: { id: hostId } });
    if (!h) throw notFound("Host");
    const updated = await tx.host.update({ where: { id: hostId }, data: { vantage: input.vantage } });
    await tx.vantagePoint.updateMany({ where: { id: hostId }, data: { kind: input.vantage } });
    if (h.vantage !== input.vantage) {
      await recordAudit(tx, { actor, action: "host.update", target: { type: "host", id: hostId }, details: { name: h.name, vantage: { from: h.vantage, to: input.vantage } }, meta });
    }
    return updated;
  });
  checksChanged();
  return toHostStatusView(host, findAgentHub()?.isOnline(hostId) ?? false);
}

export async function revokeHost(db: Db, hostId: string, actor: AuditActor, meta: RequestMeta, reason?: string): Promise<HostStatusView> {
  const host = await db.$transaction(async (tx) => {
    const h = await tx.host.findUnique({ where: { id: hostId } });
    if (!h) throw notFound("Host");
    const updated = await tx.host.update({ where: { id: hostId }, data: { revokedAt: h.revokedAt ?? new Date(), agentSecretHash: null } });
    await recordAudit(tx, { actor, action: "host.revoke", target: { type: "host", id: hostId }, details: { name: h.name, ...(reason ? { reason } : {}) }, meta });
    return updated;
  });
  const hub = findAgentHub();
  hub?.disconnect(hostId, 4403, "revoked");
  const view = toHostStatusView(host, false);
  hub?.bus.publish({ type: "host/status", hostId, status: view });
  return view;
}
