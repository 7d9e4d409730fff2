// Loads what deriveRouteParts needs from the database: zones with their providers, tunnels (no
// credentials), services with their published ports, hosts with their addresses, and a route's TLS mode.
import type { Db } from "@/lib/db";
import type { RouteContext } from "./derive";

const parse = <T>(s: string, fallback: T): T => {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

export async function loadRouteContext(db: Db, routeId: string | null): Promise<RouteContext> {
  const [zones, tunnels, services, hosts, entry] = await Promise.all([
    db.dnsZone.findMany({ include: { provider: { select: { name: true, kind: true } } }, orderBy: { name: "asc" } }),
    db.tunnel.findMany({ select: { id: true, name: true, kind: true, mode: true, externalId: true, originUrl: true }, orderBy: { name: "asc" } }),
    db.service.findMany({ select: { id: true, name: true, hostId: true, ports: true } }),
    db.host.findMany({ select: { id: true, name: true, addresses: true } }),
    routeId ? db.proxyEntry.findUnique({ where: { routeId }, select: { tlsMode: true } }) : Promise.resolve(null),
  ]);
  return {
    zones: zones.map((z) => ({ id: z.id, name: z.name, role: z.role, target: parse<string[]>(z.target, []), ttl: z.ttl, providerName: z.provider.name, providerKind: z.provider.kind })),
    tunnels,
    services: services.map((s) => ({ ...s, ports: parse<{ container: number; host?: number; hostIp?: string }[]>(s.ports, []) })),
    hosts: hosts.map((h) => ({ ...h, addresses: parse<string[]>(h.addresses, []) })),
    tlsMode: entry?.tlsMode ?? "internal",
  };
}
