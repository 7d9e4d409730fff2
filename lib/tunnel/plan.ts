// Pure planning of a tunnel's ingress list: Homeport's rules (one per remotely exposed Route,
// all pointing at the LAN reverse proxy) go first, the user's own rules keep their order after
// them, and the list ends with the catch-all. A rule is Homeport's when it points at the tunnel's
// origin with the Route's hostname as Host header — cloudflared rules carry no ids or tags.
import { isRemote, type Exposure } from "@/lib/routes/exposure";
import type { IngressRule, TunnelMode } from "./types";

/** Where cloudflared finds the reverse proxy's root CA in local mode (mounted by the container spec). */
export const LOCAL_CA_POOL_PATH = "/etc/cloudflared/homeport-root-ca.crt";

export interface TunnelRouteInput {
  id: string;
  hostname: string;
  exposure: Exposure;
}

export interface TunnelRuleChange {
  action: "create" | "update" | "delete";
  hostname: string;
  routeId?: string;
  summary: string;
}

export interface TunnelPlan {
  changes: TunnelRuleChange[];
  /** The whole ingress list to write (ending with the catch-all). */
  rules: IngressRule[];
  /** Whether the provider's list differs from `rules` at all (order and catch-all included). */
  needsWrite: boolean;
}

/** The rule for one hostname: to the reverse proxy, with SNI and Host set to the hostname. */
export function buildTunnelRule(hostname: string, originUrl: string, mode: TunnelMode): IngressRule {
  const tls = originUrl.startsWith("https://");
  const originRequest = {
    httpHostHeader: hostname,
    ...(tls ? { originServerName: hostname } : {}),
    // Remote mode cannot ship a CA file to the connector; local mode mounts the proxy's root.
    ...(tls ? (mode === "local" ? { caPool: LOCAL_CA_POOL_PATH } : { noTLSVerify: true }) : {}),
  };
  return { hostname, service: originUrl, originRequest };
}

export function desiredTunnelRules(routes: TunnelRouteInput[], originUrl: string, mode: TunnelMode): { routeId: string; rule: IngressRule }[] {
  return routes
    .filter((r) => isRemote(r.exposure))
    .sort((a, b) => a.hostname.localeCompare(b.hostname))
    .map((r) => ({ routeId: r.id, rule: buildTunnelRule(r.hostname, originUrl, mode) }));
}

/**
 * A service URL in one spelling: an http(s) origin without a path loses its trailing slash and
 * its default port ("https://proxy:443" = "https://proxy"), since providers may store either.
 */
export function canonicalService(service: string): string {
  if (!/^https?:\/\//i.test(service)) return service;
  try {
    const u = new URL(service);
    return u.pathname === "/" && !u.search && !u.hash && !u.username ? u.origin : service;
  } catch {
    return service;
  }
}

export function isOwnedRule(rule: IngressRule, originUrl: string): boolean {
  return !!rule.hostname && canonicalService(rule.service) === canonicalService(originUrl) && rule.originRequest?.httpHostHeader === rule.hostname;
}

const isCatchAll = (r: IngressRule) => (!r.hostname || r.hostname === "*") && !r.path;

function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown, key?: string): unknown =>
    Array.isArray(v) ? v.map((x) => norm(x))
    : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, norm(x, k)]))
    : key === "service" && typeof v === "string" ? canonicalService(v)
    : v;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

export interface PlanOptions {
  /** The provider reads back only Homeport's rules (TunnelProvider.ownsEveryRule). */
  ownsEveryRule?: boolean;
}

export function planTunnelIngress(desired: { routeId: string; rule: IngressRule }[], observed: IngressRule[], originUrl: string, catchAll: IngressRule, opts: PlanOptions = {}): TunnelPlan {
  const last = observed.at(-1);
  const observedCatchAll = last && isCatchAll(last) ? last : null;
  const body = observedCatchAll ? observed.slice(0, -1) : observed;
  const owns = (r: IngressRule) => (opts.ownsEveryRule ? !!r.hostname : isOwnedRule(r, originUrl));
  const owned = new Map(body.filter(owns).map((r) => [r.hostname as string, r]));
  const userRules = body.filter((r) => !owns(r));
  const changes: TunnelRuleChange[] = [];
  for (const { routeId, rule } of desired) {
    const hostname = rule.hostname as string;
    const current = owned.get(hostname);
    if (!current) changes.push({ action: "create", hostname, routeId, summary: `${hostname} → ${rule.service}` });
    else if (!sameJson(current, rule)) changes.push({ action: "update", hostname, routeId, summary: `${hostname} → ${rule.service}` });
  }
  const wanted = new Set(desired.map((d) => d.rule.hostname));
  for (const hostname of owned.keys()) {
    if (!wanted.has(hostname)) changes.push({ action: "delete", hostname, summary: `${hostname} (no longer exposed remotely)` });
  }
  const rules = [...desired.map((d) => d.rule), ...userRules, observedCatchAll ?? catchAll];
  return { changes, rules, needsWrite: !sameJson(rules, observed) };
}
