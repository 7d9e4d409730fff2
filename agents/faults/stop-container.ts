// The "stop-container" fault: stops any container on this host (a service, the DNS server, the tunnel
// connector) and starts it again at the end, only if it was running before.
import { readFileSync } from "node:fs";
import type Docker from "dockerode";
import { AgentError, dockerStatus } from "../errors";
import { STOP_TIMEOUT_S } from "../deploy";
import { stopTimeoutOf } from "../docker/create-options";

/** A game day stops a container gracefully for at most this long, then kills it (so `gameday/start` answers in time). */
export const MAX_STOP_WAIT_S = 10;

export interface StoppedContainer {
  containerId: string;
  name: string;
  wasRunning: boolean;
}

/** What the fault will stop: the container as it is now; `not_found` when there is none. */
export async function inspectTarget(docker: Docker, containerId: string): Promise<StoppedContainer & { stopS: number }> {
  const info = await docker.getContainer(containerId).inspect().catch((err: unknown) => {
    if (dockerStatus(err) === 404) throw new AgentError("not_found", `no container ${containerId} on this host`);
    throw err;
  });
  refuseOwnContainer(info.Id);
  return { containerId: info.Id, name: info.Name.replace(/^\//, ""), wasRunning: info.State.Running, stopS: Math.min(MAX_STOP_WAIT_S, stopTimeoutOf(info, STOP_TIMEOUT_S)) };
}

/** The Docker container id in a mountinfo text (/etc/hostname comes from /var/lib/docker/containers/<id>/), if any. */
export function containerIdFromMountinfo(mountinfo: string): string | null {
  return /\/docker\/containers\/([0-9a-f]{64})\//.exec(mountinfo)?.[1] ?? null;
}

/** The container this agent runs in, when it runs in one. */
function ownContainerId(): string | null {
  try {
    return containerIdFromMountinfo(readFileSync("/proc/self/mountinfo", "utf8"));
  } catch {
    return null;
  }
}

/** Stopping the agent's own container would end the agent, and nothing would start it again. */
export function refuseOwnContainer(containerId: string, own: string | null = ownContainerId()): void {
  if (own && own === containerId) throw new AgentError("invalid_params", "that is this agent's own container: stopping it would leave nothing to start it again; use the cut-agent fault instead");
}

const tolerate304 = (err: unknown) => {
  if (dockerStatus(err) !== 304) throw err;
};

export async function applyStop(docker: Docker, t: StoppedContainer & { stopS: number }): Promise<string> {
  if (!t.wasRunning) return `container ${t.name} was already stopped; it stays stopped and is not started at the end`;
  await docker.getContainer(t.containerId).stop({ t: t.stopS }).catch(tolerate304);
  return `container ${t.name} stopped; it is started again at the end`;
}

/** Starts it again if it ran before; a container removed meanwhile is an error in words. */
export async function revertStop(docker: Docker, t: StoppedContainer): Promise<void> {
  if (!t.wasRunning) return;
  await docker.getContainer(t.containerId).start().catch((err: unknown) => {
    if (dockerStatus(err) === 404) throw new Error(`container ${t.name} was removed during the game day; nothing to start`);
    tolerate304(err);
  });
}
