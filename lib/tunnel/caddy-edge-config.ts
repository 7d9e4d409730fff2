// The Caddy JSON of a self-hosted edge (the "caddy-edge" tunnel kind), pure: Homeport's routes on
// the edge built from ingress rules and read back into rules, the server that holds them, the
// catch-all, and the targeted admin API calls that move the edge's config to a rule list. Every
// object Homeport owns on the edge carries an `@id` starting with EDGE_ID_PREFIX; nothing else in
// the edge's config is ever changed.
import type { IngressRule, OriginRequest } from "./types";

export const EDGE_ID_PREFIX = "homeport-edge-";
export const EDGE_ROUTE_ID_PREFIX = `${EDGE_ID_PREFIX}route-`;
export const EDGE_CATCH_ALL_ID = `${EDGE_ID_PREFIX}catch-all`;
export const EDGE_SERVER_ID = `${EDGE_ID_PREFIX}server`;
/** apps.http.servers.<name> that holds Homeport's routes on the edge. */
export const EDGE_SERVER_NAME = "homeport-edge";
/** The edge's ports when its Caddy has no http app yet (an internet-facing edge: 80 and 443). */
export const EDGE_DEFAULT_HTTP_PORT = 80;
export const EDGE_DEFAULT_HTTPS_PORT = 443;
/** The catch-all as a rule: unknown hostnames get a 404 from Homeport's server on the edge. */
export const EDGE_CATCH_ALL: IngressRule = { service: "http_status:404" };
/** originRequest settings the edge can carry out. */
const SUPPORTED_ORIGIN_KEYS = new Set<keyof OriginRequest>(["httpHostHeader", "originServerName", "noTLSVerify", "caPool"]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const HOSTNAME_RE = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{1,63}$/i;
const PEM_RE = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

export const edgeRouteId = (hostname: string) => `${EDGE_ROUTE_ID_PREFIX}${hostname.toLowerCase()}`;

/** "https://198.51.100.1:443" → "198.51.100.1:443"; the scheme's port when none is given. */
function dialOf(service: string): { dial: string; tls: boolean } {
  const u = new URL(service);
  const tls = u.protocol === "https:";
  return { dial: `${u.hostname}:${u.port || (tls ? "443" : "80")}`, tls };
}

/** PEM certificates → base64 DER, as Caddy's `root_ca_pool` wants them. */
const pemToDer = (pem: string) => [...pem.matchAll(PEM_RE)].map((m) => m[1]!.replace(/\s+/g, ""));
const derToPem = (der: string) => `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;

/**
 * One host-matched reverse_proxy route to the rule's service (the LAN proxy). The Host header and
 * SNI are the hostname, so the LAN proxy picks the same entry it serves at home. TLS to the origin
 * is verified unless `noTLSVerify` is set; `caPool` is either PEM text (sent inline) or a path on
 * the edge host. Terminal, so no later route also runs for this host.
 */
export function buildEdgeRoute(rule: IngressRule & { hostname: string }): Json {
  const { dial, tls } = dialOf(rule.service);
  const o = rule.originRequest ?? {};
  const proxy: Json = { handler: "reverse_proxy", upstreams: [{ dial }] };
  if (o.httpHostHeader) proxy.headers = { request: { set: { Host: [o.httpHostHeader] } } };
  if (tls) {
    const tlsConfig: Json = {};
    if (o.originServerName) tlsConfig.server_name = o.originServerName;
    if (o.noTLSVerify) tlsConfig.insecure_skip_verify = true;
    else if (o.caPool?.includes("BEGIN CERTIFICATE")) tlsConfig.root_ca_pool = pemToDer(o.caPool);
    else if (o.caPool) tlsConfig.root_ca_pem_files = [o.caPool];
    proxy.transport = { protocol: "http", tls: tlsConfig };
  }
  return { "@id": edgeRouteId(rule.hostname), match: [{ host: [rule.hostname] }], handle: [proxy], terminal: true };
}

/** The catch-all route at the end of Homeport's server: a 404 for any host no route matched. */
export function buildEdgeCatchAll(): Json {
  return { "@id": EDGE_CATCH_ALL_ID, handle: [{ handler: "static_response", status_code: 404, body: "No route for this host on the edge" }] };
}

/** A route Homeport wrote, read back as the rule it carries out; null when it is not one. */
export function ruleOfEdgeRoute(route: unknown): (IngressRule & { hostname: string }) | null {
  if (!isObject(route) || typeof route["@id"] !== "string" || !route["@id"].startsWith(EDGE_ROUTE_ID_PREFIX)) return null;
  const host = (route.match as { host?: unknown[] }[] | undefined)?.[0]?.host?.[0];
  const proxy = (route.handle as unknown[] | undefined)?.find((h) => isObject(h) && h.handler === "reverse_proxy") as Json | undefined;
  const dial = (proxy?.upstreams as { dial?: unknown }[] | undefined)?.[0]?.dial;
  if (typeof host !== "string" || typeof dial !== "string") return null;
  const tls = isObject(proxy?.transport) && isObject(proxy.transport.tls) ? proxy.transport.tls : null;
  const originRequest: OriginRequest = {};
  const hostHeader = (proxy?.headers as { request?: { set?: { Host?: unknown[] } } } | undefined)?.request?.set?.Host?.[0];
  if (typeof hostHeader === "string") originRequest.httpHostHeader = hostHeader;
  if (tls) {
    if (typeof tls.server_name === "string") originRequest.originServerName = tls.server_name;
    if (tls.insecure_skip_verify === true) originRequest.noTLSVerify = true;
    const pool = tls.root_ca_pool;
    const files = tls.root_ca_pem_files;
    if (Array.isArray(pool) && pool.length > 0) originRequest.caPool = pool.map((d) => derToPem(String(d))).join("");
    else if (Array.isArray(files) && typeof files[0] === "string") originRequest.caPool = files[0];
  }
  return { hostname: host, service: `${tls ? "https" : "http"}://${dial}`, ...(Object.keys(originRequest).length > 0 ? { originRequest } : {}) };
}

