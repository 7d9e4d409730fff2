// The internet-down drill: for every route and service, what would still work with the internet
// gone. It reads Homeport's own state (routes, parts, zones, services, container states) and asks
// connected agents on the LAN which images they hold; it never sends anything to the internet.
import { isIP } from "node:net";
import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { findAgentHub } from "@/lib/agents";
import { hostImageLookup, imageInTags, IMAGE_LIST_TIMEOUT_MS, getRegistryMirror, pullSource } from "@/lib/images";
import { dnsProviderRows, dnsZoneRows, zoneFor } from "@/lib/dns";
import { serviceRows } from "@/lib/inventory";
import { isLan, isRemote, type Exposure } from "./exposure";
import { listRouteRecords, type RouteRecord } from "./record";
import { listRouteParts } from "./reconcile";
import type { DrillIssue, DrillReport, RoutePartView } from "./schemas";

export { IMAGE_LIST_TIMEOUT_MS, imageInTags };

/** What a missing image means for a redeploy, by where its pull would come from. */
const MISSING_PULL = {
  internet: "redeploying would need a pull from the internet",
  mirror: "redeploying pulls it through the LAN registry mirror (if the mirror holds it)",
  lan: "redeploying pulls it from a registry on the LAN",
} as const;

/** Names that never resolve through public DNS. */
const LOCAL_SUFFIXES = [".local", ".lan", ".home.arpa", ".internal", ".localhost", ".localdomain"];

/** True for loopback, RFC 1918, CGNAT, link-local and unique-local addresses. */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) {
    const [a, b] = ip.split(".").map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
  }
  if (v === 6) {
    const l = ip.toLowerCase();
    return l === "::1" || l.startsWith("fc") || l.startsWith("fd") || l.startsWith("fe80");
  }
  return false;
}

export type DrillRouteInput = Pick<RouteRecord, "id" | "hostname" | "exposure" | "upstreamUrl" | "serviceId"> & {
  parts: Pick<RoutePartView, "part" | "status" | "message">[];
  tlsMode: string;
};

export interface DrillZone {
  name: string;
  role: string;
  providerKind: string;
  lastApplyOk: boolean | null;
  lastError: string | null;
}

/** Issues of one route's LAN path; an empty list means it survives. Pure. */
export function routeDrillIssues(r: DrillRouteInput, zones: DrillZone[]): DrillIssue[] {
  if (!isLan(r.exposure)) return [{ kind: "remote-only", message: "remote-only route: it is reached through the tunnel and public DNS, which need the internet" }];
  const issues: DrillIssue[] = [];
  const zone = zoneFor(r.hostname, zones, "lan");
  if (!zone) issues.push({ kind: "no-lan-zone", message: `no LAN zone covers ${r.hostname}: at home it resolves only through public DNS` });
  for (const [part, label] of [["lan-dns", "LAN DNS record"], ["proxy", "reverse-proxy entry"]] as const) {
    const p = r.parts.find((x) => x.part === part);
    if (part === "lan-dns" && !zone) continue;
    if (!p) issues.push({ kind: part, message: `the ${label} has not been applied` });
    else if (p.status !== "ok") issues.push({ kind: part, message: `the ${label} is ${p.status}${p.message ? `: ${p.message}` : ""}` });
  }
  if (r.tlsMode !== "internal" && r.tlsMode !== "certificate") issues.push({ kind: "tls", message: `TLS mode ${r.tlsMode} may need the internet (ACME) to issue or renew` });
  if (r.upstreamUrl) {
    let host = "";
    try {
      host = new URL(r.upstreamUrl).hostname.replace(/^\[|\]$/g, "").toLowerCase();
    } catch {
      host = "";
    }
    const local = isIP(host) ? isPrivateAddress(host) : !host.includes(".") || LOCAL_SUFFIXES.some((s) => host.endsWith(s)) || !!zoneFor(host, zones, "lan");
    if (!local) issues.push({ kind: "upstream-internet", message: `the upstream ${r.upstreamUrl} is ${isIP(host) ? "a public address" : "a name no LAN zone serves"}: it needs the internet` });
  }
  return issues;
}

/** What becomes of a route's remote side with the internet gone. Pure. */
export function awayWithoutInternet(exposure: Exposure): { away: "lost" | "not-exposed"; awayNote: string } {
  if (!isRemote(exposure)) return { away: "not-exposed", awayNote: "LAN only: not reachable from away in any case" };
  return { away: "lost", awayNote: "from away it depends on the tunnel and public DNS, which go with the internet" };
}

