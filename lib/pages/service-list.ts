// The services list at any size: two light scans read every matching service's state facts (its
// latest deployment's status, the containers on its host), the state is derived, filtered and
// sorted on those, and only the page's services are read in full. It replaces loading every service and all their containers through `IN (…)` lists, which
// SQLite refuses past its parameter limit (the list failed at a few thousand services) and which
// silently stopped at 2,000 services.
import type { Db } from "@/lib/db";
import type { Page, PageQuery } from "@/lib/db/pagination";
import { findAgentHub, withServiceStatus } from "@/lib/agents";
import { DeploymentStatusSchema } from "@/lib/agents/schemas";
import { ContainerStateNameSchema } from "@/lib/protocol/docker";
import { compareServices, deriveServiceStatus, DesiredStateSchema, matchesState, pageAfter, serviceRows, toServiceView, type ObservedContainer, type ServiceListQuery, type ServiceRow, type ServiceStatus } from "@/lib/inventory";

interface ServiceStateRow { id: string; name: string; hostId: string | null; desiredState: string; deployStatus: string | null }
interface ContainerFactsRow { serviceId: string; containerId: string; hostId: string; named: unknown; state: string; health: string | null; startedAt: unknown; observedAt: unknown }

const HEALTH = new Set(["starting", "healthy", "unhealthy"]);
const include = { host: { select: { name: true } }, stack: { select: { name: true } }, _count: { select: { routes: true } } } as const;

/** A DateTime column as a raw query returns it (ISO text, or epoch milliseconds) → ISO string. */
export function isoOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(typeof v === "bigint" ? Number(v) : (v as string | number));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** `LIKE` pattern for a substring, with LIKE's own wildcards escaped (ESCAPE '\'). */
export function likeContains(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause and its parameters for the list's filters (search, host, tag, group). */
export function serviceFilterSql(q: ServiceListQuery): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (q.q) {
    parts.push("(s.name LIKE ? ESCAPE '\\' OR s.image LIKE ? ESCAPE '\\')");
    params.push(likeContains(q.q), likeContains(q.q));
  }
  const add = (sql: string, value: string) => {
    parts.push(sql);
    params.push(value);
  };
  if (q.hostId) add("s.hostId = ?", q.hostId);
  if (q.tag) add("s.tags LIKE ? ESCAPE '\\'", likeContains(JSON.stringify(q.tag)));
  if (q.group) add("s.groupName = ?", q.group);
  return { sql: parts.length > 0 ? `WHERE ${parts.join(" AND ")}` : "", params };
}

/** The container a service's row shows: on its host, the latest observed one named like the service, else the latest observed. */
export function pickContainer<C extends { named: boolean; observedMs: number }>(current: C | undefined, next: C): C {
  if (!current) return next;
  if (current.named !== next.named) return next.named ? next : current;
  return next.observedMs > current.observedMs ? next : current;
}

interface Facts { named: boolean; observedMs: number; hostId: string; containerId: string; container: ObservedContainer }

/**
 * Every matching service's state from two scans (services with their latest deployment's status;
 * the containers on their own hosts): enough to filter and order the list. The page's rows are
 * then derived in full by the list's own code (`listServiceRows`) from their complete records.
 */
