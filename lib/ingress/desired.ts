// Derives the reverse-proxy entries Homeport wants from the inventory: each Route becomes a
// host-matched entry to its service's published port or to its upstream URL. Pure.
import type { ProxyEntrySpec, TlsSpec, UnresolvedRoute, UpstreamTarget } from "./types";

export interface RouteInput {
  id: string;
  hostname: string;
  serviceId: string | null;
  servicePort: number | null;
  upstreamUrl: string | null;
}

export interface ServiceInput {
  id: string;
  name: string;
  hostId: string | null;
  ports: { container: number; host?: number; hostIp?: string }[];
}

export interface HostInput {
  id: string;
  name: string;
  addresses: string[];
}

const ANY_ADDRESS = new Set(["0.0.0.0", "::", ""]);
const DEFAULT_PORT: Record<string, number> = { "http:": 80, "https:": 443 };

const joinHostPort = (host: string, port: number) => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

/** Where Caddy must dial for a Route, or why it cannot be worked out. */
export function resolveUpstream(route: RouteInput, services: Map<string, ServiceInput>, hosts: Map<string, HostInput>): UpstreamTarget | { reason: string } {
  if (route.upstreamUrl) {
    const u = new URL(route.upstreamUrl);
    const port = u.port ? Number(u.port) : DEFAULT_PORT[u.protocol];
    if (!port) return { reason: `unsupported upstream scheme ${u.protocol}` };
    return { dial: joinHostPort(u.hostname.replace(/^\[|\]$/g, ""), port), tls: u.protocol === "https:" };
  }
  const svc = route.serviceId ? services.get(route.serviceId) : undefined;
  if (!svc || route.servicePort === null) return { reason: "the Route's service no longer exists" };
  const port = svc.ports.find((p) => p.container === route.servicePort);
  if (!port?.host) return { reason: `port ${route.servicePort} of service "${svc.name}" is not published on its host; publish it so the proxy can reach it` };
  const ip = port.hostIp ?? "127.0.0.1";
  if (!ANY_ADDRESS.has(ip)) return { dial: joinHostPort(ip, port.host), tls: false };
  const host = svc.hostId ? hosts.get(svc.hostId) : undefined;
  const address = host?.addresses[0];
  if (!address) return { reason: `service "${svc.name}" publishes on all addresses but its host has no known LAN address` };
  return { dial: joinHostPort(address, port.host), tls: false };
}

export function desiredProxyEntries(
  routes: RouteInput[],
  services: ServiceInput[],
  hosts: HostInput[],
  tlsByRoute: Map<string, TlsSpec> = new Map(),
): { entries: ProxyEntrySpec[]; unresolved: UnresolvedRoute[] } {
  const svcMap = new Map(services.map((s) => [s.id, s]));
  const hostMap = new Map(hosts.map((h) => [h.id, h]));
  const entries: ProxyEntrySpec[] = [];
  const unresolved: UnresolvedRoute[] = [];
  for (const r of routes) {
    const upstream = resolveUpstream(r, svcMap, hostMap);
    if ("reason" in upstream) unresolved.push({ routeId: r.id, hostname: r.hostname, reason: upstream.reason });
    else entries.push({ routeId: r.id, hostname: r.hostname, upstream, tls: tlsByRoute.get(r.id) ?? { mode: "internal" } });
  }
  return { entries, unresolved };
}
