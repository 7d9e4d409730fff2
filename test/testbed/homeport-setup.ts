// Configures a running Homeport for the test bed through its HTTP API, as an admin would: the
// control-plane vantage point off (it sits in the root namespace and must never resolve the lab's
// names through the machine's resolver), the LAN and public BIND servers as rfc2136 providers with
// their zones, the LAN Caddy as the ingress, the edge Caddy as a "caddy-edge" tunnel, one agent
// per namespace (the remote one as a "remote" vantage point), and the busybox service deployed by
// Homeport through the LAN agent, published on the root side of the LAN link.

import { ADDR, CADDY_ADMIN_PORT, EDGE_NAME, TestBed, until, ZONE, type Side } from "./bed";
import type { HomeportApi } from "./api-client";
import { BED_PREFIX } from "./netns";

const AGENT_TIMEOUT_MS = 60_000;
const DEPLOY_TIMEOUT_MS = 90_000;
/** The page the service serves, so a response tells which service answered. */
export const SERVICE_PAGE = "homeport testbed web service";
export const SERVICE_CONTAINER_PORT = 8080;

export interface BedHomeport {
  hostIds: Record<Side, string>;
  serviceId: string;
  serviceName: string;
  /** Published on ADDR.rootLan (the root side of the LAN link). */
  servicePort: number;
  tunnelId: string;
  zoneIds: Record<"lan" | "public", string>;
  providerIds: Record<"lan" | "public", string>;
}

interface Item { id: string; name: string }

async function enrollAgent(bed: TestBed, api: HomeportApi, side: Side): Promise<string> {
  const name = `${BED_PREFIX}-${side}-${bed.suffix}`;
  const { token } = await api.post<{ token: string }>("/api/v1/enrollments", { name });
  const agent = bed.startAgent(side, token);
  return until(async () => {
    if (agent.child.exitCode !== null) throw new Error(`the ${side} agent exited (${agent.child.exitCode})`);
    const hosts = await api.get<{ items: Item[] }>("/api/v1/hosts?limit=100");
    const host = hosts.items.find((h) => h.name === name);
    if (!host) return null;
    const status = await api.get<{ online: boolean }>(`/api/v1/hosts/${host.id}/status`);
    return status.online ? host.id : null;
  }, `the ${side} agent to enroll and connect`, AGENT_TIMEOUT_MS, () => agent.output().slice(-3000));
}

/** Makes a host a "remote" vantage point through the API, as a user does on the host page. */
async function makeRemoteVantage(api: HomeportApi, hostId: string): Promise<void> {
  const r = await api.call("PATCH", `/api/v1/hosts/${hostId}`, { vantage: "remote" });
  if (r.status !== 200) throw new Error(`PATCH /api/v1/hosts/${hostId} {vantage:"remote"} answered ${r.status}: ${JSON.stringify(r.body)}`);
}

