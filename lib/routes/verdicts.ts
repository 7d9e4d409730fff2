// Verdicts of a route from real probes: "same URL at home and away", "works offline" and
// "exposure matches intent", plus the LAN and remote sides vantage by vantage. The verdicts are
// pure functions of the check states (lib/probes' state machine already applied retries and the
// "unreachable" expectation of exposure checks) and the parts' statuses; loadRouteVerdicts reads them.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { zoneFor } from "@/lib/dns";
import { isLan, isRemote } from "./exposure";
import { findRoute, type RouteRecord } from "./record";
import { listRouteParts } from "./reconcile";
import type { RoutePartName, RoutePartView, RouteStatusView, Side, SideVantage, Verdict, Verdicts } from "./schemas";

export interface VerdictInput {
  route: Pick<RouteRecord, "id" | "hostname" | "exposure">;
  parts: Pick<RoutePartView, "part" | "status" | "message">[];
  /** The LAN-role zone that covers the hostname, if any. */
  lanZone: { name: string } | null;
  /** internal | certificate (ProxyEntry.tlsMode). */
  tlsMode: string;
  /** States of the route's main check, one per vantage that ran it. */
  main: SideVantage[];
  /** States of the exposure check (LAN-only routes, from remote vantages). */
  exposure: SideVantage[];
  /** Enabled vantage points, to tell "nobody looked yet" from "nobody can look". */
  vantages: { id: string; name: string; kind: string }[];
}

const known = (cells: SideVantage[]) => cells.filter((c) => c.status === "up" || c.status === "down");
const names = (cells: SideVantage[]) => cells.map((c) => c.name).join(", ");
const why = (c: SideVantage) => `${c.name}: ${c.errorClass ?? "error"}${c.message ? ` (${c.message})` : ""}`;

/** A side's status: reachable sides are up when any vantage gets through; unreachable sides are down when any does. */
export function sideStatus(cells: SideVantage[], expectation: Side["expectation"]): Side["status"] {
  const k = known(cells);
  if (expectation === "not-checked" || k.length === 0) return "unknown";
  if (expectation === "unreachable") return k.some((c) => c.status === "down") ? "down" : "up";
  return k.some((c) => c.status === "up") ? "up" : "down";
}

export function sides(input: VerdictInput): { lan: Side; remote: Side } {
  const { exposure } = input.route;
  const lanCells = input.main.filter((c) => c.kind === "lan");
  // A LAN-only route is seen from away by its exposure check, which expects no answer.
  const remoteCells = isRemote(exposure) ? input.main.filter((c) => c.kind === "remote") : input.exposure.filter((c) => c.kind === "remote");
  const lanExp: Side["expectation"] = isLan(exposure) ? "reachable" : "not-checked";
  const remoteExp: Side["expectation"] = isRemote(exposure) ? "reachable" : "unreachable";
  return {
    lan: { expectation: lanExp, status: sideStatus(lanCells, lanExp), vantages: lanExp === "not-checked" ? [] : lanCells },
    remote: { expectation: remoteExp, status: sideStatus(remoteCells, remoteExp), vantages: remoteCells },
  };
}

const v = (status: Verdict["status"], reason: string): Verdict => ({ status, reason });

/** Why a reachable side is not up, or null when it is. */
function sideProblem(label: string, side: Side, hasVantage: boolean): Verdict | null {
  if (!hasVantage) return v("fail", `no ${label} vantage point — enroll an agent as a ${label} vantage to check from ${label === "LAN" ? "home" : "away"}`);
  if (side.status === "up") return null;
  if (side.status === "unknown") return v("pending", `waiting for the first probe from the ${label} side`);
  const failing = known(side.vantages).filter((c) => c.status === "down");
  return v("fail", `${label} side fails: ${failing.map(why).join("; ")}`);
}

