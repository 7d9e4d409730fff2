// service/apply on the agent: carries out planRollout with dockerode. New container first (under
// a temporary name), wait until running and healthy, then remove the old one and take its name.
// On failure the new container is removed and the old one is left (or put back) running.
import type Docker from "dockerode";
import { LABELS, OFFLINE_NETWORK, type RequestParams, type RequestResult, type ServiceSpec } from "@/lib/protocol";
import { planRollout, specHash } from "@/lib/deploy";
import { AgentError, dockerStatus } from "./errors";
import { imageExists, pullImage } from "./docker/images";
import { listSummaries } from "./docker/summary";

/** Without a Docker healthcheck, a new container must stay up this long to count as healthy. */
export const HEALTH_GRACE_MS = 1500;
export const HEALTH_POLL_MS = 100;
/** Extra time on top of a healthcheck's own retries before giving up. */
export const HEALTH_SLACK_MS = 5_000;
export const STOP_TIMEOUT_S = 5;
const FAILURE_LOG_LINES = 10;

type Log = (line: string) => void;
type Params = RequestParams<"service/apply">;

export async function ensureOfflineNetwork(docker: Docker): Promise<void> {
  const existing = await docker.listNetworks({ filters: { name: [OFFLINE_NETWORK] } });
  if (existing.some((n) => n.Name === OFFLINE_NETWORK)) return;
  try {
    await docker.createNetwork({ Name: OFFLINE_NETWORK, Driver: "bridge", Internal: true, Labels: { [LABELS.managed]: "true" } });
  } catch (err) {
    if (dockerStatus(err) !== 409) throw err; // created concurrently
  }
}

function createOptions(spec: ServiceSpec, hash: string, name: string, deploymentId: string): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    const key = `${p.container}/${p.protocol}`;
    exposed[key] = {};
    if (p.host !== undefined) (bindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: String(p.host) });
  }
  const hc = spec.healthcheck;
  const test = hc ? (["CMD", "CMD-SHELL", "NONE"].includes(hc.test[0] ?? "") ? hc.test : ["CMD", ...hc.test]) : undefined;
  return {
    name,
    Image: spec.image,
    Cmd: spec.command.length > 0 ? spec.command : undefined,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: {
      [LABELS.managed]: "true",
      [LABELS.serviceId]: spec.serviceId,
      [LABELS.serviceName]: spec.name,
      [LABELS.specHash]: hash,
      [LABELS.deploymentId]: deploymentId,
    },
    ExposedPorts: exposed,
    Healthcheck: hc && test
      ? { Test: test, Interval: hc.intervalSeconds * 1e9, Timeout: hc.timeoutSeconds * 1e9, Retries: hc.retries }
      : undefined,
    HostConfig: {
      PortBindings: bindings,
      Binds: spec.volumes.map((v) => `${v.source}:${v.target}${v.readOnly ? ":ro" : ""}`),
      // No restarts while on probation, so a failing start is seen as it is (exit code and all);
      // the service's own policy is set once the container is healthy.
      RestartPolicy: { Name: "" },
      NetworkMode: spec.egress === "offline" ? OFFLINE_NETWORK : "bridge",
    },
  };
}

async function lastLogLines(c: Docker.Container): Promise<string> {
  try {
    const buf = (await c.logs({ stdout: true, stderr: true, tail: FAILURE_LOG_LINES })) as unknown as Buffer;
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
  const budget = hc ? (hc.intervalSeconds + hc.timeoutSeconds) * (hc.retries + 1) * 1000 + HEALTH_SLACK_MS : HEALTH_GRACE_MS;
  const started = Date.now();
  log(hc ? `waiting for the healthcheck (up to ${Math.round(budget / 1000)} s)` : `waiting ${HEALTH_GRACE_MS} ms to see it stay up (no healthcheck)`);
  for (;;) {
    const info = await c.inspect();
    const st = info.State;
    if (st.Status === "exited" || st.Status === "dead") {
      const logs = await lastLogLines(c);
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

export async function applyService(docker: Docker, params: Params, log: Log): Promise<RequestResult<"service/apply">> {
  const { spec, deploymentId } = params;
  const hash = specHash(spec);
  const [observed, present] = await Promise.all([listSummaries(docker), imageExists(docker, spec.image)]);
  const plan = planRollout(spec, hash, observed);
  if (plan.kind === "unchanged") {
    log(`spec ${hash} is already running; nothing to do`);
    return { outcome: "unchanged", specHash: hash, containerId: plan.containerId };
  }
  log(`applying spec ${hash} (${plan.kind}${plan.old.length ? `, replacing ${plan.old.map((c) => c.name).join(", ")}` : ""})`);

  if (params.pull || !present) {
    log(`pulling ${spec.image}`);
    await pullImage(docker, spec.image);
    log(`pulled ${spec.image}`);
  }
  if (spec.egress === "offline") {
    await ensureOfflineNetwork(docker);
    log(`egress offline: attaching only to the internal network ${OFFLINE_NETWORK}`);
  }

  const tempName = `${spec.name}-next-${hash.slice(0, 8)}`;
  const leftover = observed.find((c) => c.name === tempName);
  if (leftover) await removeQuietly(docker, leftover.id); // from an interrupted rollout
  const fresh = await docker.createContainer(createOptions(spec, hash, tempName, deploymentId));
  log(`created container ${fresh.id.slice(0, 12)} as ${tempName}`);

  const stopped: string[] = [];
  try {
    if (plan.stopOldFirst) {
      for (const old of plan.old.filter((c) => c.state === "running" || c.state === "restarting")) {
        log(`stopping ${old.name} first: it holds a host port the new container needs`);
        await docker.getContainer(old.id).stop({ t: STOP_TIMEOUT_S }).catch((err: unknown) => { if (dockerStatus(err) !== 304) throw err; });
        stopped.push(old.id);
      }
    }
    await fresh.start();
    log("started; checking health");
    await waitHealthy(fresh, spec, log);
  } catch (err) {
    log(`rollout failed: ${err instanceof Error ? err.message : String(err)}`);
    await removeQuietly(docker, fresh.id);
    for (const id of stopped) {
      log(`restarting the previous container ${id.slice(0, 12)}`);
      await docker.getContainer(id).start().catch((e: unknown) => log(`could not restart it: ${e instanceof Error ? e.message : String(e)}`));
    }
    if (err instanceof AgentError) throw err;
    throw new AgentError("deploy_failed", err instanceof Error ? err.message : String(err));
  }

  if (spec.restartPolicy !== "no") await fresh.update({ RestartPolicy: { Name: spec.restartPolicy } });
  for (const old of plan.old) {
    log(`removing the previous container ${old.name}`);
    await removeQuietly(docker, old.id);
  }
  await fresh.rename({ name: spec.name });
  log(`healthy; container ${fresh.id.slice(0, 12)} is now ${spec.name}`);
  return { outcome: plan.kind === "create" ? "created" : "replaced", specHash: hash, containerId: fresh.id };
}
