// Operations on a deployed service's container through its host's agent: start, stop, restart,
// remove (audited; each records the desired state, so a deliberate stop is not a crash), logs
// (searchable), stats; adopting an unmanaged container into the inventory as a Service.
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import type { Page, PageQuery } from "@/lib/db/pagination";
import {
  assertServiceDeletable,
  compareServices,
  createService,
  deleteService,
  deriveServiceStatus,
  getServiceOrThrow,
  listServicesMatching,
  matchesState,
  pageAfter,
  ServiceCreateSchema,
  setDesiredState,
  type ServiceListQuery,
  type ServiceRow,
  type ServiceView,
} from "@/lib/inventory";
import type { StatsSample } from "@/lib/protocol";
import { findAgentHub, getAgentHub } from "./hub";
import { AgentRequestError } from "./session";
import { deployService, type StartedDeployment } from "./deployments";
import { DeploymentStatusSchema, type BulkAction, type BulkRequest, type BulkResult, type ContainerAction, type ContainerStateView, type HostContainerView, type ServiceDeleteOptions, type ServiceDeleteReport } from "./schemas";
import { containerView } from "./state";
import { removeSwarmServiceOf } from "./swarm";
import { toContainerStateView } from "./views";

/** Maps agent failures to API errors the browser can show. */
export function agentErrorToApi(err: unknown): never {
  if (err instanceof AgentRequestError) {
    const code =
      err.code === "not_found" ? "not_found"
      : err.code === "not_managed" || err.code === "conflict" ? "conflict"
      : err.code === "invalid_params" ? "invalid"
      : err.code === "policy_denied" ? "forbidden"
      : "unavailable";
    throw new DomainError(code, `The agent answered: ${err.message}`);
  }
  throw err;
}

/** The service's current container as last observed (the one carrying the service's name first). */
export async function serviceContainer(db: Db, service: ServiceView): Promise<ContainerStateView | null> {
  if (!service.hostId) return null;
  const rows = await db.containerState.findMany({ where: { hostId: service.hostId, serviceId: service.id }, orderBy: { observedAt: "desc" } });
  const row = rows.find((r) => r.name === service.name) ?? rows[0];
  return row ? toContainerStateView(row) : null;
}

async function serviceTarget(db: Db, serviceId: string) {
  const service = await getServiceOrThrow(db, serviceId);
  const container = await serviceContainer(db, service);
  if (!service.hostId || !container) throw new DomainError("conflict", `Service "${service.name}" has no container yet; deploy it first`);
  const session = getAgentHub().requireSession(service.hostId, service.hostName ?? "the host");
  return { service, container, session };
}

/** The audit action of each container action (literal, so the labels test finds every one). */
const AUDIT_ACTIONS: Record<ContainerAction, string> = { start: "service.start", stop: "service.stop", restart: "service.restart", remove: "service.remove" };

export async function serviceContainerAction(
  db: Db,
  serviceId: string,
  action: ContainerAction,
  actor: AuditActor,
  meta: AuditOrigin,
): Promise<{ container: ContainerStateView | null }> {
  const { service, container, session } = await serviceTarget(db, serviceId);
  // Recorded first: the container's own events (stopping, exited) arrive before the answer.
  await setDesiredState(db, serviceId, action === "start" || action === "restart" ? "running" : "stopped");
  const r = await session.request(`container/${action}`, { containerId: container.containerId }).catch(agentErrorToApi);
  await recordAudit(db, { actor, action: AUDIT_ACTIONS[action], target: { type: "service", id: serviceId }, details: { name: service.name, containerId: container.containerId }, meta });
  return { container: r.container ? containerView(container.hostId, r.container) : null };
}

export async function serviceLogs(db: Db, serviceId: string, q: { tail: number; q?: string }) {
  const { container, session } = await serviceTarget(db, serviceId);
  const r = await session.request("container/logs", { containerId: container.containerId, tail: q.tail }).catch(agentErrorToApi);
  const needle = q.q?.toLowerCase();
  return { containerId: container.containerId, lines: needle ? r.lines.filter((l) => l.text.toLowerCase().includes(needle)) : r.lines };
}

