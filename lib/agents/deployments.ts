// Deployments: each rollout of a Service onto its host is a Deployment row (status, spec hash,
// log). deployService sends the spec to the host's agent and returns at once; the rollout goes
// on in the background, streaming its log to the browser and recording the outcome.
import type { Db } from "@/lib/db";
import { ApiError, notFound } from "@/lib/api/errors";
import type { RequestMeta } from "@/lib/api/request-meta";
import { recordAudit, type AuditActor } from "@/lib/audit";
import { getServiceOrThrow, type ServiceView } from "@/lib/inventory";
import { specHash } from "@/lib/deploy";
import { log } from "@/lib/log";
import type { ServiceSpec } from "@/lib/protocol";
import { getAgentHub } from "./hub";
import { AgentRequestError } from "./session";
import type { DeploymentView } from "./schemas";
import { toDeploymentView } from "./views";

/** The longest a rollout may take end to end (pull, health wait, removal). */
export const DEPLOY_TIMEOUT_MS = 5 * 60_000;
const MAX_LOG_LINES = 500;

export function serviceSpec(s: ServiceView): ServiceSpec {
  return {
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
  opts: { pull: boolean },
  actor: AuditActor,
  meta: RequestMeta,
): Promise<StartedDeployment> {
  const service = await getServiceOrThrow(db, serviceId);
  if (!service.hostId) throw new ApiError("invalid", "Place the service on a host before deploying it", { issues: [{ path: "hostId", message: "no host" }] });
  const hub = getAgentHub();
  const session = hub.requireSession(service.hostId, service.hostName ?? "the host");
  const spec = serviceSpec(service);
  const hash = specHash(spec);
  const row = await db.$transaction(async (tx) => {
    const d = await tx.deployment.create({
      data: { serviceId, hostId: service.hostId, specHash: hash, status: "running", actorName: actor.name ?? null },
    });
    await recordAudit(tx, { actor, action: "service.deploy", target: { type: "service", id: serviceId }, details: { deploymentId: d.id, specHash: hash, pull: opts.pull }, meta });
    return d;
  });
  const tracked = hub.trackDeployment(row.id, serviceId, service.hostId);
  hub.bus.publish({ type: "deploy/status", deployment: toDeploymentView(row) });

  const finished = (async (): Promise<DeploymentView> => {
    let status: "succeeded" | "unchanged" | "failed" = "failed";
    let error: string | null = null;
    let containerId: string | null = null;
    try {
      const r = await session.request("service/apply", { deploymentId: row.id, spec, pull: opts.pull }, DEPLOY_TIMEOUT_MS);
      status = r.outcome === "unchanged" ? "unchanged" : "succeeded";
      containerId = r.containerId;
    } catch (err) {
      error = err instanceof AgentRequestError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    } finally {
      tracked.done();
    }
    const updated = await db.deployment.update({
      where: { id: row.id },
      data: { status, error, containerId, log: tracked.lines.slice(-MAX_LOG_LINES).join("\n"), finishedAt: new Date() },
    });
    const view = toDeploymentView(updated);
    hub.bus.publish({ type: "deploy/status", deployment: view });
    log.info("deploy", "rollout finished", { deploymentId: row.id, serviceId, status, error });
    return view;
  })().catch(async (err: unknown) => {
    log.error("deploy", "could not record the rollout outcome", { deploymentId: row.id, error: err instanceof Error ? err.message : String(err) });
    return toDeploymentView({ ...row, status: "failed", error: "could not record the outcome" });
  });
  return { deployment: toDeploymentView(row), finished };
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
