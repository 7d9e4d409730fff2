// Swarm services on the control plane: a service placed on a Swarm-manager host can run as a Swarm
// service (Service.mode "swarm", replicas, Service.swarm settings). Its spec for the agent, the
// checks before a deploy, scale, tasks and removal through the host's agent.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { getServiceOrThrow, hostRows, type ServiceView } from "@/lib/inventory";
import { normalizeRuntime } from "@/lib/inventory/runtime";
import {
  ServiceModeSchema,
  SwarmPlacementInputSchema,
  SwarmServiceSpecSchema,
  SwarmSettingsSchema,
  type SwarmPlacementView,
  type SwarmServiceSpec,
  type SwarmServiceStatus,
} from "@/lib/protocol";
import { findAgentHub, getAgentHub } from "./hub";
import { AgentRequestError } from "./session";

/** A scale is answered once Swarm took it; tasks then converge on their own (live on the panel). */
export const SWARM_SCALE_TIMEOUT_MS = 30_000;
export const SWARM_TASKS_TIMEOUT_MS = 15_000;

/** An agent's refusal as the API's error (as operations.ts does; kept here to stay out of an import cycle). */
function agentErrorToApi(err: unknown): never {
  if (err instanceof AgentRequestError) {
    const code = err.code === "not_found" ? "not_found" : err.code === "conflict" || err.code === "not_managed" ? "conflict" : err.code === "policy_denied" ? "forbidden" : err.code === "invalid_params" ? "invalid" : "unavailable";
    throw new DomainError(code, `The agent answered: ${err.message}`);
  }
  throw err;
}

const invalid = (path: string, message: string) => new DomainError("invalid", message, { issues: [{ path, message }] });

/** The service's Swarm placement as stored (mode container for every service that never set one). */
export async function getSwarmPlacement(db: Db, serviceId: string): Promise<SwarmPlacementView> {
  await getServiceOrThrow(db, serviceId);
  const row = await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { mode: true, replicas: true, swarm: true } });
  const mode = ServiceModeSchema.catch("container").parse(row.mode);
  const settings = SwarmSettingsSchema.catch(SwarmSettingsSchema.parse({})).parse(safeJson(row.swarm));
  return { mode, replicas: row.replicas, settings };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return {};
  }
}

/** Whether the host's agent last reported its engine as a Swarm manager. */
export async function isSwarmManager(db: Db, hostId: string): Promise<boolean> {
  const row = await db.host.findUnique({ where: { id: hostId }, select: { id: true, name: true, dockerInfo: true } });
  const host = row ? hostRows.columns(row) : null;
  return host?.dockerInfo?.swarm?.manager === true;
}

/** What a Swarm service cannot carry (yet): each is a clear refusal instead of a silent drop. */
export function swarmRefusals(s: ServiceView): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (s.stackId) out.push({ path: "mode", message: "a stack's service is placed by its stack; Swarm mode is for standalone services" });
  if (s.volumes.length > 0) out.push({ path: "volumes", message: "volumes are not supported in Swarm mode (tasks may run on any node)" });
  if (s.egress === "offline") out.push({ path: "egress", message: "egress offline is not supported in Swarm mode" });
  if (Object.keys(normalizeRuntime(s.runtime)).length > 0) out.push({ path: "runtime", message: "Docker runtime options are not supported in Swarm mode" });
  return out;
}

/** POST …/swarm: switches a service between a container and a Swarm service (applied on the next deploy). */
export async function setSwarmPlacement(db: Db, serviceId: string, body: unknown, actor: AuditActor, meta: AuditOrigin): Promise<SwarmPlacementView> {
  const input = SwarmPlacementInputSchema.parse(body);
  const service = await getServiceOrThrow(db, serviceId);
  if (input.mode === "swarm") {
    if (!service.hostId) throw invalid("mode", "Place the service on a host that is a Swarm manager first");
    if (!(await isSwarmManager(db, service.hostId))) throw invalid("mode", `${service.hostName ?? "The host"} is not a Swarm manager (its agent reports no active swarm with control available)`);
    const refusals = swarmRefusals(service);
    if (refusals.length > 0) throw new DomainError("invalid", `Swarm mode cannot run this service: ${refusals.map((r) => r.message).join("; ")}`, { issues: refusals });
  }
  const settings = SwarmSettingsSchema.parse({ constraints: input.constraints, publishMode: input.publishMode, update: input.update });
  await db.$transaction(async (tx) => {
    await tx.service.update({ where: { id: serviceId }, data: { mode: input.mode, replicas: input.replicas, swarm: JSON.stringify(settings) } });
    await recordAudit(tx, { actor, action: "service.swarm", target: { type: "service", id: serviceId }, details: { mode: input.mode, replicas: input.replicas, ...settings }, meta });
  });
  return { mode: input.mode, replicas: input.replicas, settings };
}

