// service/apply on the agent: carries out planRollout with dockerode. New container first (under
// a temporary name), wait until running and healthy, then remove the old one and take its name.
// On failure the new container is removed and the old one is left (or put back) running. Each
// phase is journaled (rollouts.ts) so a crash mid-rollout is finished or rolled back at the next
// start; one rollout per service at a time; the host policy is checked before Docker is touched.
import type Docker from "dockerode";
import { LABELS, OFFLINE_NETWORK, type HostPolicy, type RequestParams, type RequestResult, type ServiceSpec } from "@/lib/protocol";
import { planRollout, specHash } from "@/lib/deploy";
import { AgentError, dockerStatus } from "./errors";
import { createOptions, stopTimeoutOf } from "./docker/create-options";
import { imageExists, pullThroughMirror } from "./docker/images";
import { listSummaries } from "./docker/summary";
import { checkSpecAgainstPolicy } from "./mounts";
import { checkSpecNetworks, ensureNetwork, ensureOfflineNetwork, joinNetworks } from "./networks";
import { ensureStackVolumes } from "./volumes";
import { listJournals, writeJournal, type Journal, type RolloutLocks } from "./rollouts";
import { PortBridges, portBridges } from "./port-bridge";

/** Without a Docker healthcheck, a new container must stay up this long to count as healthy. */
export const HEALTH_GRACE_MS = 1500;
export const HEALTH_POLL_MS = 100;
/** Extra time on top of a healthcheck's own retries before giving up. */
export const HEALTH_SLACK_MS = 5_000;
export const STOP_TIMEOUT_S = 5;
const FAILURE_LOG_LINES = 10;

type Log = (line: string) => void;
type Params = RequestParams<"service/apply">;

/** What a rollout needs besides the request: the engine, the state folder, the policy, the locks. */
export interface RolloutContext {
  docker: Docker;
  stateDir: string;
  policy: HostPolicy;
  locks: RolloutLocks;
}

/** A rollout's temporary container is named `<service>-next-<8 hex>` until it is promoted. */
export const TEMP_NAME_RE = /-next-[0-9a-f]{8}$/;

async function lastLogLines(c: Docker.Container, tty: boolean): Promise<string> {
  try {
    const buf = (await c.logs({ stdout: true, stderr: true, tail: FAILURE_LOG_LINES })) as unknown as Buffer;
    // A TTY container's log is the terminal's raw output; any other is multiplexed frames.
    if (tty) return buf.toString("utf8").trim().slice(-1000);
    // Multiplexed frames: strip the 8-byte headers.
    const lines: string[] = [];
    for (let i = 0; i + 8 <= buf.length; ) {
      const len = buf.readUInt32BE(i + 4);
      lines.push(buf.subarray(i + 8, i + 8 + len).toString("utf8"));
      i += 8 + len;
    }
    return lines.join("").trim().slice(-1000);
  } catch {
    return "";
  }
}

/** Resolves when the container is running and healthy; throws `deploy_failed` with the reason. */
async function waitHealthy(c: Docker.Container, spec: ServiceSpec, log: Log): Promise<void> {
  const hc = spec.healthcheck;
  const budget = hc ? ((hc.startPeriodSeconds ?? 0) + (hc.intervalSeconds + hc.timeoutSeconds) * (hc.retries + 1)) * 1000 + HEALTH_SLACK_MS : HEALTH_GRACE_MS;
  const started = Date.now();
  log(hc ? `waiting for the healthcheck (up to ${Math.round(budget / 1000)} s)` : `waiting ${HEALTH_GRACE_MS} ms to see it stay up (no healthcheck)`);
  for (;;) {
    const info = await c.inspect();
    const st = info.State;
    if (st.Status === "exited" || st.Status === "dead") {
      const logs = await lastLogLines(c, spec.tty === true);
      throw new AgentError("deploy_failed", `the new container exited with code ${st.ExitCode}${logs ? `; last output: ${logs}` : ""}`);
    }
    if (hc) {
      if (st.Health?.Status === "healthy") return;
      if (st.Health?.Status === "unhealthy") throw new AgentError("deploy_failed", "the new container's healthcheck reports unhealthy");
    } else if (st.Running && Date.now() - started >= HEALTH_GRACE_MS) {
      return;
    }
    if (Date.now() - started > budget) throw new AgentError("deploy_failed", `the new container was not healthy within ${Math.round(budget / 1000)} s`);
    await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
  }
}


