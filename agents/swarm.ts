// Docker Swarm on a manager host: the engine's swarm role, and Homeport services run as Swarm
// services (create/update with Swarm's own rolling update and rollback, scale, remove, tasks).
// Only Swarm services labelled as Homeport's are ever changed; the spec carries no host powers.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import type Docker from "dockerode";
import { LABELS, type RequestParams, type RequestResult, type SwarmInfo, type SwarmServiceSpec, type SwarmServiceStatus, type SwarmTask, MAX_SWARM_TASKS } from "@/lib/protocol";
import { AgentError, dockerStatus } from "./errors";
import type { HandlerContext } from "./handlers";

const NS_PER_S = 1e9;
/** How often a converging service's tasks and update status are read. */
export const SWARM_POLL_MS = 1_000;
/** A create or update that has not converged by then fails (Swarm carries on by itself). */
export const SWARM_CONVERGE_TIMEOUT_MS = 180_000;
/** After a scale, tasks are reported live for this long (or until they converge). */
export const SWARM_WATCH_MS = 60_000;
/** Labels on the Swarm service (the task containers get SWARM_TASK_LABEL, not the managed label). */
export const SWARM_SPEC_HASH = "homeport.swarm-spec-hash";
export const SWARM_TASK_LABEL = "homeport.swarm-service-id";

type Log = (line: string) => void;

/** The engine's Swarm role from `docker info`, or null outside a swarm. */
export function swarmInfoOf(info: { Swarm?: { NodeID?: string; LocalNodeState?: string; ControlAvailable?: boolean; Nodes?: number; Managers?: number } }): SwarmInfo | null {
  const s = info.Swarm;
  if (!s || !s.LocalNodeState || s.LocalNodeState === "inactive") return null;
  return {
    nodeId: String(s.NodeID ?? "").slice(0, 64),
    state: s.LocalNodeState.slice(0, 16),
    manager: s.ControlAvailable === true,
    nodes: typeof s.Nodes === "number" ? s.Nodes : null,
    managers: typeof s.Managers === "number" ? s.Managers : null,
    routingMesh: hasIpvs(),
  };
}

/** The routing mesh balances through IPVS; without it, ingress-published ports do not answer. */
export function hasIpvs(): boolean | null {
  try {
    return existsSync("/proc/net/ip_vs");
  } catch {
    return null;
  }
}

/** The hash of everything but the replica count (scaling alone is not a new spec). */
export function swarmSpecHash(spec: SwarmServiceSpec): string {
  const { replicas: _r, ...rest } = spec;
  return createHash("sha256").update(JSON.stringify(rest)).digest("hex").slice(0, 32);
}

/** The Docker Engine ServiceSpec for a Homeport Swarm service. */
export function dockerServiceSpec(spec: SwarmServiceSpec, deploymentId: string): Docker.ServiceSpec {
  const hc = spec.healthcheck;
  const update = {
    Parallelism: spec.update.parallelism,
    Delay: spec.update.delaySeconds * NS_PER_S,
    FailureAction: spec.update.failureAction,
    Monitor: spec.update.monitorSeconds * NS_PER_S,
    MaxFailureRatio: 0,
    Order: spec.update.order,
  };
  return {
    Name: spec.name,
    Labels: {
      [LABELS.managed]: "true",
      [LABELS.serviceId]: spec.serviceId,
      [LABELS.serviceName]: spec.name,
      [LABELS.deploymentId]: deploymentId,
      [SWARM_SPEC_HASH]: swarmSpecHash(spec),
    },
    TaskTemplate: {
      ContainerSpec: {
        Image: spec.image,
        ...(spec.command.length > 0 ? { Args: spec.command } : {}),
        Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
        Labels: { [SWARM_TASK_LABEL]: spec.serviceId, [LABELS.serviceName]: spec.name },
        ...(hc
          ? {
              HealthCheck: {
                Test: ["CMD", "CMD-SHELL", "NONE"].includes(hc.test[0] ?? "") ? hc.test : ["CMD", ...hc.test],
                Interval: hc.intervalSeconds * NS_PER_S,
                Timeout: hc.timeoutSeconds * NS_PER_S,
                Retries: hc.retries,
                ...(hc.startPeriodSeconds ? { StartPeriod: hc.startPeriodSeconds * NS_PER_S } : {}),
              },
            }
          : {}),
      },
      RestartPolicy: { Condition: "any", Delay: 2 * NS_PER_S },
      Placement: { Constraints: spec.constraints },
    },
    Mode: { Replicated: { Replicas: spec.replicas } },
    UpdateConfig: update,
    RollbackConfig: { ...update, FailureAction: "pause" },
    EndpointSpec: { Ports: spec.ports.map((p) => ({ Protocol: p.protocol, TargetPort: p.target, PublishedPort: p.published, PublishMode: p.mode })) },
  };
}