/** Problems of a rule list for the edge; [] when valid. Hostname rules first, the catch-all last. */
export function validateEdgeIngress(rules: IngressRule[]): string[] {
  const errors: string[] = [];
  const last = rules.at(-1);
  if (!last || last.hostname || last.path || last.service !== EDGE_CATCH_ALL.service) errors.push(`the last rule must be the catch-all (${EDGE_CATCH_ALL.service})`);
  const seen = new Set<string>();
  rules.slice(0, -1).forEach((r, i) => {
    const at = `rule ${i + 1}`;
    if (!r.hostname) return void errors.push(`${at}: only the last rule may be a catch-all`);
    if (!HOSTNAME_RE.test(r.hostname)) errors.push(`${at}: "${r.hostname}" is not a valid hostname`);
    if (seen.has(r.hostname.toLowerCase())) errors.push(`${at}: "${r.hostname}" appears twice`);
    seen.add(r.hostname.toLowerCase());
    if (r.path) errors.push(`${at}: path rules are not supported by the edge`);
    let url: URL | null = null;
    try {
      url = new URL(r.service);
    } catch {
      url = null;
    }
    if (!url || !["http:", "https:"].includes(url.protocol) || !url.hostname || (url.pathname !== "/" && url.pathname !== "") || url.search || url.username) {
      errors.push(`${at}: the service must be an http:// or https:// origin (scheme, host and port), not "${r.service}"`);
    }
    const unsupported = Object.keys(r.originRequest ?? {}).filter((k) => !SUPPORTED_ORIGIN_KEYS.has(k as keyof OriginRequest));
    if (unsupported.length > 0) errors.push(`${at}: origin settings not supported by the edge: ${unsupported.join(", ")}`);
  });
  return errors;
}

/** Homeport's objects in the edge's config (GET /config/). */
export interface ObservedEdge {
  /** Whether the server EDGE_SERVER_NAME exists, and with a routes array. */
  server: boolean;
  routesArray: boolean;
  /** The first container missing on the way to the server (null when the server exists). */
  missing: "config" | "apps" | "http" | "servers" | null;
  /** apps.http.https_port when set: the port Homeport's server listens on when it creates it. */
  httpsPort: number | null;
  /** Homeport's routes by `@id`, as Caddy holds them. */
  routes: Map<string, Json>;
  catchAll: boolean;
}

