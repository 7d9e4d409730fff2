// The "stop-container" fault: stops any container on this host (a service, the DNS server, the tunnel
// connector) and starts it again at the end, only if it was running before.
import type Docker from "dockerode";
import { AgentError, dockerStatus } from "../errors";
import { STOP_TIMEOUT_S } from "../deploy";
import { stopTimeoutOf } from "../docker/create-options";

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
  return { containerId: info.Id, name: info.Name.replace(/^\//, ""), wasRunning: info.State.Running, stopS: stopTimeoutOf(info, STOP_TIMEOUT_S) };
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
