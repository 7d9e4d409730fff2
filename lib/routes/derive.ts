// What each part of a route needs, derived from the settings Homeport has (zones, tunnels, the
// proxy, services and hosts) with the same pure helpers the DNS, ingress and tunnel domains use:
// the plan shows it and the reconciler decides from it whether a part is skipped or blocked.
import { isV6, zoneFor } from "@/lib/dns";
import { resolveUpstream, type HostInput, type ServiceInput } from "@/lib/ingress";
import { buildTunnelRule, tunnelDnsRecord } from "@/lib/tunnel";
import type { TunnelKind, TunnelMode } from "@/lib/tunnel/types";
import { isLan, isRemote } from "./exposure";
import type { RouteLike } from "./record";
import type { RoutePartName } from "./schemas";

export interface ZoneFacts {
  id: string;
  name: string;
  role: string;
  target: string[];
  ttl: number;
  providerName: string;
  providerKind: string;
}

export interface TunnelFacts {
  id: string;
  name: string;
  kind: string;
  mode: string;
  externalId: string;
  originUrl: string;
}

export interface RouteContext {
  zones: ZoneFacts[];
  tunnels: TunnelFacts[];
  services: ServiceInput[];
  hosts: HostInput[];
  /** TLS mode of the route's proxy entry: internal (Caddy's local CA) unless the user set a certificate. */
  tlsMode: string;
}

export interface PartDerivation {
  part: RoutePartName;
  /** planned: the part will be applied; skip: not needed or not configured; blocked: cannot be applied as configured. */
  kind: "planned" | "skip" | "blocked";
  summary: string;
  reason: string | null;
  details: Record<string, string>;
  /** For DNS parts: the zone to apply. */
  zoneId?: string;
  /** For public DNS: the CNAME target the reconciler asks lib/dns to use. */
  cnameTarget?: string;
  /**
   * A skipped part whose applier still removes what an earlier exposure created (the tunnel rule
   * and public record of a route that became LAN only). The reconciler runs it only when the part
   * was applied before, so a LAN-only route never needs the internet.
   */
  cleanup?: boolean;
}

/** The public record target: the zone's configured target first (what the DNS page applies too), else the tunnel's. */
export function publicTarget(hostname: string, zone: ZoneFacts, tunnels: TunnelFacts[]): string | undefined {
  if (zone.target[0]) return zone.target[0];
  const t = tunnels[0];
  if (!t) return undefined;
  try {
    return tunnelDnsRecord(t.kind as TunnelKind, { externalId: t.externalId }, hostname).content;
  } catch {
    return undefined;
  }
}

function lanDns(r: RouteLike, ctx: RouteContext): PartDerivation {
  const base = { part: "lan-dns" as const, details: {} };
  const zone = zoneFor(r.hostname, ctx.zones, "lan");
  if (!zone && !isLan(r.exposure)) return { ...base, kind: "skip", summary: "No LAN record", reason: "remote only, and no LAN zone covers the name: at home it resolves through public DNS and the tunnel" };
  if (!zone) return { ...base, kind: "skip", summary: "No LAN record", reason: `no LAN zone covers ${r.hostname} — add one under DNS` };
  if (zone.target.length === 0) return { ...base, kind: "skip", summary: "No LAN record", reason: `LAN zone ${zone.name} has no reverse-proxy address — set it under DNS`, zoneId: zone.id };
  const records = [
    ...(zone.target.some((a) => !isV6(a)) ? [`${r.hostname} A ${zone.target.filter((a) => !isV6(a)).join(", ")}`] : []),
    ...(zone.target.some(isV6) ? [`${r.hostname} AAAA ${zone.target.filter(isV6).join(", ")}`] : []),
  ];
  // Split horizon: a LAN zone answers for every name it covers, so even a remote-only name needs
  // its LAN record, or it would not resolve at home at all (it points at the proxy, as away).
  const splitNote = !isLan(r.exposure) ? " (the LAN zone covers this name, so it resolves at home too)" : "";
  return {
    ...base,
    kind: "planned",
    summary: `${records.join("; ")} in zone ${zone.name} at ${zone.providerName}${splitNote}`,
    reason: null,
    details: { zone: zone.name, provider: `${zone.providerName} (${zone.providerKind})`, record: records.join("; "), ttl: String(zone.ttl) },
    zoneId: zone.id,
  };
}

