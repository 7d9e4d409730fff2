// getOverview: reads the whole overview in a fixed number of queries (counts and groupings done in
// SQL, lists capped), however many services, checks and routes there are.
import type { Db } from "@/lib/db";
import { findAgentHub } from "@/lib/agents";
import { auditEventRows } from "@/lib/audit";
import { isStale } from "@/lib/probes";
import { ATTENTION_LIMIT, buildAttention, type AttentionFacts } from "./attention";
import { buildChecklist } from "./checklist";
import type { Overview, OverviewSummary } from "./schemas";

/** Audit events listed under "Recent activity". */
export const RECENT_EVENTS = 8;
/** Rows read per kind of problem; more than this is a lab on fire and the list is capped anyway. */
export const PROBLEM_ROWS = 200;
/** Sign-ins are routine: the activity feed leaves them out. */
const ROUTINE_ACTIONS = ["auth.login", "auth.logout"];
const TUNNEL_BROKEN = ["unreachable", "rejected", "unauthorized", "rate_limited"];
/** "route:<id>" or "route:<id>:exposure" → the route id. */
const ROUTE_KEY = /^route:([^:]+)(?::[a-z-]+)?$/;

export interface OverviewOptions {
  now?: Date;
  /** Whether a host's agent is connected (default: this process's agent hub). */
  isOnline?: (hostId: string) => boolean;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(typeof v === "bigint" ? Number(v) : (v as string | number)));
const num = (v: unknown) => Number(v ?? 0);

interface ServiceCountsRow { total: unknown; stopped: unknown; running: unknown; failed: unknown; notPlaced: unknown }
interface FailedDeployRow { serviceId: string; name: string; error: string | null; at: unknown }
interface BadContainerRow { serviceId: string; state: string; health: string | null; exitCode: unknown; hostId: string; observedAt: unknown; hostName: string }

// A service's state, per row, in SQL: healthy (a running container that is not unhealthy), broken
// (a bad container and no healthy one) and whether its latest deployment failed.
async function serviceCounts(db: Db): Promise<OverviewSummary["services"]> {
  const [row] = await db.$queryRaw<ServiceCountsRow[]>`
    SELECT COUNT(*) AS total,
      SUM(CASE WHEN desiredState = 'stopped' THEN 1 ELSE 0 END) AS stopped,
      SUM(CASE WHEN hostId IS NULL THEN 1 ELSE 0 END) AS notPlaced,
      SUM(CASE WHEN desiredState = 'running' AND healthy = 1 AND deployFailed = 0 THEN 1 ELSE 0 END) AS running,
      SUM(CASE WHEN deployFailed = 1 OR (desiredState = 'running' AND broken = 1 AND healthy = 0) THEN 1 ELSE 0 END) AS failed
    FROM (
      SELECT s.desiredState, s.hostId,
        EXISTS (SELECT 1 FROM ContainerState c WHERE c.serviceId = s.id AND c.state = 'running' AND (c.health IS NULL OR c.health <> 'unhealthy')) AS healthy,
        EXISTS (SELECT 1 FROM ContainerState c WHERE c.serviceId = s.id AND (c.state IN ('exited', 'dead', 'restarting') OR c.health = 'unhealthy')) AS broken,
        EXISTS (SELECT 1 FROM Deployment d WHERE d.serviceId = s.id AND d.status = 'failed'
          AND NOT EXISTS (SELECT 1 FROM Deployment n WHERE n.serviceId = s.id AND n.createdAt > d.createdAt)) AS deployFailed
      FROM Service s
    )`;
  return { total: num(row?.total), stopped: num(row?.stopped), running: num(row?.running), failed: num(row?.failed), notPlaced: num(row?.notPlaced) };
}

async function failedDeploys(db: Db): Promise<AttentionFacts["failedDeploys"]> {
  const rows = await db.$queryRaw<FailedDeployRow[]>`
    SELECT d.serviceId AS serviceId, s.name AS name, d.error AS error, COALESCE(d.finishedAt, d.createdAt) AS at
    FROM Deployment d JOIN Service s ON s.id = d.serviceId
    WHERE d.status = 'failed' AND NOT EXISTS (SELECT 1 FROM Deployment n WHERE n.serviceId = d.serviceId AND n.createdAt > d.createdAt)
    ORDER BY d.createdAt DESC LIMIT ${PROBLEM_ROWS}`;
  return rows.map((r) => ({ serviceId: r.serviceId, name: r.name, error: r.error, at: toDate(r.at) ?? new Date(0) }));
}

