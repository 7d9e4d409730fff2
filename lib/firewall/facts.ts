// Reads what a host's suggested rules derive from, out of Homeport's own state: the reverse proxy's
// address and ports, routes and the service ports they reach, services' published ports, tunnel
// origins, and whether Homeport itself runs on the host.
import { hostname } from "node:os";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { jsonOr } from "@/lib/db/rows";
import { getConfig } from "@/lib/config";
import { localAgentEnabled } from "@/lib/agents";
import { listRouteRecords } from "@/lib/routes";
import type { SuggestInput } from "./suggest";

const StringList = z.array(z.string());
const Ports = z.array(z.object({ container: z.number(), host: z.number().nullish(), hostIp: z.string().nullish(), protocol: z.string().nullish() }).passthrough());


const bare = (a: string) => a.trim().replace(/^\[|\]$/g, "").toLowerCase();

function urlHostPort(u: string | null | undefined): { host: string; port: number } | null {
  if (!u || !URL.canParse(u)) return null;
  const x = new URL(u);
  const port = x.port ? Number(x.port) : x.protocol === "https:" ? 443 : x.protocol === "http:" ? 80 : 0;
  return port ? { host: bare(x.hostname), port } : null;
}

/** The host name the local agent enrolls under (lib/agents/local-agent.ts). */
function localHostName(): string {
  const label = hostname().toLowerCase().split(".")[0]?.replace(/[^a-z0-9-]/g, "-").replace(/^-+|-+$/g, "").slice(0, 63);
  return label || "local";
}

/** Everything but the interfaces and the current ruleset (those come from the agent). */
export async function suggestFacts(db: Db, host: { id: string; name: string; addresses: string | null }): Promise<Omit<SuggestInput, "interfaces" | "acceptedNow">> {
  const addresses = new Set(jsonOr(host.addresses, StringList, []).map(bare));
  const [services, routes, ingress, tunnels] = await Promise.all([
    db.service.findMany({ select: { id: true, name: true, hostId: true, ports: true } }),
    listRouteRecords(db),
    db.ingressSettings.findUnique({ where: { id: "default" } }),
    db.tunnel.findMany({ select: { originUrl: true } }),
  ]);
  const onHost = (a: string) => addresses.has(bare(a));
  const proxyAddress = ingress?.proxyAddress ?? urlHostPort(ingress?.adminUrl)?.host ?? null;
  const proxyPorts = ingress && routes.length > 0 && proxyAddress && onHost(proxyAddress) ? [ingress.httpPort, ingress.httpsPort] : [];
  const byPort = new Map<number, string[]>();
  const svcs = new Map(services.map((s) => [s.id, s]));
  for (const r of routes) {
    const up = urlHostPort(r.upstreamUrl);
    let port: number | null = null;
    if (up && onHost(up.host)) port = up.port;
    else if (!r.upstreamUrl && r.serviceId) {
      const s = svcs.get(r.serviceId);
      const p = s?.hostId === host.id ? jsonOr(s.ports, Ports, []).find((x) => x.container === r.servicePort) : undefined;
      if (p?.host) port = p.host;
    }
    if (port) byPort.set(port, [...(byPort.get(port) ?? []), r.hostname]);
  }
  const publishedPorts = services
    .filter((s) => s.hostId === host.id)
    .flatMap((s) => jsonOr(s.ports, Ports, []).filter((p) => p.host && !/^127\.|^::1$/.test(p.hostIp ?? "")).map((p) => ({ port: p.host!, protocol: p.protocol === "udp" ? ("udp" as const) : ("tcp" as const), service: s.name })));
  const tunnelPorts = [...new Set(tunnels.map((t) => urlHostPort(t.originUrl)).filter((x): x is { host: string; port: number } => x !== null && onHost(x.host)).map((x) => x.port))];
  return {
    proxyPorts,
    routePorts: [...byPort].map(([port, hostnames]) => ({ port, hostnames })),
    publishedPorts,
    tunnelPorts,
    homeportPort: localAgentEnabled() && host.name === localHostName() ? getConfig().port : null,
  };
}