export function sameUrlVerdict(input: VerdictInput, s = sides(input)): Verdict {
  const { exposure, id } = input.route;
  const hasLan = input.vantages.some((x) => x.kind === "lan");
  const hasRemote = input.vantages.some((x) => x.kind === "remote");
  const lan = isLan(exposure);
  if (!lan || !isRemote(exposure)) {
    const [label, side, has] = lan ? (["LAN", s.lan, hasLan] as const) : (["remote", s.remote, hasRemote] as const);
    const p = sideProblem(label, side, has);
    const state = !p ? `it passes (${names(side.vantages.filter((c) => c.status === "up"))})` : p.status === "pending" ? "no result yet" : `it fails — ${p.reason}`;
    return v("not-applicable", `${lan ? "LAN-only" : "Remote-only"} route: only the ${label} side is required, and ${state}`);
  }
  const lanP = sideProblem("LAN", s.lan, hasLan);
  const remoteP = sideProblem("remote", s.remote, hasRemote);
  const fails = [lanP, remoteP].filter((p) => p?.status === "fail");
  if (fails.length > 0) return v("fail", fails.map((p) => p!.reason).join("; "));
  if (lanP || remoteP) return v("pending", (lanP ?? remoteP)!.reason);
  const up = [...s.lan.vantages, ...s.remote.vantages].filter((c) => c.status === "up");
  const missing = up.filter((c) => !c.fingerprint);
  if (missing.length > 0) return v("fail", `no fingerprint from ${names(missing)}: the answer did not come through Homeport's proxy entry for this route`);
  const lanFp = [...new Set(s.lan.vantages.filter((c) => c.status === "up").map((c) => c.fingerprint!))];
  const remoteFp = [...new Set(s.remote.vantages.filter((c) => c.status === "up").map((c) => c.fingerprint!))];
  if (lanFp.length !== 1 || remoteFp.length !== 1 || lanFp[0] !== remoteFp[0]) return v("fail", `fingerprints differ: lan saw ${lanFp.join(", ")}, remote saw ${remoteFp.join(", ")}`);
  if (lanFp[0] !== id) return v("fail", `both sides reached route ${lanFp[0]}, not this route (${id}): another entry answers for this hostname`);
  return v("pass", `the LAN (${names(s.lan.vantages.filter((c) => c.status === "up"))}) and remote (${names(s.remote.vantages.filter((c) => c.status === "up"))}) vantages reached the same entry (fingerprint ${id})`);
}

const partOf = (input: VerdictInput, part: RoutePartName) => input.parts.find((p) => p.part === part);

export function worksOfflineVerdict(input: VerdictInput, s = sides(input)): Verdict {
  const { exposure, hostname } = input.route;
  if (!isLan(exposure)) return v("not-applicable", "Remote-only route: it is reached through the tunnel and public DNS, which need the internet by design");
  if (!input.lanZone) return v("fail", `no LAN zone covers ${hostname}: at home it resolves only through public DNS — add a LAN zone under DNS`);
  for (const [part, label] of [["lan-dns", "LAN DNS record"], ["proxy", "reverse-proxy entry"]] as const) {
    const p = partOf(input, part);
    if (!p) return v("fail", `the ${label} is not applied yet — apply the route`);
    if (p.status === "pending") return v("pending", `the ${label} is being applied`);
    if (p.status !== "ok") return v("fail", `the ${label} is ${p.status}${p.message ? `: ${p.message}` : ""}`);
  }
  if (input.tlsMode !== "internal" && input.tlsMode !== "certificate") return v("fail", `TLS mode ${input.tlsMode} may need the internet to renew`);
  const p = sideProblem("LAN", s.lan, input.vantages.some((x) => x.kind === "lan"));
  if (p) return p;
  const tls = input.tlsMode === "certificate" ? "your certificate" : "Caddy's internal CA";
  return v("pass", `resolves through LAN zone ${input.lanZone.name}, served by the LAN proxy with ${tls} (no ACME), and answers at home (${names(s.lan.vantages.filter((c) => c.status === "up"))})`);
}

