// checkInSummary: the whole lab at one glance for the phone page — open incidents, routes whose
// LAN or remote side fails, hosts whose agent is gone, services not running, and what changed
// since the user's last check-in. Read-only; markCheckedIn (seen.ts) records the visit.
import type { Db } from "@/lib/db";
import { containerStateRows, deploymentRows, findAgentHub } from "@/lib/agents";
import { auditEventRows } from "@/lib/audit";
import { checkRows, incidentRows, isStale } from "@/lib/probes";
import type { CheckInIncident, CheckInRoute, CheckInService, CheckInSummary } from "./schemas";
import { compareHosts, compareIncidents, compareRoutes, compareServices, sideStatus, verdictOf } from "./verdict";

/** Open incidents read for the summary (newest first). */
const MAX_OPEN_INCIDENTS = 500;
/** At most this many rows per problem section (the headline still counts them all). */
export const MAX_SECTION_ITEMS = 50;
/** Deploys and changes listed under "since your last check-in" (their counts are exact). */
export const SINCE_LIST_LIMIT = 10;
/** On a first check-in, "since" covers this much. */
export const FIRST_CHECKIN_WINDOW_MS = 24 * 3600_000;
/** Routine audit actions left out of "changes" (every check-in would otherwise list its own sign-in). */
export const ROUTINE_ACTIONS = ["auth.login", "auth.logout"];

export interface CheckInUser {
  id: string;
}

export interface SummaryOptions {
  /** Count changes from here instead of the stored last check-in. */
  since?: Date;
  /** Whether a host's agent is connected right now (default: the agent hub of this process). */
  isOnline?: (hostId: string) => boolean;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
/** "route:<id>" or "route:<id>:exposure" → the route id. */
const ROUTE_KEY = /^route:([^:]+)(?::[a-z-]+)?$/;

async function openIncidents(db: Db, vantages: Map<string, { name: string; kind: string }>): Promise<CheckInIncident[]> {
  const rows = await db.incident.findMany({
    where: { endedAt: null },
    include: { check: { select: { id: true, name: true, type: true, sourceKey: true } } },
    orderBy: { startedAt: "desc" },
    take: MAX_OPEN_INCIDENTS,
  });
  return rows.map((row) => {
    const r = incidentRows.columns(row);
    const check = checkRows.columns(row.check);
    return {
      id: r.id,
      checkId: r.checkId,
      checkName: check.name,
      checkType: check.type,
      routeId: ROUTE_KEY.exec(check.sourceKey ?? "")?.[1] ?? null,
      kind: r.kind,
      startedAt: r.startedAt.toISOString(),
      vantages: r.vantages.map((id) => ({ id, name: vantages.get(id)?.name ?? id, kind: vantages.get(id)?.kind ?? "lan" })),
      errorClass: r.errorClass,
      message: r.message,
      acknowledgedAt: iso(row.acknowledgedAt),
      acknowledgedBy: row.acknowledgedBy,
    };
  });
}

async function failingRoutes(db: Db, vantages: Map<string, { name: string; kind: string; enabled: boolean }>, incidents: CheckInIncident[], now: Date): Promise<CheckInRoute[]> {
  // A route has its reachability check ("route:<id>") and, when it is LAN-only, an exposure check
  // ("route:<id>:exposure", down when it answers from away): both speak for the route's sides.
  const checks = await db.check.findMany({
    where: { source: "route", sourceKey: { startsWith: "route:" }, enabled: true },
    select: { id: true, name: true, sourceKey: true, intervalSec: true, statusSince: true, states: true },
  });
  const byRoute = new Map<string, typeof checks>();
  for (const c of checks) {
    const routeId = ROUTE_KEY.exec(c.sourceKey ?? "")?.[1];
    if (routeId) byRoute.set(routeId, [...(byRoute.get(routeId) ?? []), c]);
  }
  const hostnames = new Map((await db.route.findMany({ where: { id: { in: [...byRoute.keys()] } }, select: { id: true, hostname: true } })).map((r) => [r.id, r.hostname]));
  const incidentOf = new Map(incidents.map((i) => [i.checkId, i.id]));
  const out: CheckInRoute[] = [];
  for (const [routeId, mine] of byRoute) {
    const main = mine.find((c) => c.sourceKey === `route:${routeId}`) ?? mine[0]!;
    const cells = mine.flatMap((c) =>
      c.states
        .filter((s) => vantages.get(s.vantageId)?.enabled !== false)
        .map((s) => ({ vantageKind: vantages.get(s.vantageId)?.kind ?? "lan", status: s.status, stale: isStale(s.lastAt, c.intervalSec, now), message: s.message ?? s.errorClass })),
    );
    const lan = sideStatus(cells, "lan");
    const remote = sideStatus(cells, "remote");
    if (lan !== "fails" && remote !== "fails") continue;
    const failing = cells.find((x) => x.status === "down" && !x.stale);
    out.push({
      routeId,
      hostname: hostnames.get(routeId) ?? main.name,
      checkId: main.id,
      lan,
      remote,
      message: failing?.message ?? null,
      since: iso(main.statusSince),
      incidentId: mine.map((c) => incidentOf.get(c.id)).find((x) => x !== undefined) ?? null,
    });
  }
  return out;
}

async function servicesNotRunning(db: Db, online: (hostId: string) => boolean): Promise<CheckInService[]> {
  const services = await db.service.findMany({
    where: { hostId: { not: null } },
    select: {
      id: true, name: true, hostId: true,
      host: { select: { name: true, revokedAt: true } },
      deployments: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, status: true } },
    },
    take: 2000,
  });
  if (services.length === 0) return [];
  const containers = (await db.containerState.findMany({ where: { serviceId: { in: services.map((s) => s.id) } }, orderBy: { observedAt: "desc" } })).map((r) => containerStateRows.parse(r));
  const out: CheckInService[] = [];
  for (const s of services) {
    if (!s.hostId || s.host?.revokedAt) continue;
    const mine = containers.filter((c) => c.serviceId === s.id && c.hostId === s.hostId);
    // The container carrying the service's name is the current one (as the service page shows).
    const c = mine.find((x) => x.name === s.name) ?? mine[0];
    const base = { serviceId: s.id, name: s.name, hostId: s.hostId, hostName: s.host?.name ?? null, hostOnline: online(s.hostId) };
    if (!c) {
      // Never deployed is not "not running"; a successful rollout whose container is gone is.
      const last = s.deployments[0] ? deploymentRows.columns(s.deployments[0]).status : null;
      if (last === "succeeded" || last === "unchanged") {
        out.push({ ...base, state: "missing", status: null, health: null, exitCode: null, observedAt: null });
      }
      continue;
    }
    if (c.state === "running" && c.health !== "unhealthy") continue;
    out.push({ ...base, state: c.state, status: c.status, health: c.health, exitCode: c.exitCode, observedAt: c.observedAt.toISOString() });
  }
  return out;
}