interface ServiceInspect {
  ID: string;
  Version: { Index: number };
  Spec: Docker.ServiceSpec & { Labels?: Record<string, string>; Mode?: { Replicated?: { Replicas?: number } } };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string };
}

/** The Swarm service of a Homeport service (found by its label), or null. */
export async function findSwarmService(docker: Docker, serviceId: string): Promise<ServiceInspect | null> {
  const list = (await docker.listServices({ filters: { label: [`${LABELS.serviceId}=${serviceId}`] } })) as unknown as ServiceInspect[];
  const own = list.find((s) => s.Spec.Labels?.[LABELS.managed] === "true" && s.Spec.Labels?.[LABELS.serviceId] === serviceId);
  return own ?? null;
}

interface TaskInspect {
  ID: string;
  Slot?: number;
  NodeID?: string;
  UpdatedAt?: string;
  DesiredState?: string;
  Status?: { State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string } };
}

/** The service's tasks (newest first) and its replica counts. */
export async function swarmStatus(docker: Docker, serviceId: string): Promise<SwarmServiceStatus> {
  const svc = await findSwarmService(docker, serviceId);
  if (!svc) return { found: false, swarmServiceId: null, desired: 0, running: 0, updateState: null, updateMessage: null, updateStartedAt: null, tasks: [] };
  const [raw, nodes] = await Promise.all([
    docker.listTasks({ filters: { service: [svc.ID] } }) as Promise<TaskInspect[]>,
    docker.listNodes() as Promise<{ ID: string; Description?: { Hostname?: string } }[]>,
  ]);
  const hostnames = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID]));
  const tasks: SwarmTask[] = raw
    .sort((a, b) => String(b.UpdatedAt ?? "").localeCompare(String(a.UpdatedAt ?? "")))
    .slice(0, MAX_SWARM_TASKS)
    .map((t) => ({
      id: t.ID.slice(0, 64),
      slot: t.Slot ?? null,
      nodeId: String(t.NodeID ?? "").slice(0, 64),
      node: String(hostnames.get(t.NodeID ?? "") ?? t.NodeID ?? "").slice(0, 253),
      state: String(t.Status?.State ?? "unknown").slice(0, 32),
      desiredState: String(t.DesiredState ?? "unknown").slice(0, 32),
      message: String(t.Status?.Message ?? "").slice(0, 1024),
      error: t.Status?.Err ? t.Status.Err.slice(0, 1024) : null,
      containerId: t.Status?.ContainerStatus?.ContainerID?.slice(0, 64) ?? null,
      updatedAt: String(t.UpdatedAt ?? "").slice(0, 64),
    }));
  return {
    found: true,
    swarmServiceId: svc.ID,
    desired: svc.Spec.Mode?.Replicated?.Replicas ?? 0,
    running: tasks.filter((t) => t.desiredState === "running" && t.state === "running").length,
    updateState: svc.UpdateStatus?.State ?? null,
    updateMessage: svc.UpdateStatus?.Message?.slice(0, 1024) ?? null,
    updateStartedAt: svc.UpdateStatus?.StartedAt?.slice(0, 64) ?? null,
    tasks,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fingerprint = (s: SwarmServiceStatus) => JSON.stringify([s.desired, s.running, s.updateState, s.tasks.map((t) => [t.id, t.state, t.desiredState])]);

/** Reports the service's tasks whenever they change; returns the last status read. */
function reporter(ctx: Pick<HandlerContext, "docker" | "emit">, serviceId: string) {
  let last = "";
  return async (): Promise<SwarmServiceStatus> => {
    const s = await swarmStatus(ctx.docker, serviceId);
    const fp = fingerprint(s);
    if (fp !== last) {
      last = fp;
      ctx.emit("swarm/status", { ...s, serviceId, at: new Date().toISOString() });
    }
    return s;
  };
}

const UPDATE_DONE = new Set(["completed", "rollback_completed", "paused", "rollback_paused"]);
/** A changed spec that starts no rolling update within this (only service-level settings changed) is done once replicas converge. */
const UPDATE_START_GRACE_MS = 5_000;

/**
 * Waits for the rolling update started after `previousUpdate` (its StartedAt) to settle, or, when
 * none is expected or none starts, for the replicas to run.
 */
async function converge(ctx: HandlerContext, serviceId: string, expectUpdate: boolean, log: Log, previousUpdate: string | null = null): Promise<SwarmServiceStatus> {
  const report = reporter(ctx, serviceId);
  const began = Date.now();
  const deadline = began + SWARM_CONVERGE_TIMEOUT_MS;
  let lastLine = "";
  for (;;) {
    const s = await report();
    if (!s.found) throw new AgentError("deploy_failed", "the Swarm service disappeared while it was being deployed");
    const ours = expectUpdate && s.updateState !== null && s.updateStartedAt !== previousUpdate;
    const line = `tasks running ${s.running}/${s.desired}${ours ? `, update ${s.updateState}` : ""}`;
    if (line !== lastLine) log((lastLine = line));
    if (ours && s.updateState && UPDATE_DONE.has(s.updateState)) {
      if (s.updateState === "completed") return s;
      const why = s.updateMessage ?? s.updateState;
      if (s.updateState === "rollback_completed") throw new AgentError("deploy_failed", `Swarm rolled the update back: ${why}`);
      throw new AgentError("deploy_failed", `Swarm paused the update: ${why}`);
    }
    const settled = s.running === s.desired && s.tasks.every((t) => t.desiredState !== "running" || t.state === "running");
    if (settled && (!expectUpdate || (!ours && Date.now() - began > UPDATE_START_GRACE_MS))) return s;
    if (Date.now() > deadline) {
      const failed = s.tasks.find((t) => t.error);
      throw new AgentError("timeout", `the Swarm service did not converge in ${SWARM_CONVERGE_TIMEOUT_MS / 1000} s (${line})${failed ? `; last task error: ${failed.error}` : ""}`);
    }
    await sleep(SWARM_POLL_MS);
  }
}

type Reporting = Pick<HandlerContext, "docker" | "emit">;

/** Follows a service's tasks in the background after a change (scale, a task's container starting or dying), until converged or the watch ends. */
function watchTasks(ctx: Reporting, serviceId: string): Promise<void> {
  const report = reporter(ctx, serviceId);
  const until = Date.now() + SWARM_WATCH_MS;
  return (async () => {
    while (Date.now() < until) {
      const s = await report();
      if (!s.found || (s.running === s.desired && s.tasks.every((t) => t.desiredState !== "running" || t.state === "running"))) return;
      await sleep(SWARM_POLL_MS * 2);
    }
  })().catch(() => undefined);
}

/** Container actions of a task that change what the Swarm panel shows. */
const TASK_EVENTS = new Set(["start", "die"]);
const watching = new Set<string>();

/**
 * A Homeport Swarm task's container started or died on this node: its service's tasks are
 * reported until they settle (Swarm restarts or reschedules the task). Never blocks the event.
 */
export function followSwarmTaskEvent(ctx: Reporting, action: string, containerId: string): void {
  if (!TASK_EVENTS.has(action)) return;
  void ctx.docker.getContainer(containerId).inspect().then((info) => {
    const serviceId = info.Config?.Labels?.[SWARM_TASK_LABEL];
    if (!serviceId || watching.has(serviceId)) return;
    watching.add(serviceId);
    return watchTasks(ctx, serviceId).finally(() => watching.delete(serviceId));
  }).catch(() => undefined);
}

async function requireManager(docker: Docker): Promise<void> {
  const s = swarmInfoOf(await docker.info());
  if (!s?.manager) throw new AgentError("conflict", "this host's Docker engine is not a Swarm manager");
}

async function requireOwn(docker: Docker, serviceId: string): Promise<ServiceInspect> {
  const svc = await findSwarmService(docker, serviceId);
  if (!svc) throw new AgentError("not_found", "no Swarm service of this Homeport service exists on this manager");
  return svc;
}

async function updateService(docker: Docker, svc: ServiceInspect, spec: Docker.ServiceSpec): Promise<void> {
  await docker.getService(svc.ID).update({ _query: { version: svc.Version.Index }, _body: spec } as unknown as Docker.ServiceSpec);
}

/** The host's owner may turn Swarm off for this agent (--deny-swarm); reads stay allowed. */
function requireAllowed(ctx: HandlerContext): void {
  if (!ctx.policy.allowSwarm) throw new AgentError("policy_denied", "this host's owner turned Swarm services off (--deny-swarm)");
}

export async function applySwarmService(ctx: HandlerContext, p: RequestParams<"swarm/apply">, log: Log): Promise<RequestResult<"swarm/apply">> {
  const { spec, deploymentId } = p;
  requireAllowed(ctx);
  const held = ctx.locks.acquire(spec.serviceId, deploymentId);
  if (held !== null) throw new AgentError("conflict", `a rollout of this service is already under way (${held})`);
  try {
    await requireManager(ctx.docker);
    const body = dockerServiceSpec(spec, deploymentId);
    const existing = await findSwarmService(ctx.docker, spec.serviceId);
    if (!existing) {
      log(`creating Swarm service ${spec.name}: ${spec.replicas} replica(s) of ${spec.image}`);
      const created = await ctx.docker.createService(body).catch((err: unknown) => {
        if (dockerStatus(err) === 409) throw new AgentError("conflict", `a Swarm service named ${spec.name} already exists and is not managed by Homeport`);
        throw err;
      });
      const s = await converge(ctx, spec.serviceId, false, log);
      log(`Swarm service ${spec.name} is running ${s.running}/${s.desired}`);
      return { outcome: "created", swarmServiceId: created.id, running: s.running };
    }
    const sameSpec = existing.Spec.Labels?.[SWARM_SPEC_HASH] === swarmSpecHash(spec);
    const sameReplicas = (existing.Spec.Mode?.Replicated?.Replicas ?? 0) === spec.replicas;
    if (sameSpec && sameReplicas) {
      log("the Swarm service already runs this spec");
      const s = await swarmStatus(ctx.docker, spec.serviceId);
      return { outcome: "unchanged", swarmServiceId: existing.ID, running: s.running };
    }
    // Replicas alone: Swarm scales without an update; a changed spec is a rolling update.
    if (sameSpec) body.Labels = { ...body.Labels, [LABELS.deploymentId]: existing.Spec.Labels?.[LABELS.deploymentId] ?? deploymentId };
    log(sameSpec ? `scaling to ${spec.replicas} replica(s)` : `rolling update: ${spec.update.parallelism || "all"} at a time, ${spec.update.delaySeconds} s apart, on failure ${spec.update.failureAction}`);
    await updateService(ctx.docker, existing, body);
    const s = await converge(ctx, spec.serviceId, !sameSpec, log, existing.UpdateStatus?.StartedAt ?? null);
    log(`Swarm service ${spec.name} is running ${s.running}/${s.desired}`);
    return { outcome: "updated", swarmServiceId: existing.ID, running: s.running };
  } finally {
    ctx.locks.release(spec.serviceId, deploymentId);
  }
}

export async function scaleSwarmService(ctx: HandlerContext, { serviceId, replicas }: RequestParams<"swarm/scale">): Promise<RequestResult<"swarm/scale">> {
  requireAllowed(ctx);
  const svc = await requireOwn(ctx.docker, serviceId);
  const spec = { ...svc.Spec, Mode: { Replicated: { Replicas: replicas } } };
  await updateService(ctx.docker, svc, spec);
  void watchTasks(ctx, serviceId);
  return { replicas };
}

export async function removeSwarmService(ctx: HandlerContext, { serviceId }: RequestParams<"swarm/remove">): Promise<RequestResult<"swarm/remove">> {
  const svc = await findSwarmService(ctx.docker, serviceId); // removal stays allowed under --deny-swarm
  if (!svc) return { removed: false };
  await ctx.docker.getService(svc.ID).remove();
  ctx.emit("swarm/status", { found: false, swarmServiceId: null, desired: 0, running: 0, updateState: null, updateMessage: null, updateStartedAt: null, tasks: [], serviceId, at: new Date().toISOString() });
  return { removed: true };
}
