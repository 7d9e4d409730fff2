// Deployments: each rollout of a Service onto its host is a Deployment row (status, spec hash,
// log). deployService sends the spec to the host's agent and returns at once; the rollout goes
// on in the background, streaming its log to the browser and recording the outcome. One rollout
// per service at a time. A rollout whose outcome this process did not see (the agent dropped the
// link, or this process restarted) stays `running` until deploy-recovery.ts asks the agent.
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { assertBindsAllowed, getServiceOrThrow, hostRows, type ServiceView } from "@/lib/inventory";
import { normalizeRuntime } from "@/lib/inventory/runtime";
import { powerRefusals, type NetworkAttachment } from "@/lib/protocol";
import { specHash } from "@/lib/deploy";
import { log } from "@/lib/log";
import { getSetting } from "@/lib/settings";
import type { ServiceSpec } from "@/lib/protocol";
import { getAgentHub } from "./hub";
import { AgentRequestError } from "./session";
import type { DeploymentView } from "./schemas";
import { toDeploymentView } from "./views";
import { DEPLOY_TIMEOUT_MS, MAX_LOG_LINES, recordOutcome } from "./deploy-outcome";
import { swarmDeployPlan } from "./swarm";

export { DEPLOY_TIMEOUT_MS, recordOutcome };

/** Where a stack's apply places one of its services: the stack and the networks it joins (lib/stacks). */
export interface StackPlacement {
  stackId: string;
  stack: string;
  networks: NetworkAttachment[];
}

/**
 * The spec the agent applies. Runtime options are spread in normalised (defaults dropped), so a
 * service that sets none has the same spec, and hash, as before they existed.
 */
export function serviceSpec(s: ServiceView, placement?: Omit<StackPlacement, "stackId">): ServiceSpec {
  return {
    ...normalizeRuntime(s.runtime),
    serviceId: s.id,
    name: s.name,
    image: s.image,
    command: s.command,
    env: s.env,
    ports: s.ports,
    volumes: s.volumes,
    healthcheck: s.healthcheck,
    restartPolicy: s.restartPolicy,
    egress: s.egress,
    ...(placement && { stack: placement.stack, ...(placement.networks.length > 0 && { networks: placement.networks }) }),
  };
}

export interface StartedDeployment {
  deployment: DeploymentView;
  /** Settles when the rollout ends (never rejects). */
  finished: Promise<DeploymentView>;
}