function proxy(r: RouteLike, ctx: RouteContext): PartDerivation {
  const base = { part: "proxy" as const };
  let upstream: ReturnType<typeof resolveUpstream>;
  try {
    upstream = resolveUpstream({ id: r.id ?? "new", hostname: r.hostname, serviceId: r.serviceId, servicePort: r.servicePort, upstreamUrl: r.upstreamUrl }, new Map(ctx.services.map((s) => [s.id, s])), new Map(ctx.hosts.map((h) => [h.id, h])));
  } catch (err) {
    upstream = { reason: err instanceof Error ? err.message : String(err) };
  }
  if ("reason" in upstream) return { ...base, kind: "blocked", summary: `${r.hostname} → ?`, reason: upstream.reason, details: {} };
  const url = `${upstream.tls ? "https" : "http"}://${upstream.dial}`;
  const tls = ctx.tlsMode === "certificate" ? "your certificate" : "Caddy's internal CA";
  return { ...base, kind: "planned", summary: `${r.hostname} → ${url} (TLS: ${tls})`, reason: null, details: { host: r.hostname, upstream: url, tls, fingerprint: "X-Homeport-Route: <route id>" } };
}

function tunnel(r: RouteLike, ctx: RouteContext): PartDerivation {
  const base = { part: "tunnel" as const, details: {} };
  if (!isRemote(r.exposure)) return { ...base, kind: "skip", summary: "No tunnel rule", reason: "LAN only: not carried through a tunnel", cleanup: ctx.tunnels.length > 0 };
  if (ctx.tunnels.length === 0) return { ...base, kind: "skip", summary: "No tunnel rule", reason: `no tunnel to carry ${r.hostname} — add one under Ingress` };
  const rules = ctx.tunnels.map((t) => ({ t, rule: buildTunnelRule(r.hostname, t.originUrl, t.mode as TunnelMode) }));
  return {
    ...base,
    kind: "planned",
    summary: rules.map(({ t, rule }) => `${r.hostname} → ${rule.service} via ${t.name}`).join("; "),
    reason: null,
    details: { tunnel: ctx.tunnels.map((t) => `${t.name} (${t.kind}, ${t.mode})`).join(", "), service: rules.map(({ rule }) => rule.service).join(", "), host: r.hostname },
  };
}

function publicDns(r: RouteLike, ctx: RouteContext): PartDerivation {
  const base = { part: "public-dns" as const, details: {} };
  const zone = zoneFor(r.hostname, ctx.zones, "public");
  // Where an earlier public record would be removed from (the zone's apply converges it away).
  const removal = zone ? { cleanup: true, zoneId: zone.id, ...(publicTarget(r.hostname, zone, ctx.tunnels) ? { cnameTarget: publicTarget(r.hostname, zone, ctx.tunnels) } : {}) } : {};
  if (!isRemote(r.exposure)) return { ...base, kind: "skip", summary: "No public record", reason: "LAN only: nothing is published on the internet", ...removal };
  if (ctx.tunnels.length === 0) return { ...base, kind: "skip", summary: "No public record", reason: `no tunnel carries ${r.hostname}, so a public record would lead nowhere — add a tunnel under Ingress`, ...removal };
  if (!zone) return { ...base, kind: "skip", summary: "No public record", reason: `no public zone covers ${r.hostname} — add one under DNS` };
  const target = publicTarget(r.hostname, zone, ctx.tunnels);
  if (!target) return { ...base, kind: "blocked", summary: `${r.hostname} CNAME ?`, reason: `public zone ${zone.name} has no target and the tunnel gives none — set the zone's target under DNS`, zoneId: zone.id };
  return {
    ...base,
    kind: "planned",
    summary: `${r.hostname} CNAME ${target} in zone ${zone.name} at ${zone.providerName}`,
    reason: null,
    details: { zone: zone.name, provider: `${zone.providerName} (${zone.providerKind})`, record: `${r.hostname} CNAME ${target}`, ttl: String(zone.ttl) },
    zoneId: zone.id,
    cnameTarget: target,
  };
}

/** Every part of a route, in reconcile order. Pure. */
export function deriveRouteParts(r: RouteLike, ctx: RouteContext): PartDerivation[] {
  return [lanDns(r, ctx), proxy(r, ctx), tunnel(r, ctx), publicDns(r, ctx)];
}