export async function serviceStats(db: Db, serviceId: string): Promise<{ containerId: string | null; samples: StatsSample[] }> {
  const service = await getServiceOrThrow(db, serviceId);
  const container = await serviceContainer(db, service);
  if (!container) return { containerId: null, samples: [] };
  const hub = getAgentHub();
  let samples = service.hostId ? hub.statsHistory(service.hostId, container.containerId) : [];
  const session = service.hostId ? hub.session(service.hostId) : undefined;
  if (samples.length === 0 && session && container.state === "running") {
    const fresh = await session.request("container/stats", { containerId: container.containerId }).catch(() => null);
    if (fresh) samples = [fresh];
  }
  return { containerId: container.containerId, samples };
}

/** Every container a host's agent last reported, managed first; a managed one whose service is gone is orphaned. */
export async function listHostContainers(db: Db, hostId: string): Promise<HostContainerView[]> {
  if (!(await db.host.findUnique({ where: { id: hostId } }))) throw notFound("Host");
  const rows = await db.containerState.findMany({ where: { hostId }, orderBy: [{ managed: "desc" }, { name: "asc" }] });
  const serviceIds = [...new Set(rows.flatMap((r) => (r.serviceId ? [r.serviceId] : [])))];
  const existing = new Set((await db.service.findMany({ where: { id: { in: serviceIds } }, select: { id: true } })).map((s) => s.id));
  return rows.map((r) => ({ ...toContainerStateView(r), orphaned: r.managed && (r.serviceId === null || !existing.has(r.serviceId)) }));
}

/** Removes a managed container whose service no longer exists (left behind while its agent was offline). */
export async function removeOrphanContainer(db: Db, hostId: string, containerId: string, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  const orphan = (await listHostContainers(db, hostId)).find((c) => c.containerId === containerId);
  if (!orphan) throw notFound("Container");
  if (!orphan.orphaned) throw new DomainError("conflict", orphan.managed ? `Container ${orphan.name} belongs to a service; remove it from the service's page` : `Container ${orphan.name} is not managed by Homeport`);
  const session = getAgentHub().requireSession(hostId);
  await session.request("container/remove", { containerId }).catch((err: unknown) => {
    if (!(err instanceof AgentRequestError && err.code === "not_found")) agentErrorToApi(err);
  });
  await db.containerState.deleteMany({ where: { hostId, containerId } });
  await recordAudit(db, { actor, action: "container.remove", target: { type: "host", id: hostId }, details: { containerId, name: orphan.name, orphaned: true }, meta });
}

/**
 * Deletes a service and, as asked, its containers and named volumes through its host's agent. What
 * could not be removed (agent offline, engine refusal, a volume another service uses) is reported;
 * a container left behind is listed as orphaned on its host's page, with Remove.
 */
export async function deleteServiceWithContainer(
  db: Db,
  serviceId: string,
  opts: ServiceDeleteOptions,
  actor: AuditActor,
  meta: AuditOrigin,
): Promise<ServiceDeleteReport> {
  const service = await assertServiceDeletable(db, serviceId);
  const report: ServiceDeleteReport = { removedContainers: [], removedVolumes: [], left: [] };
  const containers = opts.removeContainer ? await db.containerState.findMany({ where: { serviceId } }) : [];
  const hub = findAgentHub();
  for (const c of containers) {
    const session = hub?.session(c.hostId);
    if (!session) {
      report.left.push({ kind: "container", name: c.name, reason: `the agent of ${service.hostName ?? "its host"} is offline; the container is listed as orphaned on the host's page` });
      continue;
    }
    const failure = await session.request("container/remove", { containerId: c.containerId }).then(
      () => null,
      (err: unknown) => (err instanceof AgentRequestError && err.code === "not_found" ? null : err instanceof Error ? err.message : String(err)),
    );
    if (failure === null) {
      await db.containerState.deleteMany({ where: { hostId: c.hostId, containerId: c.containerId } });
      report.removedContainers.push(c.name);
    } else report.left.push({ kind: "container", name: c.name, reason: failure });
  }
  if (opts.removeVolumes) await removeNamedVolumes(db, service, report);
  const swarmLeft = opts.removeContainer ? await removeSwarmServiceOf(db, service) : null;
  if (swarmLeft) report.left.push({ kind: "container", name: service.name, reason: swarmLeft });
  await deleteService(db, serviceId, actor, meta, { details: { ...report } });
  return report;
}

