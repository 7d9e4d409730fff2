// Rollout logs the hub keeps while they run: per deployment, the lines its host's agent sends,
// bounded in lines and bytes (what is over is counted and said once at the end), each line also
// published live. Entries go when their rollout is done.
import type { EventBus } from "@/lib/events";
import type { AgentEventParams } from "@/lib/protocol";
import { MAX_LOG_LINES } from "./deploy-outcome";

/** Bytes of deploy log kept per rollout while it runs (lines beyond are counted, not kept). */
export const MAX_DEPLOY_LOG_BYTES = 256 * 1024;

interface TrackedDeployment {
  serviceId: string;
  hostId: string;
  lines: string[];
  bytes: number;
  dropped: number;
}

export class DeployLogs {
  private readonly deployments = new Map<string, TrackedDeployment>();

  constructor(private readonly bus: EventBus) {}

  track(deploymentId: string, serviceId: string, hostId: string): { lines: string[]; done(): void } {
    const t: TrackedDeployment = { serviceId, hostId, lines: [], bytes: 0, dropped: 0 };
    this.deployments.set(deploymentId, t);
    return {
      lines: t.lines,
      done: () => {
        if (t.dropped > 0) t.lines.push(`… ${t.dropped} more log line(s) not kept (over ${MAX_LOG_LINES} lines or ${MAX_DEPLOY_LOG_BYTES} bytes)`);
        if (this.deployments.get(deploymentId) === t) this.deployments.delete(deploymentId);
      },
    };
  }

  isTracking(deploymentId: string): boolean {
    return this.deployments.has(deploymentId);
  }

  /** False when this host's agent is not running that rollout (the line is dropped). */
  append(hostId: string, p: AgentEventParams<"deploy/log">): boolean {
    const t = this.deployments.get(p.deploymentId);
    if (!t || t.hostId !== hostId) return false;
    const line = `${p.at} ${p.line}`;
    if (t.lines.length >= MAX_LOG_LINES || t.bytes + line.length > MAX_DEPLOY_LOG_BYTES) {
      t.dropped++;
      return true;
    }
    t.lines.push(line);
    t.bytes += line.length;
    this.bus.publish({ type: "deploy/log", deploymentId: p.deploymentId, serviceId: t.serviceId, at: p.at, line: p.line });
    return true;
  }

  get size(): number {
    return this.deployments.size;
  }
}