async function removeQuietly(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true });
  } catch (err) {
    if (dockerStatus(err) !== 404) throw err;
  }
}

/** A container whose service set a stop grace period gets it (SIGTERM, then the wait) before removal. */
async function stopWithinGrace(docker: Docker, id: string): Promise<void> {
  const c = docker.getContainer(id);
  const info = await c.inspect().catch(() => null);
  if (!info?.State.Running || stopTimeoutOf(info, -1) < 0) return;
  await c.stop({ t: stopTimeoutOf(info, STOP_TIMEOUT_S) }).catch((err: unknown) => { if (dockerStatus(err) !== 304 && dockerStatus(err) !== 404) throw err; });
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Applies a spec: at most one rollout per service at a time (a second is refused with `conflict`). */
export async function applyService(ctx: RolloutContext, params: Params, log: Log): Promise<RequestResult<"service/apply">> {
  const { spec, deploymentId } = params;
  const holder = ctx.locks.acquire(spec.serviceId, deploymentId);
  if (holder !== null) throw new AgentError("conflict", `a rollout of ${spec.name} is already under way (deployment ${holder}); wait for it to end`);
  try {
    return await runRollout(ctx, params, log);
  } finally {
    ctx.locks.release(spec.serviceId, deploymentId);
  }
}

async function runRollout(ctx: RolloutContext, params: Params, log: Log): Promise<RequestResult<"service/apply">> {
  const { docker, stateDir } = ctx;
  const { spec, deploymentId } = params;
  if (spec.hostNetwork && spec.egress === "offline") throw new AgentError("invalid_params", "egress offline needs the internal network; the host network has a route out");
  checkSpecNetworks(spec);
  const volumes = await checkSpecAgainstPolicy(spec, { policy: ctx.policy, stateDir });
  const hash = specHash(spec);
  const [observed, present] = await Promise.all([listSummaries(docker), imageExists(docker, spec.image)]);
  let plan = planRollout(spec, hash, observed);
  // An update (pull) of a spec that already runs: pull now; when the tag has moved on to another
  // image, the running container is replaced like any change (same health gate, same rollback).
  let pulled = false;
  if (plan.kind === "unchanged" && params.pull) {
    const runningId = plan.containerId;
    const imageId = await pullThroughMirror(docker, spec.image, params.mirror, log);
    pulled = true;
    if ((await docker.getContainer(runningId).inspect()).Image !== imageId) {
      log(`${spec.image} now names another image (${imageId.replace(/^sha256:/, "").slice(0, 12)}); replacing the container`);
      plan = planRollout(spec, hash, observed.map((c) => (c.id === runningId ? { ...c, specHash: null } : c)));
    }
  }
  const journal: Journal = {
    deploymentId,
    serviceId: spec.serviceId,
    serviceName: spec.name,
    specHash: hash,
    restartPolicy: spec.restartPolicy,
    startedAt: new Date().toISOString(),
    phase: "preparing",
    tempName: `${spec.name}-next-${hash.slice(0, 8)}`,
    tempContainerId: null,
    stoppedOld: [],
    oldIds: plan.kind === "unchanged" ? [] : plan.old.map((c) => c.id),
  };
  const finish = (outcome: Omit<NonNullable<Journal["outcome"]>, "finishedAt">) =>
    writeJournal(stateDir, { ...journal, phase: "done", outcome: { ...outcome, finishedAt: new Date().toISOString() } });
  if (plan.kind === "unchanged") {
    log(`spec ${hash} is already running; nothing to do`);
    finish({ status: "unchanged", containerId: plan.containerId, error: null });
    return { outcome: "unchanged", specHash: hash, containerId: plan.containerId };
  }
  log(`applying spec ${hash} (${plan.kind}${plan.old.length ? `, replacing ${plan.old.map((c) => c.name).join(", ")}` : ""})`);
  writeJournal(stateDir, journal);

  const stoppedOld: string[] = [];
  let freshId: string | null = null;
  try {
    if ((params.pull && !pulled) || !present) await pullThroughMirror(docker, spec.image, params.mirror, log);
    const networks = spec.hostNetwork ? [] : (spec.networks ?? []);
    for (const n of networks) {
      if ((await ensureNetwork(docker, n, spec.stack)) === "created") log(`created network ${n.name}${n.internal ? " (internal: no route out)" : ""}`);
    }
    if (spec.egress === "offline" && !spec.hostNetwork && networks.length === 0) {
      await ensureOfflineNetwork(docker);
      log(`egress offline: attaching only to the internal network ${OFFLINE_NETWORK}`);
    }
    for (const v of await ensureStackVolumes(docker, spec)) log(`created volume ${v}`);
    const leftover = observed.find((c) => c.name === journal.tempName);
    if (leftover) await removeQuietly(docker, leftover.id); // from an interrupted rollout
    const fresh = await docker.createContainer(createOptions(spec, volumes, { hash, name: journal.tempName, deploymentId }));
    freshId = fresh.id;
    writeJournal(stateDir, { ...journal, phase: "probation", tempContainerId: fresh.id });
    await joinNetworks(docker, fresh.id, networks.slice(1));
    log(`created container ${fresh.id.slice(0, 12)} as ${journal.tempName}`);
    if (plan.stopOldFirst) {
      for (const old of plan.old.filter((c) => c.state === "running" || c.state === "restarting")) {
        log(`stopping ${old.name} first: it holds a host port the new container needs`);
        stoppedOld.push(old.id);
        writeJournal(stateDir, { ...journal, phase: "probation", tempContainerId: fresh.id, stoppedOld });
        const c = docker.getContainer(old.id);
        await c.stop({ t: stopTimeoutOf(await c.inspect(), STOP_TIMEOUT_S) }).catch((err: unknown) => { if (dockerStatus(err) !== 304) throw err; });
        await portBridges.close(old.id); // its bridged ports too, at once
      }
    }
    await fresh.start();
    // On internal networks only, Docker publishes nothing: the agent's bridge does (port-bridge.ts).
    const bridged = await portBridges.sync(docker, fresh.id).catch((e: unknown) => {
      log(`port bridge: could not check the new container's networks: ${errorText(e)}`);
      return { bridged: [], failed: [] };
    });
    for (const line of PortBridges.describe(bridged)) log(line);
    if (bridged.failed.length > 0) throw new AgentError("deploy_failed", PortBridges.describe({ bridged: [], failed: bridged.failed }).join("; "));
    log("started; checking health");
    await waitHealthy(fresh, spec, log);
  } catch (err) {
    log(`rollout failed: ${errorText(err)}`);
    await rollBack(docker, freshId, stoppedOld, log);
    const failure = err instanceof AgentError ? err : new AgentError(err instanceof Error && /pull/i.test(err.message) ? "image_pull_failed" : "deploy_failed", errorText(err));
    finish({ status: "failed", containerId: null, error: failure.message });
    throw failure;
  }

  const promoting: Journal = { ...journal, phase: "promoting", tempContainerId: freshId, stoppedOld };
  writeJournal(stateDir, promoting);
  await promote(docker, promoting, log);
  finish({ status: "succeeded", containerId: freshId, error: null });
  log(`healthy; container ${freshId.slice(0, 12)} is now ${spec.name}`);
  return { outcome: plan.kind === "create" ? "created" : "replaced", specHash: hash, containerId: freshId };
}

/** Removes the new container and starts the old ones this rollout stopped. */
async function rollBack(docker: Docker, freshId: string | null, stoppedOld: string[], log: Log): Promise<void> {
  if (freshId) await removeQuietly(docker, freshId).catch((e: unknown) => log(`could not remove the new container: ${errorText(e)}`));
  if (freshId) await portBridges.close(freshId);
  for (const id of stoppedOld) {
    log(`restarting the previous container ${id.slice(0, 12)}`);
    await docker.getContainer(id).start().catch((e: unknown) => { if (dockerStatus(e) !== 304) log(`could not restart it: ${errorText(e)}`); });
    for (const line of PortBridges.describe(await portBridges.sync(docker, id).catch(() => ({ bridged: [], failed: [] })))) log(line);
  }
}

/** The healthy new container takes over: its restart policy, old ones removed, the service's name. */
async function promote(docker: Docker, j: Journal, log: Log): Promise<void> {
  const fresh = docker.getContainer(j.tempContainerId!);
  if (j.restartPolicy !== "no") await fresh.update({ RestartPolicy: { Name: j.restartPolicy } });
  for (const id of j.oldIds) {
    log(`removing the previous container ${id.slice(0, 12)}`);
    await stopWithinGrace(docker, id);
    await removeQuietly(docker, id);
  }
  const info = await fresh.inspect();
  if (info.Name.replace(/^\//, "") !== j.serviceName) await fresh.rename({ name: j.serviceName });
}

/**
 * At agent start: finishes or rolls back every rollout a crash cut short (journal not done), then
 * removes temporary containers that belong to no running rollout. Returns what it did, for the log.
 */
export async function recoverRollouts(ctx: Pick<RolloutContext, "docker" | "stateDir" | "locks">, log: Log): Promise<{ resumed: number; rolledBack: number; removedTemps: number }> {
  const { docker, stateDir } = ctx;
  let resumed = 0;
  let rolledBack = 0;
  for (const j of listJournals(stateDir)) {
    if (j.phase === "done" || ctx.locks.isRunning(j.deploymentId)) continue;
    const at = () => new Date().toISOString();
    if (j.phase === "promoting" && j.tempContainerId) {
      try {
        await promote(docker, j, log);
        writeJournal(stateDir, { ...j, phase: "done", outcome: { status: "succeeded", containerId: j.tempContainerId, error: null, finishedAt: at() } });
        log(`finished the rollout of ${j.serviceName} (deployment ${j.deploymentId}) that a restart interrupted after its health check`);
        resumed++;
        continue;
      } catch (err) {
        log(`could not finish the interrupted rollout of ${j.serviceName}: ${errorText(err)}; rolling back`);
      }
    }
    const tempId = j.tempContainerId ?? (await listSummaries(docker)).find((c) => c.name === j.tempName)?.id ?? null;
    await rollBack(docker, tempId, j.stoppedOld, log);
    writeJournal(stateDir, {
      ...j,
      phase: "done",
      outcome: { status: "failed", containerId: null, error: "the agent restarted during the rollout; the previous container was kept", finishedAt: at() },
    });
    log(`rolled back the rollout of ${j.serviceName} (deployment ${j.deploymentId}) that a restart interrupted`);
    rolledBack++;
  }
  const removedTemps = await sweepTempContainers(ctx);
  return { resumed, rolledBack, removedTemps };
}

/**
 * Removes managed temporary containers (`-next-`) of this agent's services (those it has a rollout
 * journal for: a rollout writes it before creating anything) whose deployment is not running here.
 * Another agent's rollouts on the same engine are never touched.
 */
export async function sweepTempContainers(ctx: Pick<RolloutContext, "docker" | "locks" | "stateDir">): Promise<number> {
  const mine = new Set(listJournals(ctx.stateDir).map((j) => j.serviceId));
  if (mine.size === 0) return 0;
  const items = await ctx.docker.listContainers({ all: true, filters: { label: [`${LABELS.managed}=true`] } });
  let removed = 0;
  for (const c of items) {
    const name = (c.Names?.[0] ?? "").replace(/^\//, "");
    if (!TEMP_NAME_RE.test(name) || !mine.has(c.Labels?.[LABELS.serviceId] ?? "")) continue;
    const deployment = c.Labels?.[LABELS.deploymentId];
    if (deployment && ctx.locks.isRunning(deployment)) continue;
    await removeQuietly(ctx.docker, c.Id);
    removed++;
  }
  return removed;
}