async function removeNamedVolumes(db: Db, service: ServiceView, report: ServiceDeleteReport): Promise<void> {
  const named = service.volumes.filter((v) => !v.source.startsWith("/")).map((v) => v.source);
  if (named.length === 0) return;
  const session = service.hostId ? findAgentHub()?.session(service.hostId) : undefined;
  const others = await db.service.findMany({ where: { id: { not: service.id }, hostId: service.hostId }, select: { name: true, volumes: true } });
  for (const name of named) {
    const user = others.find((o) => o.volumes.includes(`"source":${JSON.stringify(name)}`));
    if (user) report.left.push({ kind: "volume", name, reason: `service ${user.name} uses it too` });
    else if (report.left.some((l) => l.kind === "container")) report.left.push({ kind: "volume", name, reason: "its container is still there" });
    else if (!session) report.left.push({ kind: "volume", name, reason: "the host's agent is offline" });
    else {
      const err = await session.request("volume/remove", { name }).then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)));
      if (err) report.left.push({ kind: "volume", name, reason: err });
      else report.removedVolumes.push(name);
    }
  }
}

/** Records an unmanaged container as a Service (inventory only; the container is left alone). */
export async function adoptContainer(db: Db, hostId: string, containerId: string, name: string, actor: AuditActor, meta: AuditOrigin): Promise<ServiceView> {
  const row = await db.containerState.findUnique({ where: { hostId_containerId: { hostId, containerId } } });
  if (!row) throw notFound("Container");
  if (row.managed) throw new DomainError("conflict", "This container is already managed by Homeport");
  const session = getAgentHub().requireSession(hostId);
  const info = await session.request("container/inspect", { containerId }).catch(agentErrorToApi);
  const ports = info.container.ports
    .filter((p) => p.protocol === "tcp" || p.protocol === "udp")
    .map((p) => ({ container: p.container, ...(p.host ? { host: p.host } : {}), protocol: p.protocol, hostIp: p.hostIp && p.hostIp !== "::" ? p.hostIp : "0.0.0.0" }));
  const input = ServiceCreateSchema.parse({ name, image: info.container.image, command: info.command, ports, hostId });
  const service = await createService(db, input, actor, meta);
  await recordAudit(db, { actor, action: "container.adopt", target: { type: "service", id: service.id }, details: { hostId, containerId, name }, meta });
  return service;
}

/**
 * The services list: each service with its state (desired state, latest rollout, container as last
 * observed, latest stats sample), filtered and ordered as asked, one keyset page at a time.
 */
export async function listServiceRows(db: Db, q: ServiceListQuery & PageQuery): Promise<Page<ServiceRow>> {
  const services = await listServicesMatching(db, q);
  const ids = services.map((s) => s.id);
  const [containers, deployments] = await Promise.all([
    db.containerState.findMany({ where: { serviceId: { in: ids } }, orderBy: { observedAt: "desc" } }),
    db.deployment.findMany({ where: { serviceId: { in: ids } }, orderBy: { createdAt: "desc" }, distinct: ["serviceId"], select: { serviceId: true, status: true, error: true } }),
  ]);
  const kept = withServiceStatus(services, containers, deployments).filter((r) => matchesState(r.status, q.state)).sort(compareServices(q.sort));
  return pageAfter(kept, q.limit, q.cursor);
}

/**
 * Services with their derived state, from their container rows (newest first) and each one's latest
 * deployment: the container is the one on the service's host named like it (or its newest there),
 * with its latest stats sample.
 */