export function exposureVerdict(input: VerdictInput, s = sides(input)): Verdict {
  const { exposure } = input.route;
  const hasRemote = input.vantages.some((x) => x.kind === "remote");
  if (!isRemote(exposure)) {
    if (!hasRemote) return v("fail", "no remote vantage point to prove the route is not reachable from away — enroll an agent as a remote vantage");
    const exposed = known(s.remote.vantages).filter((c) => c.status === "down");
    if (exposed.length > 0) return v("fail", `reachable from ${names(exposed)} (remote) although the route is LAN only${exposed[0]!.errorClass ? ` [${exposed[0]!.errorClass}]` : ""}`);
    const lanP = sideProblem("LAN", s.lan, input.vantages.some((x) => x.kind === "lan"));
    if (lanP?.status === "fail") return lanP;
    if (s.remote.status === "unknown") return v("pending", "waiting for the remote vantages to try the route");
    if (lanP) return lanP;
    return v("pass", `not reachable from away (${names(s.remote.vantages)}), reachable at home`);
  }
  const p = sideProblem("remote", s.remote, hasRemote);
  if (p?.status === "fail") {
    const failing = known(s.remote.vantages).filter((c) => c.status === "down");
    return failing.length > 0 ? v("fail", `remote vantage ${failing.map(why).join("; ")} cannot reach the route, although it is exposed ${isLan(exposure) ? "both ways" : "remotely"}`) : p;
  }
  if (p) return p;
  return v("pass", `reachable from away (${names(s.remote.vantages.filter((c) => c.status === "up"))}) as intended`);
}

export function routeVerdicts(input: VerdictInput): { verdicts: Verdicts; sides: { lan: Side; remote: Side } } {
  const s = sides(input);
  return { verdicts: { sameUrl: sameUrlVerdict(input, s), worksOffline: worksOfflineVerdict(input, s), exposureMatchesIntent: exposureVerdict(input, s) }, sides: s };
}

type StateRow = { vantageId: string; status: string; errorClass: string | null; message: string | null; latencyMs: number | null; fingerprint: string | null; lastAt: Date | null; vantage: { name: string; kind: string; enabled: boolean } };

const toCell = (s: StateRow): SideVantage => ({
  id: s.vantageId,
  name: s.vantage.name,
  kind: s.vantage.kind,
  status: s.status,
  errorClass: s.errorClass,
  message: s.message,
  latencyMs: s.latencyMs,
  fingerprint: s.fingerprint,
  lastAt: s.lastAt?.toISOString() ?? null,
});

/** Parts, verdicts and sides of one route, from the database. */
export async function loadRouteStatus(db: Db, routeId: string): Promise<RouteStatusView> {
  const route = await findRoute(db, routeId);
  if (!route) throw notFound("Route");
  const [parts, zones, entry, checks, vantages] = await Promise.all([
    listRouteParts(db, routeId),
    db.dnsZone.findMany({ select: { name: true, role: true } }),
    db.proxyEntry.findUnique({ where: { routeId }, select: { tlsMode: true } }),
    db.check.findMany({
      where: { sourceKey: { in: [`route:${routeId}`, `route:${routeId}:exposure`] } },
      select: { sourceKey: true, states: { include: { vantage: { select: { name: true, kind: true, enabled: true } } }, orderBy: { vantageId: "asc" } } },
    }),
    db.vantagePoint.findMany({ where: { enabled: true }, select: { id: true, name: true, kind: true } }),
  ]);
  const cells = (key: string) => (checks.find((c) => c.sourceKey === key)?.states ?? []).filter((s) => s.vantage.enabled).map(toCell);
  const zone = zoneFor(route.hostname, zones.map((z) => ({ ...z, id: z.name, target: [], ttl: 0 })), "lan");
  const { verdicts, sides: s } = routeVerdicts({
    route,
    parts,
    lanZone: zone ? { name: zone.name } : null,
    tlsMode: entry?.tlsMode ?? "internal",
    main: cells(`route:${routeId}`),
    exposure: cells(`route:${routeId}:exposure`),
    vantages,
  });
  return { parts, verdicts, sides: s };
}