async function brokenServices(db: Db): Promise<AttentionFacts["brokenServices"]> {
  // One SQL join (the host's name included): Prisma's relation select read the rows and then the hosts apart.
  const rows = await db.$queryRaw<BadContainerRow[]>`
    SELECT c.serviceId AS serviceId, c.state AS state, c.health AS health, c.exitCode AS exitCode, c.hostId AS hostId, c.observedAt AS observedAt, h.name AS hostName
    FROM ContainerState c JOIN Host h ON h.id = c.hostId
    WHERE c.serviceId IS NOT NULL AND (c.state IN ('exited', 'dead', 'restarting') OR c.health = 'unhealthy')
    ORDER BY c.observedAt ASC LIMIT ${PROBLEM_ROWS}`;
  const bad = rows.map((r) => ({ ...r, exitCode: r.exitCode === null ? null : num(r.exitCode), observedAt: toDate(r.observedAt) ?? new Date(0), host: { name: r.hostName } }));
  const ids = [...new Set(bad.map((c) => c.serviceId))];
  if (ids.length === 0) return [];
  // One query for the services (desired state, name) and any healthy container they still have.
  const services = await db.service.findMany({ where: { id: { in: ids }, desiredState: "running" }, select: { id: true, name: true, hostId: true } });
  const healthy = new Set(
    (await db.containerState.findMany({ where: { serviceId: { in: ids }, state: "running", NOT: { health: "unhealthy" } }, select: { serviceId: true } })).map((c) => c.serviceId),
  );
  const byId = new Map(services.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const out: AttentionFacts["brokenServices"] = [];
  for (const c of bad) {
    const s = byId.get(c.serviceId);
    if (!s || healthy.has(s.id) || seen.has(s.id) || (s.hostId && c.hostId !== s.hostId)) continue;
    seen.add(s.id);
    out.push({ id: s.id, name: s.name, state: c.state, health: c.health, exitCode: c.exitCode, hostName: c.host.name, since: c.observedAt });
  }
  return out;
}

async function failingRoutes(db: Db, now: Date): Promise<AttentionFacts["routes"]> {
  const [cells, parts] = await Promise.all([
    db.checkState.findMany({
      where: { status: "down", vantage: { enabled: true }, check: { source: "route", enabled: true, pausedAt: null } },
      select: { message: true, errorClass: true, lastAt: true, vantage: { select: { kind: true } }, check: { select: { sourceKey: true, statusSince: true, intervalSec: true } } },
      take: PROBLEM_ROWS,
    }),
    db.routePart.findMany({ where: { status: "failed" }, select: { routeId: true, part: true, message: true, updatedAt: true, route: { select: { hostname: true } } }, take: PROBLEM_ROWS }),
  ]);
  const byRoute = new Map<string, AttentionFacts["routes"][number]>();
  const entry = (routeId: string) => {
    let r = byRoute.get(routeId);
    if (!r) byRoute.set(routeId, (r = { routeId, hostname: "", lanDown: false, remoteDown: false, failedParts: [], message: null, since: null }));
    return r;
  };
  for (const c of cells) {
    const routeId = ROUTE_KEY.exec(c.check.sourceKey ?? "")?.[1];
    if (!routeId || isStale(c.lastAt, c.check.intervalSec, now)) continue;
    const r = entry(routeId);
    if (c.vantage.kind === "remote") r.remoteDown = true;
    else r.lanDown = true;
    r.message ??= c.message ?? c.errorClass;
    if (c.check.statusSince && (!r.since || c.check.statusSince < r.since)) r.since = c.check.statusSince;
  }
  for (const p of parts) {
    const r = entry(p.routeId);
    r.hostname = p.route.hostname;
    r.failedParts.push(p.part === "proxy" ? "proxy entry" : p.part.replace("-", " "));
    r.message ??= p.message;
    r.since ??= p.updatedAt;
  }
  const missing = [...byRoute.values()].filter((r) => !r.hostname).map((r) => r.routeId);
  if (missing.length > 0) {
    for (const r of await db.route.findMany({ where: { id: { in: missing } }, select: { id: true, hostname: true } })) byRoute.get(r.id)!.hostname = r.hostname;
  }
  // A check left behind by a deleted route names no route any more.
  return [...byRoute.values()].filter((r) => r.hostname);
}

export async function getOverview(db: Db, userId: string, opts: OverviewOptions = {}): Promise<Overview> {
  const now = opts.now ?? new Date();
  const hub = findAgentHub();
  const online = opts.isOnline ?? ((id: string) => hub?.isOnline(id) ?? false);
  const [services, deploys, broken, routes, hosts, revoked, zones, ingress, tunnels, routeCount, remoteRoutes, checkGroups, paused, incidents, firstUnplaced, user, signIns, dnsProviders, channels, recent] =
    await Promise.all([
      serviceCounts(db),
      failedDeploys(db),
      brokenServices(db),
      failingRoutes(db, now),
      // Every active host (four small columns): the summary counts them all, and the offline ones are capped below.
      db.host.findMany({ where: { revokedAt: null }, select: { id: true, name: true, lastSeenAt: true, enrolledAt: true }, orderBy: { name: "asc" } }),
      db.host.findMany({ where: { revokedAt: { not: null }, services: { some: {} } }, select: { id: true, name: true, _count: { select: { services: true } } }, take: PROBLEM_ROWS }),
      db.dnsZone.findMany({ where: { OR: [{ lastApplyOk: false }, { driftCount: { gt: 0 } }] }, select: { id: true, name: true, lastApplyOk: true, lastError: true, driftCount: true, lastApplyAt: true, driftCheckedAt: true }, take: PROBLEM_ROWS }),
      db.ingressSettings.findUnique({ where: { id: "default" }, select: { status: true, statusDetail: true, checkedAt: true } }),
      db.tunnel.findMany({ where: { status: { in: TUNNEL_BROKEN } }, select: { id: true, name: true, status: true, statusDetail: true, checkedAt: true }, take: PROBLEM_ROWS }),
      db.route.count(),
      db.route.count({ where: { exposure: { in: ["remote", "both"] } } }),
      db.check.groupBy({ by: ["status"], where: { enabled: true, pausedAt: null }, _count: { _all: true } }),
      db.check.count({ where: { pausedAt: { not: null } } }),
      db.incident.findMany({
        where: { endedAt: null, check: { pausedAt: null } },
        select: { checkId: true, kind: true, startedAt: true, message: true, errorClass: true, acknowledgedBy: true, check: { select: { name: true, sourceKey: true } } },
        orderBy: { startedAt: "asc" },
        take: PROBLEM_ROWS,
      }),
      db.service.findFirst({ where: { hostId: null }, select: { id: true, name: true } }),
      db.user.findUnique({ where: { id: userId }, select: { totpEnabled: true } }),
      db.auditEvent.count({ where: { actorId: userId, action: { in: ["auth.setup", "auth.login"] } } }),
      db.dnsProvider.count(),
      db.notificationChannel.count(),
      db.auditEvent.findMany({
        where: { action: { notIn: ROUTINE_ACTIONS } },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: RECENT_EVENTS,
        select: { id: true, at: true, action: true, actorName: true, targetType: true, targetId: true },
      }),
    ]);

  const caddyBroken = ingress && (ingress.status === "unreachable" || ingress.status === "rejected") && routeCount > 0;
  const attention = buildAttention({
    incidents: incidents.map((i) => ({
      checkId: i.checkId, checkName: i.check.name, kind: i.kind === "degraded" ? "degraded" : "down", startedAt: i.startedAt,
      message: i.message ?? i.errorClass, acknowledgedBy: i.acknowledgedBy, routeId: ROUTE_KEY.exec(i.check.sourceKey ?? "")?.[1] ?? null,
    })),
    brokenServices: broken,
    failedDeploys: deploys,
    routes,
    offlineHosts: hosts.filter((h) => h.enrolledAt && !online(h.id)).slice(0, PROBLEM_ROWS).map((h) => ({ id: h.id, name: h.name, lastSeenAt: h.lastSeenAt })),
    revokedHosts: revoked.map((h) => ({ id: h.id, name: h.name, services: h._count.services })),
    dnsZones: zones.map((z) => ({ id: z.id, name: z.name, error: z.lastError, failing: z.lastApplyOk === false, drift: z.driftCount, since: z.lastApplyOk === false ? z.lastApplyAt : z.driftCheckedAt })),
    caddy: caddyBroken ? { status: ingress.status, detail: ingress.statusDetail, routes: routeCount, since: ingress.checkedAt } : null,
    tunnels: remoteRoutes > 0 ? tunnels.map((t) => ({ id: t.id, name: t.name, status: t.status, detail: t.statusDetail, remoteRoutes, since: t.checkedAt })) : [],
    unplaced: { count: services.notPlaced, first: firstUnplaced },
    totpOff: user ? !user.totpEnabled : false,
  });
  const checkCount = (s: string) => checkGroups.find((g) => g.status === s)?._count._all ?? 0;
  return {
    generatedAt: now.toISOString(),
    attention: attention.slice(0, ATTENTION_LIMIT),
    attentionTotal: attention.length,
    checklist: buildChecklist({
      enrolledHosts: hosts.filter((h) => h.enrolledAt).length,
      services: services.total,
      dnsProviders,
      caddyStatus: ingress?.status ?? null,
      routes: routeCount,
      channels,
    }),
    summary: {
      services,
      hosts: { total: hosts.length, online: hosts.filter((h) => online(h.id)).length },
      checks: { total: checkGroups.reduce((n, g) => n + g._count._all, 0) + paused, up: checkCount("up"), down: checkCount("down"), degraded: checkCount("degraded"), paused },
      routes: { total: routeCount },
    },
    recent: recent.map((row) => {
      const e = auditEventRows.columns(row);
      return { ...e, at: e.at.toISOString() };
    }),
    returning: signIns > 1,
  };
}
