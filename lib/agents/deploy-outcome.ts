// Recording how a rollout ended: once, only over a deployment still running, published live.
import type { Db } from "@/lib/db";
import { getEventBus } from "@/lib/events";
import { log } from "@/lib/log";
import type { DeploymentView } from "./schemas";
import type { DeploymentRecord } from "./rows";
import { toDeploymentView } from "./views";

/** The longest a rollout may take end to end (pull, health wait, removal). */
export const DEPLOY_TIMEOUT_MS = 5 * 60_000;
/** Log lines kept with a deployment (the newest). */
export const MAX_LOG_LINES = 500;

/** The statuses a rollout ends in. */
export type EndedStatus = Exclude<DeploymentRecord["status"], "pending" | "running">;

export interface DeploymentOutcome {
  status: EndedStatus;
  containerId: string | null;
  error: string | null;
}

/**
 * Records how a rollout ended, once: only a deployment still `running` changes (a late or repeated
 * answer cannot overwrite an outcome already recorded). Publishes the new status.
 */
export async function recordOutcome(db: Db, deploymentId: string, o: DeploymentOutcome, lines?: string[]): Promise<DeploymentView> {
  const data = { status: o.status, error: o.error, containerId: o.containerId, finishedAt: new Date(), ...(lines ? { log: lines.slice(-MAX_LOG_LINES).join("\n") } : {}) };
  const changed = await db.deployment.updateMany({ where: { id: deploymentId, status: { in: ["pending", "running"] } }, data });
  const view = toDeploymentView(await db.deployment.findUniqueOrThrow({ where: { id: deploymentId } }));
  if (changed.count > 0) {
    getEventBus().publish({ type: "deploy/status", deployment: view });
    log.info("deploy", "rollout finished", { deploymentId, serviceId: view.serviceId, status: o.status, error: o.error });
  }
  return view;
}

