// Hosts: enrolled agents. Read-only here; enrolment and revocation come with the agent hub.
import type { Db, Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { findPage, type Page, type PageQuery } from "@/lib/db/pagination";
import { hostRows, type HostRecord } from "./rows";
import type { HostView } from "./schemas";

const include = { _count: { select: { services: true } } } as const;
type HostRowWithCount = Prisma.HostGetPayload<{ include: typeof include }>;

/** The API's view of a host: its inventory record and how many services are placed on it. */
export function toHostView(h: HostRecord, serviceCount: number): HostView {
  return {
    id: h.id,
    name: h.name,
    role: h.role,
    vantage: h.vantage,
    addresses: h.addresses,
    version: h.version,
    lastSeenAt: h.lastSeenAt?.toISOString() ?? null,
    revoked: h.revokedAt !== null,
    serviceCount,
    bindRoots: h.bindRoots,
    agentPolicy: h.agentPolicy,
  };
}

const viewOfRow = (h: HostRowWithCount): HostView => toHostView(hostRows.parse(h), h._count.services);

export function listHosts(db: Db, q: PageQuery): Promise<Page<HostView>> {
  return findPage(q, (args) => db.host.findMany({ orderBy: { id: "asc" }, include, ...args }), viewOfRow);
}

export async function getHostOrThrow(db: Db, id: string): Promise<HostView> {
  const row = await db.host.findUnique({ where: { id }, include });
  if (!row) throw notFound("Host");
  return viewOfRow(row);
}

/** The services placed on a host, for its detail page (names only). */
export async function listHostServices(db: Db, hostId: string, limit = 200): Promise<{ id: string; name: string; image: string }[]> {
  return db.service.findMany({ where: { hostId }, select: { id: true, name: true, image: true }, orderBy: { name: "asc" }, take: limit });
}

/** Hosts a service can be placed on, with the policy each agent last reported (the service form shows it beside the powers that need it). */
export async function listHostChoices(db: Db): Promise<{ id: string; name: string; agentPolicy: HostRecord["agentPolicy"]; swarmManager: boolean }[]> {
  const rows = await db.host.findMany({ where: { revokedAt: null }, select: { id: true, name: true, agentPolicy: true, dockerInfo: true }, orderBy: { name: "asc" } });
  return rows.map((r) => {
    const { dockerInfo, ...h } = hostRows.columns(r);
    return { ...h, swarmManager: dockerInfo?.swarm?.manager === true }; // the form offers Swarm mode on a manager
  });
}
