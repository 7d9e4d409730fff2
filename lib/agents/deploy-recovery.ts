// Resolves rollouts this process lost track of: after a restart of the control plane, or when an
// agent's link dropped mid-rollout, a Deployment stays `running` until its host's agent says how
// it ended (deploy/outcomes, from the agent's journal). An agent still at work is watched until it
// finishes; one that never heard of it, or a host that does not come back in time, ends it as
// failed with the reason. Nothing is left `running` for good.
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { MAX_OUTCOME_QUERY, type RequestResult } from "@/lib/protocol";
import { recordOutcome, DEPLOY_TIMEOUT_MS } from "./deploy-outcome";
import type { AgentSession } from "./session";

/** How often unresolved rollouts are looked at. */
export const RECOVERY_SWEEP_MS = 5_000;
/** A host that has not reconnected this long after the rollout was lost is given up on. */
export const RECOVERY_GRACE_MS = 30_000;
/** While the agent still works on a rollout, it is asked again this often. */
export const OUTCOME_POLL_MS = 1_000;

type Outcome = RequestResult<"deploy/outcomes">["outcomes"][number];

export interface RecoveryHub {
  session(hostId: string): AgentSession | undefined;
  isTracking(deploymentId: string): boolean;
  trackDeployment(deploymentId: string, serviceId: string, hostId: string): { lines: string[]; done(): void };
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class DeployRecovery {
  private readonly watching = new Set<string>();
  private readonly startedAt = Date.now();
  private readonly timer: NodeJS.Timeout;
  private sweeping = false;

  constructor(private readonly db: () => Db, private readonly hub: RecoveryHub) {
    this.timer = setInterval(() => void this.sweep(), RECOVERY_SWEEP_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** An agent said hello: ask it about every rollout of its host this process is not following. */
  async onHello(session: AgentSession): Promise<void> {
    const rows = await this.db().deployment.findMany({
      where: { hostId: session.hostId, status: { in: ["pending", "running"] } },
      select: { id: true, serviceId: true },
      orderBy: { createdAt: "asc" },
      take: MAX_OUTCOME_QUERY,
    });
    const lost = rows.filter((r) => !this.hub.isTracking(r.id) && !this.watching.has(r.id));
    if (lost.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = (await session.request("deploy/outcomes", { deploymentIds: lost.map((r) => r.id) })).outcomes;
    } catch (err) {
      log.warn("deploy", "could not ask the agent how interrupted rollouts ended", { hostId: session.hostId, error: errorText(err) });
      return; // the sweep asks again
    }
    for (const row of lost) {
      const o = outcomes.find((x) => x.deploymentId === row.id) ?? { deploymentId: row.id, status: "unknown", containerId: null, error: null };
      await this.settle(session, row.serviceId, o);
    }
  }

  /** Unresolved rollouts: ask online hosts; give up on hosts gone longer than the grace time. */
  async sweep(now = Date.now()): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const rows = await this.db().deployment.findMany({
        where: { status: { in: ["pending", "running"] } },
        select: { id: true, hostId: true, createdAt: true },
        take: 1000,
      });
      const askHosts = new Set<string>();
      for (const r of rows) {
        if (this.hub.isTracking(r.id) || this.watching.has(r.id)) continue;
        const session = r.hostId ? this.hub.session(r.hostId) : undefined;
        if (session) {
          askHosts.add(session.hostId);
          continue;
        }
        const lostSince = Math.max(r.createdAt.getTime(), this.startedAt);
        if (now - lostSince < RECOVERY_GRACE_MS) continue;
        await recordOutcome(this.db(), r.id, {
          status: "failed",
          containerId: null,
          error: "the control plane lost this rollout (restart or dropped link) and the host's agent did not come back to say how it ended",
        });
      }
      for (const hostId of askHosts) {
        const s = this.hub.session(hostId);
        if (s) await this.onHello(s);
      }
    } catch (err) {
      log.warn("deploy", "rollout recovery sweep failed", { error: errorText(err) });
    } finally {
      this.sweeping = false;
    }
  }

  private async settle(session: AgentSession, serviceId: string, o: Outcome): Promise<void> {
    const db = this.db();
    switch (o.status) {
      case "succeeded":
      case "unchanged":
      case "failed":
        await recordOutcome(db, o.deploymentId, { status: o.status, containerId: o.containerId, error: o.error });
        log.info("deploy", "resolved a rollout from the agent's journal", { deploymentId: o.deploymentId, status: o.status });
        return;
      case "unknown":
        await recordOutcome(db, o.deploymentId, {
          status: "failed",
          containerId: null,
          error: "control plane restarted before the agent received this rollout; nothing was changed",
        });
        return;
      case "running":
        void this.watch(session, serviceId, o.deploymentId);
        return;
    }
  }

  /** Follows a rollout the agent is still carrying out, logs included, until it ends. */
  private async watch(session: AgentSession, serviceId: string, deploymentId: string): Promise<void> {
    this.watching.add(deploymentId);
    const tracked = this.hub.trackDeployment(deploymentId, serviceId, session.hostId);
    const deadline = Date.now() + DEPLOY_TIMEOUT_MS;
    try {
      while (session.isOpen && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, OUTCOME_POLL_MS));
        const [o] = (await session.request("deploy/outcomes", { deploymentIds: [deploymentId] })).outcomes;
        if (o && o.status !== "running") {
          tracked.done();
          await this.settle(session, serviceId, o);
          return;
        }
      }
    } catch (err) {
      log.warn("deploy", "lost the agent while following a resumed rollout", { deploymentId, error: errorText(err) });
    } finally {
      tracked.done();
      this.watching.delete(deploymentId);
    }
  }
}
