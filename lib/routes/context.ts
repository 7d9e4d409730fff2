// Loads what deriveRouteParts needs from the database: zones with their providers, tunnels (no
// credentials), services with their published ports, hosts with their addresses, and a route's TLS mode.
import type { Db } from "@/lib/db";
import { dnsProviderRows, dnsZoneRows } from "@/lib/dns";
import { hostRows, serviceRows } from "@/lib/inventory";
import type { RouteContext } from "./derive";

export async function loadRouteContext(db: Db, routeId: string | null): Promise<RouteContext> {
  const [zones, tunnels, services, hosts, entry] = await Promise.all([
    db.dnsZone.findMany({ include: { provider: { select: { name: true, kind: true } } }, orderBy: { name: "asc" } }),
    db.tunnel.findMany({ select: { id: true, name: true, kind: true, mode: true, externalId: true, originUrl: true }, orderBy: { name: "asc" } }),
    db.service.findMany({ select: { id: true, name: true, hostId: true, ports: true } }),
    db.host.findMany({ select: { id: true, name: true, addresses: true } }),
    routeId ? db.proxyEntry.findUnique({ where: { routeId }, select: { tlsMode: true } }) : Promise.resolve(null),
  ]);
  return {
    zones: zones.map((row) => {
      const z = dnsZoneRows.parse(row);
      const provider = dnsProviderRows.columns(row.provider);
      return { id: z.id, name: z.name, role: z.role, target: z.target, ttl: z.ttl, providerName: provider.name, providerKind: provider.kind };
    }),
    tunnels,
    services: services.map((s) => serviceRows.columns(s)),
    hosts: hosts.map((h) => hostRows.columns(h)),
    tlsMode: entry?.tlsMode ?? "internal",
  };
}
