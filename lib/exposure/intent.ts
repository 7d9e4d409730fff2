// What the lab means to expose, derived from Homeport's own state (routes, services' published
// ports, the ingress and the tunnel): which host ports a route needs, and from where. Pure.
import type { Exposure } from "@/lib/routes/exposure";

export interface IntentRoute {
  id: string;
  hostname: string;
  exposure: Exposure;
  serviceId: string | null;
  servicePort: number | null;
  upstreamUrl: string | null;
}

export interface IntentService {
  id: string;
  name: string;
  hostId: string | null;
  ports: { container: number; host?: number | null; hostIp?: string | null }[];
}

export interface IntentHost {
  id: string;
  name: string;
  addresses: string[];
}

/** Why a host port is open on purpose, and from where it may be reached. */
export interface NeededPort {
  hostId: string;
  port: number;
  /** Who needs it: the reverse proxy (LAN) or the tunnel's edge (remote). */
  from: "lan" | "remote" | "both";
  reason: string;
  /** A service port a route reaches: its routes' exposure decides the lan-only finding. */
  serviceId?: string;
  serviceName?: string;
  routeExposures?: Exposure[];
}

export interface IntentInput {
  hosts: IntentHost[];
  services: IntentService[];
  routes: IntentRoute[];
  /** Where the LAN reverse proxy answers (ingress proxyAddress or its admin URL's host), with its ports. */
  ingress: { address: string | null; httpPort: number; httpsPort: number } | null;
  /** Tunnel origin URLs: the edge dials them from away. */
  tunnelOrigins: string[];
}

export const needKey = (hostId: string, port: number) => `${hostId}:${port}`;

function hostOfAddress(hosts: IntentHost[], address: string): IntentHost | undefined {
  const a = address.replace(/^\[|\]$/g, "").toLowerCase();
  return hosts.find((h) => h.addresses.some((x) => x.toLowerCase() === a));
}

function urlHostPort(u: string): { host: string; port: number } | null {
  if (!URL.canParse(u)) return null;
  const x = new URL(u);
  const port = x.port ? Number(x.port) : x.protocol === "https:" ? 443 : x.protocol === "http:" ? 80 : 0;
  return port ? { host: x.hostname.replace(/^\[|\]$/g, ""), port } : null;
}

function merge(map: Map<string, NeededPort>, n: NeededPort) {
  const k = needKey(n.hostId, n.port);
  const prev = map.get(k);
  if (!prev) return void map.set(k, n);
  const from = prev.from === n.from ? prev.from : "both";
  map.set(k, {
    ...prev,
    from,
    reason: prev.reason === n.reason ? prev.reason : `${prev.reason}; ${n.reason}`,
    serviceId: prev.serviceId ?? n.serviceId,
    serviceName: prev.serviceName ?? n.serviceName,
    routeExposures: [...(prev.routeExposures ?? []), ...(n.routeExposures ?? [])],
  });
}

/** Every host port a route (or the proxy and tunnel that carry routes) needs, keyed by needKey. */
export function neededPorts(input: IntentInput): Map<string, NeededPort> {
  const out = new Map<string, NeededPort>();
  const services = new Map(input.services.map((s) => [s.id, s]));
  const anyRemote = input.routes.some((r) => r.exposure !== "lan");
  if (input.ingress?.address && input.routes.length > 0) {
    const h = hostOfAddress(input.hosts, input.ingress.address);
    if (h) {
      for (const port of [input.ingress.httpPort, input.ingress.httpsPort]) {
        merge(out, { hostId: h.id, port, from: "lan", reason: "the LAN reverse proxy that serves the routes" });
      }
    }
  }
  if (anyRemote) {
    for (const origin of input.tunnelOrigins) {
      const hp = urlHostPort(origin);
      const h = hp && hostOfAddress(input.hosts, hp.host);
      if (hp && h) merge(out, { hostId: h.id, port: hp.port, from: "remote", reason: "the tunnel's origin (its edge dials it)" });
    }
  }
  for (const r of input.routes) {
    if (r.upstreamUrl) {
      const hp = urlHostPort(r.upstreamUrl);
      const h = hp && hostOfAddress(input.hosts, hp.host);
      if (hp && h) merge(out, { hostId: h.id, port: hp.port, from: "lan", reason: `the upstream of ${r.hostname}`, routeExposures: [r.exposure] });
      continue;
    }
    const svc = r.serviceId ? services.get(r.serviceId) : undefined;
    const p = svc?.ports.find((x) => x.container === r.servicePort);
    if (!svc?.hostId || !p?.host) continue;
    merge(out, { hostId: svc.hostId, port: p.host, from: "lan", reason: `the upstream of ${r.hostname}`, serviceId: svc.id, serviceName: svc.name, routeExposures: [r.exposure] });
  }
  return out;
}
