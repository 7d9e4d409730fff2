// The Hosts list, one keyset page at a time in name order: search, an online/offline/revoked filter,
// each host's status and container figures read for that page only (one grouped query), and the
// counts by status of the hosts the search finds, so a thousand hosts cost what fifty do.
import type { Db, Prisma } from "@/lib/db";
import { findPage } from "@/lib/db/pagination";
import { findAgentHub, toHostStatusView } from "@/lib/agents";
import { hostRows, toHostView } from "@/lib/inventory";
import type { HostCounts, HostListPage, HostListQuery, HostListRow } from "./schemas";

export interface HostListOptions {
  /** Whether a host's agent is connected (default: this process's agent hub). */
  isOnline?: (hostId: string) => boolean;
}

type Usage = HostListRow["usage"];
const include = { _count: { select: { services: true } } } as const;

/** The `where` of a search: a substring of the name, the hostname the agent reports or an address. */
export function hostSearchWhere(q: string | undefined): Prisma.HostWhereInput {
  const s = q?.trim();
  if (!s) return {};
  return { OR: [{ name: { contains: s } }, { hostname: { contains: s } }, { addresses: { contains: s } }] };
}

/** Counts of the hosts a search finds (all of them without one) and the ids of the connected ones (the hub knows who is online, SQL does not). */
async function countHosts(db: Db, search: Prisma.HostWhereInput, online: (id: string) => boolean): Promise<{ counts: HostCounts; onlineIds: string[] }> {
  const [all, active] = await Promise.all([db.host.count({ where: search }), db.host.findMany({ where: { AND: [search, { revokedAt: null }] }, select: { id: true } })]);
  const onlineIds = active.filter((h) => online(h.id)).map((h) => h.id);
  return { counts: { all, online: onlineIds.length, offline: active.length - onlineIds.length, revoked: all - active.length }, onlineIds };
}

function statusWhere(status: HostListQuery["status"], onlineIds: string[]): Prisma.HostWhereInput {
  if (status === "online") return { revokedAt: null, id: { in: onlineIds } };
  if (status === "offline") return { revokedAt: null, id: { notIn: onlineIds } };
  if (status === "revoked") return { revokedAt: { not: null } };
  return {};
}

/**
 * Containers running of total per host (SQL groups them) and, for connected hosts, the latest CPU
 * and memory samples of their running containers from the hub's in-memory stats.
 */
export async function hostUsageFor(db: Db, hostIds: string[], online: (id: string) => boolean): Promise<Map<string, Usage>> {
  const out = new Map<string, Usage>();
  if (hostIds.length === 0) return out;
  const groups = await db.containerState.groupBy({ by: ["hostId", "state"], where: { hostId: { in: hostIds } }, _count: { _all: true } });
  for (const g of groups) {
    const u = out.get(g.hostId) ?? { running: 0, total: 0, cpuPercent: null, memoryBytes: null };
    u.total += g._count._all;
    if (g.state === "running") u.running += g._count._all;
    out.set(g.hostId, u);
  }
  const hub = findAgentHub();
  const sampled = hostIds.filter((id) => online(id) && (out.get(id)?.running ?? 0) > 0);
  if (!hub || sampled.length === 0) return out;
  const running = await db.containerState.findMany({ where: { hostId: { in: sampled }, state: "running" }, select: { hostId: true, containerId: true } });
  for (const r of running) {
    const s = hub.statsHistory(r.hostId, r.containerId).at(-1);
    const u = out.get(r.hostId);
    if (!s || !u) continue;
    u.cpuPercent = (u.cpuPercent ?? 0) + s.cpuPercent;
    u.memoryBytes = (u.memoryBytes ?? 0) + s.memoryBytes;
  }
  return out;
}

export async function listHostRows(db: Db, q: HostListQuery, opts: HostListOptions = {}): Promise<HostListPage> {
  const hub = findAgentHub();
  const online = opts.isOnline ?? ((id: string) => hub?.isOnline(id) ?? false);
  const search = hostSearchWhere(q.q);
  const { counts, onlineIds } = await countHosts(db, search, online);
  const where: Prisma.HostWhereInput = { AND: [search, statusWhere(q.status, onlineIds)] };
  const [page, total] = await Promise.all([
    findPage(q, (args) => db.host.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], include, ...args }), (h) => ({ host: toHostView(hostRows.parse(h), h._count.services), status: toHostStatusView(h, online(h.id)) })),
    db.host.count({ where }),
  ]);
  const usage = await hostUsageFor(db, page.items.map((r) => r.host.id), online);
  const empty: Usage = { running: 0, total: 0, cpuPercent: null, memoryBytes: null };
  const items = page.items.map(({ host, status }): HostListRow => ({ ...host, status, usage: usage.get(host.id) ?? empty }));
  return { items, nextCursor: page.nextCursor, total, counts };
}
