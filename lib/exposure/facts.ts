// Reads what the findings compare against from Homeport's own state: managed hosts (addresses,
// vantage kind, reported policy), services' published ports, routes, the ingress and tunnels.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { jsonOr } from "@/lib/db/rows";
import { isIP } from "@/lib/net/address-guard";
import { listRouteRecords } from "@/lib/routes";
import type { IntentInput } from "./intent";
import type { VantageKind } from "./schemas";

export interface LabHost {
  id: string;
  name: string;
  /** Only IP literals: Homeport never resolves what it scans. */
  addresses: string[];
  kind: VantageKind;
  /** The agent's own policy as last reported; true when an older agent reported none. */
  allowScan: boolean;
  /** The agent reported a Docker engine (a vantage point without one has no posture to read). */
  docker: boolean;
}

const StringList = z.array(z.string());
const PortList = z.array(z.object({ container: z.number(), host: z.number().nullish(), hostIp: z.string().nullish() }).passthrough());
const PolicyScan = z.object({ allowScan: z.boolean().optional() }).passthrough();


export async function labHosts(db: Db): Promise<LabHost[]> {
  const rows = await db.host.findMany({ where: { revokedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, addresses: true, vantage: true, agentPolicy: true, dockerInfo: true } });
  return rows.map((h) => ({
    id: h.id,
    name: h.name,
    addresses: [...new Set(jsonOr(h.addresses, StringList, []).map((a) => a.trim().replace(/^\[|\]$/g, "")).filter((a) => isIP(a) !== 0))],
    kind: h.vantage === "remote" ? "remote" : "lan",
    allowScan: jsonOr(h.agentPolicy, PolicyScan, {}).allowScan !== false,
    docker: h.dockerInfo !== null,
  }));
}

/** The lab's intent: what routes need, for intent.ts. */
export async function labIntent(db: Db, hosts: LabHost[]): Promise<IntentInput> {
  const [services, routes, ingress, tunnels] = await Promise.all([
    db.service.findMany({ select: { id: true, name: true, hostId: true, ports: true } }),
    listRouteRecords(db),
    db.ingressSettings.findUnique({ where: { id: "default" } }),
    db.tunnel.findMany({ select: { originUrl: true } }),
  ]);
  let ingressAddress: string | null = ingress?.proxyAddress ?? null;
  if (!ingressAddress && ingress && URL.canParse(ingress.adminUrl)) ingressAddress = new URL(ingress.adminUrl).hostname.replace(/^\[|\]$/g, "");
  return {
    hosts: hosts.map((h) => ({ id: h.id, name: h.name, addresses: h.addresses })),
    services: services.map((s) => ({ id: s.id, name: s.name, hostId: s.hostId, ports: jsonOr(s.ports, PortList, []) })),
    routes: routes.map((r) => ({ id: r.id, hostname: r.hostname, exposure: r.exposure, serviceId: r.serviceId, servicePort: r.servicePort, upstreamUrl: r.upstreamUrl })),
    ingress: ingress ? { address: ingressAddress, httpPort: ingress.httpPort, httpsPort: ingress.httpsPort } : null,
    tunnelOrigins: tunnels.map((t) => t.originUrl),
  };
}