export function readObservedEdge(config: unknown): ObservedEdge {
  const apps = isObject(config) && isObject(config.apps) ? config.apps : null;
  const http = apps && isObject(apps.http) ? apps.http : null;
  const servers = http && isObject(http.servers) ? http.servers : null;
  const server = servers && isObject(servers[EDGE_SERVER_NAME]) ? (servers[EDGE_SERVER_NAME] as Json) : null;
  const missing = !isObject(config) ? "config" : !apps ? "apps" : !http ? "http" : !servers ? "servers" : null;
  const routes = new Map<string, Json>();
  let catchAll = false;
  for (const r of Array.isArray(server?.routes) ? server.routes : []) {
    const id = isObject(r) ? r["@id"] : undefined;
    if (typeof id === "string" && id.startsWith(EDGE_ROUTE_ID_PREFIX)) routes.set(id, r as Json);
    if (id === EDGE_CATCH_ALL_ID) catchAll = true;
  }
  return { server: server !== null, routesArray: Array.isArray(server?.routes), missing, httpsPort: typeof http?.https_port === "number" ? http.https_port : null, routes, catchAll };
}

/** Rules read back from the edge: Homeport's hostname rules by hostname, then the catch-all if present. */
export function edgeRulesOf(observed: ObservedEdge): IngressRule[] {
  const rules = [...observed.routes.values()].map(ruleOfEdgeRoute).filter((r): r is IngressRule & { hostname: string } => r !== null);
  rules.sort((a, b) => a.hostname.localeCompare(b.hostname));
  return observed.catchAll ? [...rules, EDGE_CATCH_ALL] : rules;
}

export interface EdgeOp {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
}

/** Structural equality ignoring key order (Caddy re-sorts keys). */
function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => (Array.isArray(v) ? v.map(norm) : isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm(v[k])])) : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

const SERVER_PATH = `/config/apps/http/servers/${EDGE_SERVER_NAME}`;

/**
 * The admin calls that make the edge carry exactly `rules` (hostname rules, then the catch-all):
 * Homeport's server is created when absent (listening on the edge's https_port, or on 443 with
 * an http app on 80/443 when the edge has none); Homeport's routes are deleted, replaced or
 * inserted at the front one by one; the catch-all is kept last. The user's own routes and servers
 * are never named by any call.
 */
export function planEdgeOps(rules: IngressRule[], observed: ObservedEdge): EdgeOp[] {
  const hostRules = rules.filter((r): r is IngressRule & { hostname: string } => !!r.hostname).sort((a, b) => b.hostname.localeCompare(a.hostname));
  const wanted = new Map(hostRules.map((r) => [edgeRouteId(r.hostname), buildEdgeRoute(r)]));
  // Reverse order above, so a created list is in hostname order like later front inserts.
  const freshRoutes = [...[...wanted.values()].reverse(), buildEdgeCatchAll()];
  if (!observed.server) {
    const server = { "@id": EDGE_SERVER_ID, listen: [`:${observed.httpsPort ?? EDGE_DEFAULT_HTTPS_PORT}`], routes: freshRoutes };
    const servers = { [EDGE_SERVER_NAME]: server };
    const http = { http_port: EDGE_DEFAULT_HTTP_PORT, https_port: EDGE_DEFAULT_HTTPS_PORT, servers };
    // Create only the first missing container, so nothing the user has is replaced.
    switch (observed.missing) {
      case "config": return [{ method: "POST", path: "/config/", body: { apps: { http } } }];
      case "apps": return [{ method: "PUT", path: "/config/apps", body: { http } }];
      case "http": return [{ method: "PUT", path: "/config/apps/http", body: http }];
      case "servers": return [{ method: "PUT", path: "/config/apps/http/servers", body: servers }];
      default: return [{ method: "PUT", path: SERVER_PATH, body: server }];
    }
  }
  if (!observed.routesArray) return [{ method: "PUT", path: `${SERVER_PATH}/routes`, body: freshRoutes }];
  const ops: EdgeOp[] = [];
  for (const id of observed.routes.keys()) if (!wanted.has(id)) ops.push({ method: "DELETE", path: `/id/${encodeURIComponent(id)}` });
  for (const [id, value] of wanted) {
    const current = observed.routes.get(id);
    if (!current) ops.push({ method: "PUT", path: `${SERVER_PATH}/routes/0`, body: value });
    else if (!sameJson(current, value)) ops.push({ method: "PATCH", path: `/id/${encodeURIComponent(id)}`, body: value });
  }
  if (!observed.catchAll) ops.push({ method: "POST", path: `${SERVER_PATH}/routes`, body: buildEdgeCatchAll() });
  return ops;
}
