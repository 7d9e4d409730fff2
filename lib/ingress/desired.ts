// Derives the reverse-proxy entries Homeport wants from the inventory: each Route becomes a
// host-matched entry to its service's published port or to its upstream URL. Every upstream passes
// the shared address guard (lib/net/address-guard): synchronously on its literal address and port
// (resolveUpstream, desiredProxyEntries), and on the addresses its name resolves to when the
// entries are built for an apply (screenProxyEntries, upstreamRefusal).
import { addressRefusal, endpointRefusal, isIpLiteral, type AdminEndpoint } from "@/lib/net/address-guard";
import { knownAdminEndpoints } from "@/lib/net/admin-endpoints";
import { lookupAll, type LookupAll } from "@/lib/net/lookup";
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

/** Unresolved routes that are refused (not merely unworkable): their Caddy entries are not kept. */
const REFUSED = new WeakSet<UnresolvedRoute>();

const joinHostPort = (host: string, port: number) => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

/** Host and port of a `dial` string ("host:port", "[v6]:port"). */
export function splitDial(dial: string): { host: string; port: number } {
  const i = dial.lastIndexOf(":");
  return { host: dial.slice(0, i).replace(/^\[|\]$/g, ""), port: Number(dial.slice(i + 1)) };
}

/** Why Caddy may not dial `host:port` (literal address, admin ports, known admin endpoints), or null. */
function dialRefusal(host: string, port: number, admin: readonly AdminEndpoint[]): string | null {
  const r = endpointRefusal(host, port, [...admin, ...knownAdminEndpoints()]);
  return r ? `upstream ${joinHostPort(host, port)} refused: ${r}` : null;
}

/** Where Caddy must dial for a Route, or why it cannot (or may not) be worked out. */
export function resolveUpstream(route: RouteInput, services: Map<string, ServiceInput>, hosts: Map<string, HostInput>, admin: readonly AdminEndpoint[] = []): UpstreamTarget | { reason: string } {
  const target = upstreamOf(route, services, hosts);
  if ("reason" in target) return target;
  const { host, port } = splitDial(target.dial);
  const refusal = dialRefusal(host, port, admin);
  return refusal ? { reason: refusal } : target;
}

function upstreamOf(route: RouteInput, services: Map<string, ServiceInput>, hosts: Map<string, HostInput>): UpstreamTarget | { reason: string } {
  if (route.upstreamUrl) {
    let u: URL;
    try {
      u = new URL(route.upstreamUrl);
    } catch {
      return { reason: `the upstream URL ${route.upstreamUrl} is not a valid URL` };
    }
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
  admin: readonly AdminEndpoint[] = [],
): { entries: ProxyEntrySpec[]; unresolved: UnresolvedRoute[] } {
  const svcMap = new Map(services.map((s) => [s.id, s]));
  const hostMap = new Map(hosts.map((h) => [h.id, h]));
  const entries: ProxyEntrySpec[] = [];
  const unresolved: UnresolvedRoute[] = [];
  for (const r of routes) {
    const target = upstreamOf(r, svcMap, hostMap);
    const refusal = "reason" in target ? null : dialRefusal(splitDial(target.dial).host, splitDial(target.dial).port, admin);
    const upstream = refusal ? { reason: refusal } : target;
    if ("reason" in upstream) {
      const u = { routeId: r.id, hostname: r.hostname, reason: upstream.reason };
      if (refusal) REFUSED.add(u);
      unresolved.push(u);
    }
    else entries.push({ routeId: r.id, hostname: r.hostname, upstream, tls: tlsByRoute.get(r.id) ?? { mode: "internal" } });
  }
  return { entries, unresolved };
}

export interface UpstreamScreenOptions {
  /** Admin endpoints to refuse besides the remembered ones (e.g. the stored Ingress admin URL). */
  admin?: readonly AdminEndpoint[];
  /** Replaceable for tests: the system resolver by default. */
  lookup?: LookupAll;
}

/** The admin endpoints with every name among them also as the addresses it resolves to. */
async function resolvedAdmin(admin: readonly AdminEndpoint[], lookup: LookupAll | undefined): Promise<AdminEndpoint[]> {
  const all = [...admin, ...knownAdminEndpoints()];
  const extra = await Promise.all(
    all.filter((a) => !isIpLiteral(a.host) && addressRefusal(a.host) === null).map(async (a) => {
      const addresses = await lookupAll(a.host, { lookup }).catch(() => []);
      return addresses.map((address) => ({ ...a, host: address }));
    }),
  );
  return [...all, ...extra.flat()];
}

async function refusalAfterLookup(upstream: UpstreamTarget, admin: readonly AdminEndpoint[], lookup: LookupAll | undefined): Promise<string | null> {
  const { host, port } = splitDial(upstream.dial);
  const literal = dialRefusal(host, port, admin);
  if (literal || isIpLiteral(host)) return literal;
  const addresses = await lookupAll(host, { lookup }).catch(() => []);
  for (const a of addresses) {
    const r = endpointRefusal(a, port, admin);
    if (r) return `upstream ${joinHostPort(host, port)} refused: ${host} resolves to ${a}: ${r}`;
  }
  return null;
}

/**
 * Why Caddy may not dial this upstream once its name is resolved (any answer refused by the guard
 * or an admin endpoint), or null. A name this process cannot resolve is left to Caddy (Docker
 * network names resolve only there): there is nothing to check it against.
 */
export async function upstreamRefusal(upstream: UpstreamTarget, opts: UpstreamScreenOptions = {}): Promise<string | null> {
  return refusalAfterLookup(upstream, await resolvedAdmin(opts.admin ?? [], opts.lookup), opts.lookup);
}

/**
 * The entries whose upstream names resolve to allowed addresses, and the routes refused: those go
 * to `unresolved` with the reason but, unlike routes that cannot be worked out, are not kept in
 * Caddy (`keepRouteIds` lists only the others), so an entry whose name turned hostile is removed.
 */
export async function screenProxyEntries(
  built: { entries: ProxyEntrySpec[]; unresolved: UnresolvedRoute[] },
  opts: UpstreamScreenOptions = {},
): Promise<{ entries: ProxyEntrySpec[]; unresolved: UnresolvedRoute[]; keepRouteIds: string[] }> {
  const admin = await resolvedAdmin(opts.admin ?? [], opts.lookup);
  const refusals = await Promise.all(built.entries.map((e) => refusalAfterLookup(e.upstream, admin, opts.lookup)));
  const refused: UnresolvedRoute[] = [];
  const entries = built.entries.filter((e, i) => {
    const reason = refusals[i];
    if (reason) refused.push({ routeId: e.routeId, hostname: e.hostname, reason });
    return !reason;
  });
  return {
    entries,
    unresolved: [...built.unresolved, ...refused],
    keepRouteIds: built.unresolved.filter((u) => !REFUSED.has(u)).map((u) => u.routeId),
  };
}
