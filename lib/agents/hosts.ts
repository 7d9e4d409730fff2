// Host status as the dashboard shows it ("online", or "unknown, last seen …", never "down") and
// revocation, which cuts the agent's connection at once.
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { checksChanged } from "@/lib/probes/wake";
import { hostRows } from "@/lib/inventory";
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
 * Changes where a host probes from (its vantage point takes the new kind at once, and the agent
 * gets the schedule of that kind) and which folders its services may bind-mount.
 */
export async function updateHost(db: Db, hostId: string, input: HostUpdateInput, actor: AuditActor, meta: AuditOrigin): Promise<HostStatusView> {
  const host = await db.$transaction(async (tx) => {
    const row = await tx.host.findUnique({ where: { id: hostId } });
    if (!row) throw notFound("Host");
    const h = hostRows.parse(row);
    const bindRoots = input.bindRoots ? [...new Set(input.bindRoots)].sort() : undefined;
    const addresses = input.addresses ? [...new Set(input.addresses)] : undefined;
    const updated = await tx.host.update({
      where: { id: hostId },
      data: { ...(input.vantage && { vantage: input.vantage }), ...(bindRoots && { bindRoots: JSON.stringify(bindRoots) }), ...(addresses && { addresses: JSON.stringify(addresses) }) },
    });
    if (input.vantage) await tx.vantagePoint.updateMany({ where: { id: hostId }, data: { kind: input.vantage } });
    const details: Record<string, unknown> = { name: h.name };
    if (input.vantage && h.vantage !== input.vantage) details.vantage = { from: h.vantage, to: input.vantage };
    if (bindRoots && JSON.stringify(bindRoots) !== JSON.stringify(h.bindRoots)) details.bindRoots = { from: h.bindRoots, to: bindRoots };
    if (addresses && JSON.stringify(addresses) !== JSON.stringify(h.addresses)) details.addresses = { from: h.addresses, to: addresses };
    if (Object.keys(details).length > 1) await recordAudit(tx, { actor, action: "host.update", target: { type: "host", id: hostId }, details, meta });
    return updated;
  });
  if (input.vantage) checksChanged();
  return toHostStatusView(host, findAgentHub()?.isOnline(hostId) ?? false);
}

export async function revokeHost(db: Db, hostId: string, actor: AuditActor, meta: AuditOrigin, reason?: string): Promise<HostStatusView> {
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

/**
 * Forgets a revoked host: its row, its observed containers and its vantage point go; services placed on it
 * become unplaced (kept, with their history); nothing on its engine is touched (its agent can no longer
 * connect). Refused while it is not revoked, or while stacks are placed on it.
 */
export async function removeHost(db: Db, hostId: string, actor: AuditActor, meta: AuditOrigin): Promise<{ id: string; name: string; unplacedServices: number }> {
  const result = await db.$transaction(async (tx) => {
    const h = await tx.host.findUnique({ where: { id: hostId }, select: { id: true, name: true, revokedAt: true, _count: { select: { stacks: true, services: true } } } });
    if (!h) throw notFound("Host");
    if (!h.revokedAt) throw new DomainError("conflict", `Revoke ${h.name} first: a host whose agent can still connect cannot be removed`);
    if (h._count.stacks > 0) throw new DomainError("conflict", `${h.name} still runs ${h._count.stacks} stack(s): remove them or place them elsewhere first`);
    await tx.vantagePoint.deleteMany({ where: { id: hostId } });
    await tx.host.delete({ where: { id: hostId } });
    await recordAudit(tx, { actor, action: "host.remove", target: { type: "host", id: hostId }, details: { name: h.name, unplacedServices: h._count.services }, meta });
    return { id: h.id, name: h.name, unplacedServices: h._count.services };
  });
  checksChanged();
  return result;
}

