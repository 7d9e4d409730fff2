// Hosts: enrolled agents. Read-only here; enrolment and revocation come with the agent hub.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { pageArgs, toPage, type Page, type PageQuery } from "@/lib/db/pagination";
import { HostPolicySchema, type HostPolicy } from "@/lib/protocol/policy";
import { HostSchema, type HostView } from "./schemas";

type HostRow = {
  id: string;
  name: string;
  role: string;
  vantage: string;
  addresses: string;
  version: string | null;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  bindRoots: string;
  agentPolicy: string | null;
  _count: { services: number };
};

/** The host's admin-set bind roots (a JSON column written only through HostUpdateSchema). */
export function parseBindRoots(column: string): string[] {
  const v: unknown = JSON.parse(column);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** The policy the agent reported (null when none was reported, or it does not parse). */
export function parseAgentPolicy(column: string | null): HostPolicy | null {
  if (!column) return null;
  try {
    const r = HostPolicySchema.safeParse(JSON.parse(column));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function toHostView(h: HostRow): HostView {
  return HostSchema.parse({
    id: h.id,
    name: h.name,
    role: h.role,
    vantage: h.vantage,
    addresses: JSON.parse(h.addresses),
    version: h.version,
    lastSeenAt: h.lastSeenAt?.toISOString() ?? null,
    revoked: h.revokedAt !== null,
    serviceCount: h._count.services,
    bindRoots: parseBindRoots(h.bindRoots),
    agentPolicy: parseAgentPolicy(h.agentPolicy),
  });
}

export async function listHosts(db: Db, q: PageQuery): Promise<Page<HostView>> {
  const rows = await db.host.findMany({ orderBy: { id: "asc" }, include: { _count: { select: { services: true } } }, ...pageArgs(q) });
  const page = toPage(rows, q.limit);
  return { nextCursor: page.nextCursor, items: page.items.map(toHostView) };
}

export async function getHostOrThrow(db: Db, id: string): Promise<HostView> {
  const row = await db.host.findUnique({ where: { id }, include: { _count: { select: { services: true } } } });
  if (!row) throw notFound("Host");
  return toHostView(row);
}

/** The services placed on a host, for its detail page (names only). */
export async function listHostServices(db: Db, hostId: string, limit = 200): Promise<{ id: string; name: string; image: string }[]> {
  return db.service.findMany({ where: { hostId }, select: { id: true, name: true, image: true }, orderBy: { name: "asc" }, take: limit });
}

export async function listHostChoices(db: Db): Promise<{ id: string; name: string }[]> {
  return db.host.findMany({ where: { revokedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