async function sinceLastCheckIn(db: Db, from: Date | null, now: Date): Promise<CheckInSummary["since"]> {
  const windowStart = from ?? new Date(now.getTime() - FIRST_CHECKIN_WINDOW_MS);
  const deployWhere = { createdAt: { gt: windowStart } };
  const changeWhere = { at: { gt: windowStart }, action: { notIn: ROUTINE_ACTIONS } };
  const [deploys, deployCount, changes, changeCount] = await Promise.all([
    db.deployment.findMany({
      where: deployWhere,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: SINCE_LIST_LIMIT,
      select: { id: true, serviceId: true, status: true, actorName: true, createdAt: true, service: { select: { name: true } } },
    }),
    db.deployment.count({ where: deployWhere }),
    db.auditEvent.findMany({
      where: changeWhere,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: SINCE_LIST_LIMIT,
      select: { id: true, at: true, action: true, actorName: true, targetType: true, targetId: true },
    }),
    db.auditEvent.count({ where: changeWhere }),
  ]);
  return {
    from: iso(from),
    windowStart: windowStart.toISOString(),
    deploys: deploys.map((row) => {
      const d = deploymentRows.columns(row);
      return { id: d.id, serviceId: d.serviceId, serviceName: row.service.name, status: d.status, actorName: d.actorName, createdAt: d.createdAt.toISOString() };
    }),
    deployCount,
    changes: changes.map((row) => {
      const e = auditEventRows.columns(row);
      return { ...e, at: e.at.toISOString() };
    }),
    changeCount,
  };
}

export async function checkInSummary(db: Db, user: CheckInUser, now: Date = new Date(), opts: SummaryOptions = {}): Promise<CheckInSummary> {
  const hub = findAgentHub();
  const online = opts.isOnline ?? ((hostId: string) => hub?.isOnline(hostId) ?? false);
  const [me, vantageRows, hostRows] = await Promise.all([
    db.user.findUnique({ where: { id: user.id }, select: { lastCheckInAt: true } }),
    db.vantagePoint.findMany({ select: { id: true, name: true, kind: true, enabled: true } }),
    // Enrolled, not revoked: a host without an agent is inventory, not a lost agent.
    db.host.findMany({ where: { revokedAt: null, enrolledAt: { not: null } }, select: { id: true, name: true, lastSeenAt: true } }),
  ]);
  const vantages = new Map(vantageRows.map((v) => [v.id, v]));
  const incidents = (await openIncidents(db, vantages)).sort(compareIncidents);
  const [routes, services, since] = await Promise.all([
    failingRoutes(db, vantages, incidents, now).then((r) => r.sort(compareRoutes)),
    servicesNotRunning(db, online).then((s) => s.sort(compareServices)),
    sinceLastCheckIn(db, opts.since ?? me?.lastCheckInAt ?? null, now),
  ]);
  const hosts = hostRows.filter((h) => !online(h.id)).map((h) => ({ hostId: h.id, name: h.name, lastSeenAt: iso(h.lastSeenAt) })).sort(compareHosts);
  const { verdict, headline, needsAttention } = verdictOf({ incidents, routes, hosts, services });
  return {
    generatedAt: now.toISOString(),
    verdict,
    headline,
    needsAttention,
    incidents: incidents.slice(0, MAX_SECTION_ITEMS),
    routes: routes.slice(0, MAX_SECTION_ITEMS),
    hosts: hosts.slice(0, MAX_SECTION_ITEMS),
    services: services.slice(0, MAX_SECTION_ITEMS),
    since,
    lastCheckInAt: iso(me?.lastCheckInAt),
  };
}