/** Runs the drill and records it in the audit trail. */
export async function runInternetDownDrill(db: Db, actor?: AuditActor, meta?: AuditOrigin): Promise<DrillReport> {
  const [routes, zones, services, entries, containers] = await Promise.all([
    listRouteRecords(db),
    db.dnsZone.findMany({ include: { provider: { select: { kind: true, name: true } } }, orderBy: { name: "asc" } }),
    db.service.findMany({ include: { host: { select: { id: true, name: true } } }, orderBy: { name: "asc" } }),
    db.proxyEntry.findMany({ select: { routeId: true, tlsMode: true } }),
    db.containerState.findMany({ select: { hostId: true, image: true } }),
  ]);
  const drillZones: DrillZone[] = zones.map((row) => {
    const z = dnsZoneRows.parse(row);
    return { name: z.name, role: z.role, providerKind: dnsProviderRows.columns(row.provider).kind, lastApplyOk: z.lastApplyOk, lastError: z.lastError };
  });
  const tls = new Map(entries.map((e) => [e.routeId, e.tlsMode]));

  const routeReports = [];
  for (const r of routes) {
    const issues = routeDrillIssues({ ...r, parts: await listRouteParts(db, r.id), tlsMode: tls.get(r.id) ?? "internal" }, drillZones);
    routeReports.push({ id: r.id, hostname: r.hostname, exposure: r.exposure, survives: issues.length === 0, issues, ...awayWithoutInternet(r.exposure) });
  }

  const hub = findAgentHub();
  const hostImages = hostImageLookup();
  const mirror = await getRegistryMirror(db);
  const serviceReports = [];
  for (const row of services) {
    const s = { ...serviceRows.parse(row), host: row.host };
    // A service on no host runs nowhere: the internet going away takes nothing from it.
    if (!s.host) {
      serviceReports.push({ id: s.id, name: s.name, hostName: null, atRisk: false, imagePresent: "unknown" as const, imagesMissing: 0, imagePull: null, issues: [{ kind: "not-placed", message: "not placed on a host: nothing runs, so nothing is lost" }] });
      continue;
    }
    const issues: DrillIssue[] = [];
    let imagePresent: "yes" | "no" | "unknown" = "unknown";
    if (s.egress === "open") issues.push({ kind: "egress-open", message: "egress is open: the service may call out to the internet (set egress to offline once it does not need to)" });
    const host = s.host;
    const online = hub?.isOnline(host.id) ?? false;
    if (!online) issues.push({ kind: "host-unknown", message: `host ${s.host.name} is not connected (unknown): its images and containers cannot be confirmed` });
    const tags = online ? await hostImages(s.host.id) : null;
    if (tags) imagePresent = imageInTags(s.image, tags) ? "yes" : "no";
    else if (containers.some((c) => c.hostId === host.id && imageInTags(s.image, [c.image]))) imagePresent = "yes";
    if (imagePresent === "no") issues.push({ kind: "image-missing", message: `image ${s.image} is not on ${s.host.name}: ${MISSING_PULL[pullSource(s.image, mirror)]}` });
    if (imagePresent === "unknown") issues.push({ kind: "image-unknown", message: `whether ${s.image} is on ${s.host.name} is unknown` });
    const imagePull = imagePresent === "no" ? pullSource(s.image, mirror) : null;
    serviceReports.push({ id: s.id, name: s.name, hostName: s.host.name, atRisk: issues.length > 0, imagePresent, imagesMissing: imagePresent === "no" ? 1 : 0, imagePull, issues });
  }

  const lanZones = drillZones.filter((z) => z.role === "lan");
  const dnsIssues: DrillIssue[] = [];
  if (lanZones.length === 0) dnsIssues.push({ kind: "no-lan-zone", message: "no LAN zone: LAN names resolve only through public DNS, which is gone with the internet" });
  for (const z of lanZones) {
    if (z.providerKind === "cloudflare") dnsIssues.push({ kind: "lan-zone-on-internet", message: `LAN zone ${z.name} is served by Cloudflare, an internet service` });
    if (z.lastApplyOk === false) dnsIssues.push({ kind: "lan-zone-failing", message: `LAN zone ${z.name}: the last apply failed${z.lastError ? ` (${z.lastError})` : ""}` });
  }
  const notes = [
    "Homeport cannot see whether your LAN resolver answers these zones itself or only forwards them upstream: make sure the devices at home use the resolver that serves the LAN zones.",
  ];

  const report: DrillReport = {
    ranAt: new Date().toISOString(),
    summary: {
      routes: routeReports.length,
      routesSurviving: routeReports.filter((r) => r.survives).length,
      services: serviceReports.length,
      servicesAtRisk: serviceReports.filter((s) => s.atRisk).length,
      imagesMissing: serviceReports.reduce((n, s) => n + s.imagesMissing, 0),
      imagesNeedInternet: serviceReports.filter((s) => s.imagePull === "internet").length,
      dnsIssues: dnsIssues.length,
    },
    routes: routeReports,
    services: serviceReports,
    dns: { lanZones: lanZones.map((z) => z.name), issues: dnsIssues, notes },
  };
  await recordAudit(db, { actor: actor ?? { type: "system", name: "drill" }, action: "drill.run", target: { type: "drill" }, details: report.summary, meta });
  return report;
}
