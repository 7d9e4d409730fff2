// The agent's allowlist: one handler per protocol request type, typed by the request's params and
// result. Nothing else reaches Docker. Writes touch only Homeport-managed containers, networks and
// volumes.
import type Docker from "dockerode";
import type { AgentEventParams, AgentEventType, HostPolicy, RequestParams, RequestResult, RequestType } from "@/lib/protocol";
import { AgentError } from "./errors";
import { applyService } from "./deploy";
import { pullThroughMirror } from "./docker/images";
import { readLogs } from "./docker/logs";
import { logStreamsOf } from "./logs";
import { sampleStats } from "./docker/stats";
import { isManaged, listSummaries, summaryFromInspect } from "./docker/summary";
import { stopTimeoutOf } from "./docker/create-options";
import { STOP_TIMEOUT_S } from "./deploy";
import { removeNetwork } from "./networks";
import { removeVolume } from "./volumes";
import { listStackResources } from "./stack-resources";
import { probeHandlers } from "./probes";
import { writeManagedFile } from "./files";
import { outcomeOf, type RolloutLocks } from "./rollouts";
import { execSessions } from "./exec";
import { describeContainer } from "./inspect";
import { applySwarmService, removeSwarmService, scaleSwarmService, swarmStatus } from "./swarm";
import { scanHandlers } from "./scan-handlers";
import { gameDayHandlers } from "./gameday-handlers";
import { firewallHandlers } from "./firewall-handlers";
import type { Deadman } from "./deadman";

export interface HandlerContext {
  docker: Docker;
  /** False when not connected (nothing sent); `onFailed` if the socket could not write the frame. */
  emit<T extends AgentEventType>(type: T, params: AgentEventParams<T>, onFailed?: (err: Error) => void): boolean;
  /** The agent's state directory; file/write writes below <stateDir>/files and nowhere else. */
  stateDir: string;
  /** The host's local policy (policy.json): what services may do beyond the default sandbox. */
  policy: HostPolicy;
  /** Rollouts under way in this process (one per service). */
  locks: RolloutLocks;
  /** The dead-man's switch (agents/deadman.ts): arm a change before applying it. */
  deadman: Deadman;
  /** The control link: a "cut-agent" game day holds it off until a time; `resume` ends that early. */
  link: { holdOff(untilMs: number): void; resume(): void };
}

type Handler<T extends RequestType> = (params: RequestParams<T>, ctx: HandlerContext) => Promise<RequestResult<T>>;
export type HandlerMap = { [K in RequestType]: Handler<K> };

async function managedContainer(docker: Docker, id: string): Promise<{ c: Docker.Container; stopS: number }> {
  const c = docker.getContainer(id);
  const info = await c.inspect();
  if (!isManaged(info)) throw new AgentError("not_managed", `container ${info.Name.replace(/^\//, "")} is not managed by Homeport; it is read-only`);
  // A service's own stop grace period (stopGraceSeconds) wins over the agent's default.
  return { c, stopS: stopTimeoutOf(info, STOP_TIMEOUT_S) };
}

async function afterWrite(c: Docker.Container) {
  try {
    return { container: summaryFromInspect(await c.inspect()) };
  } catch {
    return { container: null };
  }
}

/** Docker answers 304 when a container is already in the asked state; that is success here. */
const tolerate304 = (err: unknown) => {
  if ((err as { statusCode?: number }).statusCode !== 304) throw err;
};