export function withServiceStatus(
  services: ServiceView[],
  containers: Parameters<typeof toContainerStateView>[0][],
  deployments: { serviceId: string; status: string; error: string | null }[],
): ServiceRow[] {
  const latest = new Map(deployments.map((d) => [d.serviceId, { status: DeploymentStatusSchema.parse(d.status), error: d.error }]));
  const hub = findAgentHub();
  return services.map((s): ServiceRow => {
    const mine = containers.filter((c) => c.serviceId === s.id && c.hostId === s.hostId);
    const row = mine.find((c) => c.name === s.name) ?? mine[0];
    const container = row ? toContainerStateView(row) : null;
    const sample = container && hub ? hub.statsHistory(container.hostId, container.containerId).at(-1) : undefined;
    const status = deriveServiceStatus({ desiredState: s.desiredState, placed: s.hostId !== null, container, latestDeployment: latest.get(s.id) ?? null, stats: sample ?? null });
    return { ...s, status };
  });
}

/** A deploy the user asked for: the service should run again (desired state), then the rollout starts. */
export async function deployRequested(db: Db, serviceId: string, opts: { pull: boolean }, actor: AuditActor, meta: AuditOrigin): Promise<StartedDeployment> {
  const started = await deployService(db, serviceId, opts, actor, meta);
  await setDesiredState(db, serviceId, "running");
  return started;
}

const BULK_DONE: Record<BulkAction, string> = { start: "Started", stop: "Stopped", restart: "Restarted", deploy: "Deploy started", delete: "Deleted" };

/** One action on many services, one after another; each service's outcome is reported on its own. */
export async function bulkServiceAction(db: Db, req: BulkRequest, actor: AuditActor, meta: AuditOrigin): Promise<BulkResult> {
  const results: BulkResult["results"] = [];
  for (const id of [...new Set(req.ids)]) {
    const name = (await db.service.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
    try {
      if (name === null) throw notFound("Service");
      let message = BULK_DONE[req.action];
      if (req.action === "deploy") await deployRequested(db, id, { pull: false }, actor, meta);
      else if (req.action === "delete") {
        const r = await deleteServiceWithContainer(db, id, { removeContainer: req.removeContainer, removeVolumes: req.removeVolumes }, actor, meta);
        const gone = [...r.removedContainers.map((c) => `container ${c}`), ...r.removedVolumes.map((v) => `volume ${v}`)];
        if (gone.length > 0) message += `; removed ${gone.join(", ")}`;
        if (r.left.length > 0) message += `; left ${r.left.map((l) => `${l.kind} ${l.name} (${l.reason})`).join(", ")}`;
      } else await serviceContainerAction(db, id, req.action, actor, meta);
      results.push({ id, name, ok: true, message });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({ id, name, ok: false, message: err.message });
    }
  }
  return { results };
}

/** Per host: containers running and in total, and the latest CPU and memory of its running containers (null when no sample). */
export interface HostUsage {
  running: number;
  total: number;
  cpuPercent: number | null;
  memoryBytes: number | null;
}

export async function hostUsage(db: Db): Promise<Map<string, HostUsage>> {
  const rows = await db.containerState.findMany({ select: { hostId: true, containerId: true, state: true } });
  const hub = findAgentHub();
  const out = new Map<string, HostUsage>();
  for (const r of rows) {
    const u = out.get(r.hostId) ?? { running: 0, total: 0, cpuPercent: null, memoryBytes: null };
    u.total++;
    if (r.state === "running") {
      u.running++;
      const s = hub?.statsHistory(r.hostId, r.containerId).at(-1);
      if (s) {
        u.cpuPercent = (u.cpuPercent ?? 0) + s.cpuPercent;
        u.memoryBytes = (u.memoryBytes ?? 0) + s.memoryBytes;
      }
    }
    out.set(r.hostId, u);
  }
  return out;
}

/** The service's container as last observed and, when its agent is online, how often the engine restarted it. */
export async function serviceContainerDetails(db: Db, serviceId: string): Promise<{ container: ContainerStateView | null; restartCount: number | null }> {
  const service = await getServiceOrThrow(db, serviceId);
  const container = await serviceContainer(db, service);
  const session = container && service.hostId ? findAgentHub()?.session(service.hostId) : undefined;
  if (!container || !session) return { container, restartCount: null };
  const info = await session.request("container/inspect", { containerId: container.containerId }).catch(() => null);
  return { container, restartCount: info?.restartCount ?? null };
}