async function freePortOn(host: string): Promise<number> {
  const { createServer } = await import("node:net");
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, host, () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function deployService(bed: TestBed, api: HomeportApi, hostId: string, image: string, progress: Partial<BedHomeport>): Promise<{ id: string; name: string; port: number }> {
  const name = `${BED_PREFIX}-web-${bed.suffix}`;
  const port = await freePortOn(ADDR.rootLan);
  const svc = await api.post<Item>("/api/v1/services", {
    name,
    image,
    hostId,
    command: ["sh", "-c", `mkdir -p /www && echo '${SERVICE_PAGE}' > /www/index.html && exec httpd -f -p ${SERVICE_CONTAINER_PORT} -h /www`],
    ports: [{ container: SERVICE_CONTAINER_PORT, host: port, hostIp: ADDR.rootLan }],
  });
  progress.serviceId = svc.id;
  await api.post(`/api/v1/services/${svc.id}/deploy`, { pull: false });
  await until(async () => {
    const d = await api.get<{ items: { status: string; log: string[] }[] }>(`/api/v1/services/${svc.id}/deployments`);
    const last = d.items[0];
    if (last?.status === "failed") throw new Error(`deploying ${name} failed: ${last.log.join("\n")}`);
    if (last?.status !== "succeeded") return null;
    const r = await bed.curlFrom("lan", `http://${ADDR.rootLan}:${port}/`);
    return r.body?.includes(SERVICE_PAGE);
  }, `${name} to be deployed and to answer from the LAN`, DEPLOY_TIMEOUT_MS, () => bed.logs());
  return { id: svc.id, name, port };
}

/**
 * Configures Homeport for the bed through its API. `progress` is filled in as things are created, so a failed set-up can
 * still be undone with unconfigureHomeport.
 */
export async function configureHomeport(bed: TestBed, api: HomeportApi, opts: { image: string }, progress: Partial<BedHomeport> = {}): Promise<BedHomeport> {
  // Before any route exists: the control plane must not probe the lab's names from the root namespace.
  await api.post("/api/v1/vantages", { id: "control-plane", name: "Control plane", kind: "lan", enabled: false });

  const provider = (name: string, t: TestBed["lanDns"]) =>
    api.post<Item>("/api/v1/dns/providers", { name, kind: "rfc2136", settings: { server: t.server, port: t.port, keyName: t.keyName, algorithm: "hmac-sha256", secret: t.secret } });
  const lanProvider = await provider(`bed-lan-bind-${bed.suffix}`, bed.lanDns);
  const publicProvider = await provider(`bed-public-bind-${bed.suffix}`, bed.publicDns);
  progress.providerIds = { lan: lanProvider.id, public: publicProvider.id };
  const lanZone = await api.post<Item>("/api/v1/dns/zones", { name: ZONE, role: "lan", providerId: lanProvider.id, target: [ADDR.lan], ttl: 60 });
  const publicZone = await api.post<Item>("/api/v1/dns/zones", { name: ZONE, role: "public", providerId: publicProvider.id, target: [EDGE_NAME], ttl: 60 });
  progress.zoneIds = { lan: lanZone.id, public: publicZone.id };

  await api.patch("/api/v1/ingress/settings", { adminUrl: `http://${ADDR.lan}:${CADDY_ADMIN_PORT}`, proxyAddress: ADDR.lan, serverName: "homeport", listen: [":443"], httpPort: 80, httpsPort: 443 });

  const tunnel = await api.post<Item>("/api/v1/tunnel", {
    name: `bed-edge-${bed.suffix}`,
    kind: "caddy-edge",
    mode: "remote",
    externalId: EDGE_NAME,
    credentials: "",
    originUrl: `https://${ADDR.lanEdge}:443`,
    apiBaseUrl: `http://${ADDR.remoteMgmt}:${CADDY_ADMIN_PORT}`,
  });
  progress.tunnelId = tunnel.id;

  const [lanHost, remoteHost] = await Promise.all([enrollAgent(bed, api, "lan"), enrollAgent(bed, api, "remote")]);
  // The hub pushes the remote agent its new schedule (checks aimed at kind:remote) at once.
  await makeRemoteVantage(api, remoteHost);
  await until(async () => (await api.get<{ items: { id: string; kind: string }[] }>("/api/v1/vantages")).items.some((v) => v.id === remoteHost && v.kind === "remote"),
    "the remote host to probe as a remote vantage point", AGENT_TIMEOUT_MS, () => bed.logs());

  const svc = await deployService(bed, api, lanHost, opts.image, progress);
  return {
    hostIds: { lan: lanHost, remote: remoteHost },
    serviceId: svc.id,
    serviceName: svc.name,
    servicePort: svc.port,
    tunnelId: tunnel.id,
    zoneIds: { lan: lanZone.id, public: publicZone.id },
    providerIds: { lan: lanProvider.id, public: publicProvider.id },
  };
}

/**
 * Takes the bed's configuration out of Homeport while the bed still runs (so removing the
 * routes' records and proxy entries succeeds), and afterwards nothing in Homeport points at the
 * bed's addresses: once the namespaces are gone the root namespace would send such traffic to
 * its default route. Best effort: returns what could not be undone.
 */
export async function unconfigureHomeport(api: HomeportApi, hp: Partial<BedHomeport>): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (what: string, method: string, path: string, body?: unknown) => {
    const r = await api.call(method, path, body).catch((err: unknown) => ({ status: 0, text: String(err) }));
    if (r.status >= 300 && r.status !== 404) problems.push(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
  };
  const routes = await api.get<{ items: { id: string; hostname: string }[] }>(`/api/v1/routes?q=${ZONE}&limit=100`).catch(() => ({ items: [] }));
  for (const r of routes.items.filter((x) => x.hostname.endsWith(`.${ZONE}`))) await attempt(`route ${r.hostname}`, "DELETE", `/api/v1/routes/${r.id}`);
  if (hp.tunnelId) await attempt("tunnel", "DELETE", `/api/v1/tunnel/${hp.tunnelId}`);
  for (const id of Object.values(hp.zoneIds ?? {})) await attempt("zone", "DELETE", `/api/v1/dns/zones/${id}`);
  for (const id of Object.values(hp.providerIds ?? {})) await attempt("DNS provider", "DELETE", `/api/v1/dns/providers/${id}`);
  if (hp.serviceId) await attempt("service", "DELETE", `/api/v1/services/${hp.serviceId}`);
  await attempt("ingress settings", "PATCH", "/api/v1/ingress/settings", { adminUrl: "http://127.0.0.1:2019", proxyAddress: null });
  await attempt("control-plane vantage", "POST", "/api/v1/vantages", { id: "control-plane", name: "Control plane", kind: "lan", enabled: true });
  return problems;
}