async function serviceStates(db: Db, q: ServiceListQuery): Promise<{ id: string; name: string; status: ServiceStatus }[]> {
  const filter = serviceFilterSql(q);
  const [services, containers] = await Promise.all([
    db.$queryRawUnsafe<ServiceStateRow[]>(
      `SELECT s.id, s.name, s.hostId, s.desiredState,
         (SELECT d.status FROM Deployment d WHERE d.serviceId = s.id ORDER BY d.createdAt DESC LIMIT 1) AS deployStatus
       FROM Service s ${filter.sql}`,
      ...filter.params,
    ),
    db.$queryRawUnsafe<ContainerFactsRow[]>(
      `SELECT c.serviceId, c.containerId, c.hostId, c.name = s.name AS named, c.state, c.health, c.startedAt, c.observedAt
       FROM Service s JOIN ContainerState c ON c.serviceId = s.id AND c.hostId = s.hostId ${filter.sql}`,
      ...filter.params,
    ),
  ]);
  const chosen = new Map<string, Facts>();
  for (const c of containers) {
    const state = ContainerStateNameSchema.safeParse(c.state);
    if (!state.success) continue;
    const observedAt = isoOf(c.observedAt) ?? new Date(0).toISOString();
    const facts: Facts = {
      named: Number(c.named) === 1, observedMs: Date.parse(observedAt), hostId: c.hostId, containerId: c.containerId,
      container: { state: state.data, status: "", health: c.health && HEALTH.has(c.health) ? (c.health as ObservedContainer["health"]) : null, exitCode: null, startedAt: isoOf(c.startedAt), observedAt },
    };
    chosen.set(c.serviceId, pickContainer(chosen.get(c.serviceId), facts));
  }
  const hub = findAgentHub();
  return services.map((s) => {
    const c = chosen.get(s.id);
    const deploy = DeploymentStatusSchema.safeParse(s.deployStatus);
    const sample = c && hub ? hub.statsHistory(c.hostId, c.containerId).at(-1) : undefined;
    const status = deriveServiceStatus({
      desiredState: DesiredStateSchema.catch("running").parse(s.desiredState),
      placed: s.hostId !== null,
      container: c?.container ?? null,
      latestDeployment: deploy.success ? { status: deploy.data, error: null } : null,
      stats: sample ?? null,
    });
    return { id: s.id, name: s.name, status };
  });
}

/**
 * The services list: each service with its state, filtered and ordered as asked (broken first by
 * default), one page at a time after `cursor`. The page's services are then read in full.
 */
export async function listServicePage(db: Db, q: ServiceListQuery & PageQuery): Promise<Page<ServiceRow>> {
  const states = (await serviceStates(db, q)).filter((r) => matchesState(r.status, q.state)).sort(compareServices(q.sort));
  const page = pageAfter(states, q.limit, q.cursor);
  const rows = await pageRows(db, page.items.map((r) => r.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: page.items.flatMap((r) => byId.get(r.id) ?? []), nextCursor: page.nextCursor };
}

/** The page's services in full, their state derived from their complete container and deployment records (as every service page shows it). */
async function pageRows(db: Db, ids: string[]): Promise<ServiceRow[]> {
  if (ids.length === 0) return [];
  const [services, containers, deployments] = await Promise.all([
    db.service.findMany({ where: { id: { in: ids } }, include }),
    db.containerState.findMany({ where: { serviceId: { in: ids } }, orderBy: { observedAt: "desc" } }),
    db.deployment.findMany({ where: { serviceId: { in: ids } }, orderBy: { createdAt: "desc" }, distinct: ["serviceId"], select: { serviceId: true, status: true, error: true } }),
  ]);
  const views = services.map((r) => toServiceView(serviceRows.parse(r), { hostName: r.host?.name ?? null, stackName: r.stack?.name ?? null, routeCount: r._count.routes }));
  return withServiceStatus(views, containers, deployments);
}

/** The services list's filter menus: hosts (id and name only), and every tag and group in use, read by SQLite (no cap on the services counted). */
export async function serviceListChoices(db: Db): Promise<{ hosts: { id: string; name: string }[]; tags: string[]; groups: string[] }> {
  const [hosts, tags, groups] = await Promise.all([
    db.host.findMany({ where: { revokedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.$queryRawUnsafe<{ tag: unknown }[]>("SELECT DISTINCT j.value AS tag FROM Service s, json_each(s.tags) j WHERE json_valid(s.tags) AND j.type = 'text' ORDER BY tag"),
    db.$queryRawUnsafe<{ name: unknown }[]>("SELECT DISTINCT groupName AS name FROM Service WHERE groupName IS NOT NULL ORDER BY name"),
  ]);
  return { hosts, tags: tags.map((t) => String(t.tag)), groups: groups.map((g) => String(g.name)) };
}