export async function deployService(
  db: Db,
  serviceId: string,
  opts: { pull: boolean; stack?: StackPlacement },
  actor: AuditActor,
  meta: AuditOrigin,
): Promise<StartedDeployment> {
  const service = await getServiceOrThrow(db, serviceId);
  if (!service.hostId) throw new DomainError("invalid", "Place the service on a host before deploying it", { issues: [{ path: "hostId", message: "no host" }] });
  // A stack's service runs on the stack's networks: only the stack's apply knows them.
  if (service.stackId && opts.stack?.stackId !== service.stackId) {
    throw new DomainError("conflict", `Service "${service.name}" belongs to stack "${service.stackName ?? service.stackId}"; deploy it by applying the stack`);
  }
  const hub = getAgentHub();
  const session = hub.requireSession(service.hostId, service.hostName ?? "the host");
  const spec = serviceSpec(service, opts.stack);
  const open = spec.egress === "offline" ? spec.networks?.find((n) => !n.internal) : undefined;
  if (open) throw new DomainError("invalid", `Egress offline needs internal networks only; ${open.name} has a route out`, { issues: [{ path: "egress", message: "a network is not internal" }] });
  // A service in Swarm mode goes to the manager as a Swarm service (lib/agents/swarm.ts).
  const swarm = await swarmDeployPlan(db, service);
  const hash = swarm?.hash ?? specHash(spec);
  if (!swarm) await assertHostPolicyAllows(db, service.hostId, spec);
  // A LAN registry mirror (Settings) that the agent pulls Docker Hub images through.
  const mirror = await getSetting(db, "registryMirror");
  const row = await db.$transaction(async (tx) => {
    // One rollout per service: the check and the insert share SQLite's write transaction.
    const busy = await tx.deployment.findFirst({ where: { serviceId, status: { in: ["pending", "running"] } }, select: { id: true, createdAt: true } });
    if (busy) {
      throw new DomainError("conflict", `A rollout of "${service.name}" is already under way (started ${busy.createdAt.toISOString()}); wait for it to end`, {
        issues: [{ path: "deploymentId", message: busy.id }],
      });
    }
    await assertBindsAllowed(tx, service.hostId, service.volumes);
    const d = await tx.deployment.create({
      data: { serviceId, hostId: service.hostId, specHash: hash, status: "running", actorName: actor.name ?? null },
    });
    await recordAudit(tx, { actor, action: "service.deploy", target: { type: "service", id: serviceId }, details: { deploymentId: d.id, specHash: hash, pull: opts.pull }, meta });
    return d;
  });
  const tracked = hub.trackDeployment(row.id, serviceId, service.hostId);
  hub.bus.publish({ type: "deploy/status", deployment: toDeploymentView(row) });

  const finished = (async (): Promise<DeploymentView> => {
    try {
      const r = swarm
        ? await session.request("swarm/apply", { deploymentId: row.id, spec: swarm.spec }, DEPLOY_TIMEOUT_MS).then((x) => ({ outcome: x.outcome, containerId: null }))
        : await session.request("service/apply", { deploymentId: row.id, spec, pull: opts.pull, mirror }, DEPLOY_TIMEOUT_MS);
      await session.eventsHandled(); // the log lines the agent sent before its answer
      return await recordOutcome(db, row.id, { status: r.outcome === "unchanged" ? "unchanged" : "succeeded", containerId: r.containerId, error: null }, tracked.lines);
    } catch (err) {
      if (err instanceof AgentRequestError && err.code === "unavailable") {
        // The link dropped mid-rollout: the agent carries on (and journals it). The outcome is
        // asked for when it is back; until then the deployment stays running (deploy-recovery.ts).
        log.warn("deploy", "agent link lost during a rollout; its outcome will be asked for when it reconnects", { deploymentId: row.id, serviceId });
        await db.deployment.update({ where: { id: row.id }, data: { log: tracked.lines.slice(-MAX_LOG_LINES).join("\n") } });
        return toDeploymentView(await db.deployment.findUniqueOrThrow({ where: { id: row.id } }));
      }
      const error = err instanceof AgentRequestError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
      await session.eventsHandled();
      return await recordOutcome(db, row.id, { status: "failed", containerId: null, error }, tracked.lines);
    } finally {
      tracked.done();
    }
  })().catch(async (err: unknown) => {
    log.error("deploy", "could not record the rollout outcome", { deploymentId: row.id, error: err instanceof Error ? err.message : String(err) });
    return { ...toDeploymentView(row), status: "failed" as const, error: "could not record the outcome" };
  });
  return { deployment: toDeploymentView(row), finished };
}

/** Refuses, before anything is sent, what the host's agent has said it will refuse (its reported policy). */
async function assertHostPolicyAllows(db: Db, hostId: string, spec: ServiceSpec): Promise<void> {
  const row = await db.host.findUnique({ where: { id: hostId }, select: { id: true, name: true, agentPolicy: true } });
  const host = row ? hostRows.columns(row) : null;
  const policy = host?.agentPolicy ?? null;
  if (!policy) return; // an older agent reports none; it still enforces what it knows
  const refusals = powerRefusals(spec, policy);
  const binds = spec.volumes.filter((v) => v.source.startsWith("/") && !policy.bindRoots.some((r) => v.source === r || v.source.startsWith(`${r}/`)));
  for (const b of binds) refusals.push(`the agent on ${host?.name ?? "the host"} allows no bind mount of ${b.source} (its owner sets folders with --allow-bind${policy.bindRoots.length ? `; allowed: ${policy.bindRoots.join(", ")}` : ""})`);
  if (refusals.length > 0) throw new DomainError("forbidden", `The host's policy refuses this service: ${refusals.join("; ")}`);
}

export async function listDeployments(db: Db, serviceId: string, limit = 20): Promise<DeploymentView[]> {
  await getServiceOrThrow(db, serviceId);
  const rows = await db.deployment.findMany({ where: { serviceId }, orderBy: { createdAt: "desc" }, take: limit });
  return rows.map(toDeploymentView);
}

export async function getDeploymentOrThrow(db: Db, id: string): Promise<DeploymentView> {
  const row = await db.deployment.findUnique({ where: { id } });
  if (!row) throw notFound("Deployment");
  return toDeploymentView(row);
}
