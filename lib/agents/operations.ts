// Operations on a deployed service's container through its host's agent: start, stop, restart,
// remove (audited), logs (searchable), stats; and adopting an unmanaged container into the
// inventory as a Service.
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { createService, getServiceOrThrow, ServiceCreateSchema, type ServiceView } from "@/lib/inventory";
import type { StatsSample } from "@/lib/protocol";
import { getAgentHub } from "./hub";
import { AgentRequestError } from "./session";
import type { ContainerAction, ContainerStateView } from "./schemas";
import { containerView } from "./state";
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

export async function serviceContainerAction(
  db: Db,
  serviceId: string,
  action: ContainerAction,
  actor: AuditActor,
  meta: AuditOrigin,
): Promise<{ container: ContainerStateView | null }> {
  const { service, container, session } = await serviceTarget(db, serviceId);
  const r = await session.request(`container/${action}`, { containerId: container.containerId }).catch(agentErrorToApi);
  await recordAudit(db, { actor, action: `service.${action}`, target: { type: "service", id: serviceId }, details: { name: service.name, containerId: container.containerId }, meta });
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

export async function listHostContainers(db: Db, hostId: string): Promise<ContainerStateView[]> {
  if (!(await db.host.findUnique({ where: { id: hostId } }))) throw notFound("Host");
  const rows = await db.containerState.findMany({ where: { hostId }, orderBy: [{ managed: "desc" }, { name: "asc" }] });
  return rows.map(toContainerStateView);
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