/** The Swarm spec of a service in Swarm mode; null for a plain container service. Refuses what Swarm mode cannot run. */
export async function swarmDeployPlan(db: Db, service: ServiceView): Promise<{ spec: SwarmServiceSpec; hash: string } | null> {
  const placement = await getSwarmPlacement(db, service.id);
  if (placement.mode !== "swarm") return null;
  const refusals = swarmRefusals(service);
  if (refusals.length > 0) throw new DomainError("invalid", `Swarm mode cannot run this service: ${refusals.map((r) => r.message).join("; ")}`, { issues: refusals });
  if (!service.hostId || !(await isSwarmManager(db, service.hostId))) {
    throw invalid("mode", `${service.hostName ?? "The host"} is not a Swarm manager; switch the service back to container mode or place it on a manager`);
  }
  const row = await db.host.findUnique({ where: { id: service.hostId }, select: { id: true, name: true, agentPolicy: true } });
  if (row && hostRows.columns(row).agentPolicy?.allowSwarm === false) throw new DomainError("forbidden", `The owner of ${service.hostName ?? "the host"} turned Swarm services off (the agent runs with --deny-swarm)`);
  const spec = SwarmServiceSpecSchema.parse({
    serviceId: service.id,
    name: service.name,
    image: service.image,
    command: service.command,
    env: service.env,
    ports: service.ports.filter((p) => p.host !== undefined).map((p) => ({ target: p.container, published: p.host, protocol: p.protocol, mode: placement.settings.publishMode })),
    replicas: placement.replicas,
    constraints: placement.settings.constraints,
    update: placement.settings.update,
    healthcheck: service.healthcheck,
  });
  return { spec, hash: createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 32) };
}

async function swarmService(db: Db, serviceId: string) {
  const service = await getServiceOrThrow(db, serviceId);
  const placement = await getSwarmPlacement(db, serviceId);
  if (placement.mode !== "swarm") throw invalid("mode", `"${service.name}" runs as a container, not as a Swarm service`);
  if (!service.hostId) throw invalid("hostId", "the service is on no host");
  return { service, placement, hostId: service.hostId };
}

/** The service's Swarm tasks per node, live from the manager. */
export async function listSwarmTasks(db: Db, serviceId: string): Promise<SwarmServiceStatus> {
  const { service, hostId } = await swarmService(db, serviceId);
  const session = getAgentHub().requireSession(hostId, service.hostName ?? "the host");
  return session.request("swarm/tasks", { serviceId }, SWARM_TASKS_TIMEOUT_MS).catch(agentErrorToApi);
}

/** Scales a deployed Swarm service (Swarm converges by itself) and records the new replica count. */
export async function scaleSwarmService(db: Db, serviceId: string, replicas: number, actor: AuditActor, meta: AuditOrigin): Promise<{ replicas: number; previous: number }> {
  const { service, placement, hostId } = await swarmService(db, serviceId);
  const busy = await db.deployment.findFirst({ where: { serviceId, status: { in: ["pending", "running"] } }, select: { id: true } });
  if (busy) throw new DomainError("conflict", `A rollout of "${service.name}" is under way; scale it once that ends`);
  const session = getAgentHub().requireSession(hostId, service.hostName ?? "the host");
  await session.request("swarm/scale", { serviceId, replicas }, SWARM_SCALE_TIMEOUT_MS).catch((err: unknown) => {
    if ((err as { code?: string }).code === "not_found") throw new DomainError("conflict", `"${service.name}" is not deployed on the swarm yet; deploy it first`);
    return agentErrorToApi(err);
  });
  await db.$transaction(async (tx) => {
    await tx.service.update({ where: { id: serviceId }, data: { replicas } });
    await recordAudit(tx, { actor, action: "service.scale", target: { type: "service", id: serviceId }, details: { from: placement.replicas, to: replicas }, meta });
  });
  return { replicas, previous: placement.replicas };
}

/** Removes a service's Swarm service when the service is deleted; a reason when it could not. */
export async function removeSwarmServiceOf(db: Db, service: ServiceView): Promise<string | null> {
  const placement = await getSwarmPlacement(db, service.id).catch(() => null);
  if (placement?.mode !== "swarm" || !service.hostId) return null;
  const session = findAgentHub()?.session(service.hostId);
  if (!session) return `the agent of ${service.hostName ?? "its host"} is offline; remove the Swarm service ${service.name} there`;
  return session.request("swarm/remove", { serviceId: service.id }, SWARM_SCALE_TIMEOUT_MS).then(
    () => null,
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );
}

/** What the service page's Swarm panel needs; null when the panel has nothing to show (not a manager, container mode). */
export async function swarmPanelData(db: Db, service: ServiceView): Promise<{ placement: SwarmPlacementView; manager: boolean; routingMesh: boolean | null; deployed: boolean } | null> {
  if (!service.hostId || service.stackId) return null;
  const placement = await getSwarmPlacement(db, service.id);
  const row = await db.host.findUnique({ where: { id: service.hostId }, select: { id: true, name: true, dockerInfo: true } });
  const swarm = row ? hostRows.columns(row).dockerInfo?.swarm ?? null : null;
  const manager = swarm?.manager === true;
  if (!manager && placement.mode !== "swarm") return null;
  const deployed = (await db.deployment.count({ where: { serviceId: service.id, status: { in: ["succeeded", "unchanged", "failed"] } } })) > 0;
  return { placement, manager, routingMesh: swarm?.routingMesh ?? null, deployed };
}