export const handlers: HandlerMap = {
  // ── reads ──
  "container/list": async (_p, { docker }) => ({ containers: await listSummaries(docker) }),
  "container/inspect": async ({ containerId }, { docker }) => {
    const info = await docker.getContainer(containerId).inspect();
    return {
      container: summaryFromInspect(info),
      command: [...(info.Config.Entrypoint ? [info.Config.Entrypoint].flat() : []), ...(info.Config.Cmd ?? [])],
      env: (info.Config.Env ?? []).map((e) => e.replace(/=.*/s, "=…")), // names only: values may be secrets
      restartCount: info.RestartCount,
      networks: Object.keys(info.NetworkSettings.Networks ?? {}),
    };
  },
  "container/logs": async ({ containerId, tail, sinceSeconds }, { docker }) => ({ lines: await readLogs(docker, containerId, tail, sinceSeconds) }),
  "container/stats": async ({ containerId }, { docker }) => sampleStats(docker, containerId),
  "image/list": async (_p, { docker }) => ({
    images: (await docker.listImages()).map((i) => ({ id: i.Id, tags: i.RepoTags ?? [], sizeBytes: i.Size, createdAt: new Date(i.Created * 1000).toISOString() })),
  }),
  "deploy/outcomes": async ({ deploymentIds }, { stateDir, locks }) => ({
    outcomes: deploymentIds.map((deploymentId) => ({ deploymentId, ...outcomeOf(stateDir, locks, deploymentId) })),
  }),
  "stack/resources": async ({ stack }, { docker }) => listStackResources(docker, stack),
  "probe/run": probeHandlers["probe/run"],
  "probe/schedule": probeHandlers["probe/schedule"],
  "logs/follow": async (params, ctx) => logStreamsOf(ctx).follow(params),
  "logs/stop": async ({ streamId }, ctx) => {
    const streams = logStreamsOf(ctx);
    return { stopped: streams.stop(streamId), active: streams.active };
  },
  "logs/active": async (_p, ctx) => ({ active: logStreamsOf(ctx).active, limit: logStreamsOf(ctx).limits.maxStreams }),
  "container/describe": async ({ containerId }, { docker }) => describeContainer(docker, containerId),
  "swarm/tasks": async ({ serviceId }, { docker }) => swarmStatus(docker, serviceId),
  // ── writes ──
  "service/apply": async (params, ctx) =>
    applyService(ctx, params, (line) => ctx.emit("deploy/log", { deploymentId: params.deploymentId, at: new Date().toISOString(), line: line.slice(0, 4000) })),
  "container/start": async ({ containerId }, { docker }) => {
    const { c } = await managedContainer(docker, containerId);
    await c.start().catch(tolerate304);
    return afterWrite(c);
  },
  "container/stop": async ({ containerId }, { docker }) => {
    const { c, stopS } = await managedContainer(docker, containerId);
    await c.stop({ t: stopS }).catch(tolerate304);
    return afterWrite(c);
  },
  "container/restart": async ({ containerId }, { docker }) => {
    const { c, stopS } = await managedContainer(docker, containerId);
    await c.restart({ t: stopS });
    return afterWrite(c);
  },
  "container/remove": async ({ containerId }, { docker }) => {
    const { c } = await managedContainer(docker, containerId);
    await c.remove({ force: true });
    return { container: null };
  },
  "image/pull": async ({ image, mirror }, { docker }) => ({ image, id: await pullThroughMirror(docker, image, mirror, () => undefined) }),
  "file/write": async (params, { stateDir }) => writeManagedFile(stateDir, params),
  "network/remove": async ({ name }, { docker }) => removeNetwork(docker, name),
  "volume/remove": async ({ name }, { docker }) => removeVolume(docker, name),
  "exec/start": (p, ctx) => execSessions.start(p, ctx),
  "exec/input": async (p) => execSessions.input(p),
  "exec/resize": (p) => execSessions.resize(p),
  "exec/close": ({ sessionId }) => execSessions.close(sessionId),
  // Swarm services (agents/swarm.ts): only those labelled as Homeport's; the spec has no host powers.
  "swarm/apply": async (params, ctx) =>
    applySwarmService(ctx, params, (line) => ctx.emit("deploy/log", { deploymentId: params.deploymentId, at: new Date().toISOString(), line: line.slice(0, 4000) })),
  "swarm/scale": (params, ctx) => scaleSwarmService(ctx, params),
  "swarm/remove": (params, ctx) => removeSwarmService(ctx, params),
  // Proving ground (issue 17): scans, game days and the firewall, each behind its policy switch.
  ...scanHandlers,
  ...gameDayHandlers,
  ...firewallHandlers,
};
