// Crash safety of rollouts on the agent: `kill -9` of the agent in the middle of a rollout is
// rolled back at its next start (the old container serves again, the temporary one is gone), a
// rollout interrupted after its health check is finished, stray temporary containers are swept,
// one rollout per service at a time, and the control plane ends the deployment with the agent's
// word instead of leaving it `running`. Real agent processes against a real Docker engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { AgentRequestError } from "@/lib/agents";
import { LABELS, type ServiceSpec } from "@/lib/protocol";
import { specHash } from "@/lib/deploy";
import { recoverRollouts } from "@/agents/deploy";
import { outcomeOf, readJournal, RolloutLocks, writeJournal } from "@/agents/rollouts";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { addService, changeService, deployAndWait, enrolledAgent, freePort, httpdCommand } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";
import { startAgent, type AgentProcess } from "./helpers/agent-process";
import { deployService } from "@/lib/agents";
import { actor, meta } from "./helpers/fixtures";

const PREFIX = "hpt-k-";

let cp: TestControlPlane;
let image: string;
let hostId: string;
let stateDir: string;
let agent: AgentProcess;

const serviceContainers = (serviceId: string) => docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceId}=${serviceId}`] } });
const nameOf = (c: Docker.ContainerInfo) => (c.Names?.[0] ?? "").replace(/^\//, "");

async function httpGet(port: number): Promise<string | null> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
    return (await r.text()).trim();
  } catch {
    return null;
  }
}

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  ({ hostId, stateDir, agent } = await enrolledAgent(cp, `${PREFIX}host`));
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image });
}, 60_000);

describe("kill -9 of the agent mid-rollout", () => {
  it("is rolled back at its next start; the deployment ends failed with the reason; the old version serves", async () => {
    const port = await freePort();
    const svc = await addService(cp.t.db, { name: `${PREFIX}web`, image, hostId, command: httpdCommand("v1"), ports: [{ container: 8080, host: port, protocol: "tcp", hostIp: "127.0.0.1" }] });
    expect((await deployAndWait(cp.t.db, svc.id)).status).toBe("succeeded");
    expect(await httpGet(port)).toBe("v1");

    // v2 holds the same host port (so v1 is stopped first) and never turns healthy: the kill lands
    // while v1 is stopped and the new container is on probation.
    await changeService(cp.t.db, svc.id, {
      command: httpdCommand("v2"),
      healthcheck: { test: ["CMD", "false"], intervalSeconds: 1, timeoutSeconds: 1, retries: 20 },
    });
    const { deployment } = await deployService(cp.t.db, svc.id, { pull: false }, actor, meta);
    await waitUntil(async () => (await serviceContainers(svc.id)).some((c) => /-next-/.test(nameOf(c)) && c.State === "running") || null, 20_000, "the new container on probation");
    await agent.kill("SIGKILL");
    // v1 is stopped; the unhealthy v2 holds the port: what a crash leaves behind if nobody cleans up.
    expect(await httpGet(port)).toBe("v2");

    // The control plane does not guess: the deployment stays running while the agent is away.
    await new Promise((r) => setTimeout(r, 500));
    expect((await cp.t.db.deployment.findUniqueOrThrow({ where: { id: deployment.id } })).status).toBe("running");

    agent = startAgent(["--server", cp.url, "--state-dir", stateDir]);
    await waitUntil(async () => cp.hub.isOnline(hostId) || null, 20_000, "the agent to come back");
    const ended = await waitUntil(async () => {
      const d = await cp.t.db.deployment.findUniqueOrThrow({ where: { id: deployment.id } });
      return d.status === "running" ? null : d;
    }, 20_000, "the deployment to be resolved");
    expect(ended.status).toBe("failed");
    expect(ended.error).toMatch(/agent restarted during the rollout/);
    const left = await serviceContainers(svc.id);
    expect(left.map(nameOf)).toEqual([`${PREFIX}web`]);
    expect(left[0]!.State).toBe("running");
    expect(await waitUntil(() => httpGet(port), 10_000, "v1 to serve again")).toBe("v1");
    expect(agent.output()).toMatch(/rolled back the rollout of hpt-k-web/);
  }, 120_000);
});

describe("the rollout journal", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "hp-journal-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const spec = (name: string): ServiceSpec => ({ serviceId: `${name}id00`, name, image, command: httpdCommand(name), env: {}, ports: [], volumes: [], healthcheck: null, restartPolicy: "unless-stopped", egress: "open" });
  const create = async (s: ServiceSpec, containerName: string, deploymentId: string) => {
    const c = await docker.createContainer({
      name: containerName,
      Image: image,
      Cmd: s.command,
      Labels: { [LABELS.managed]: "true", [LABELS.serviceId]: s.serviceId, [LABELS.serviceName]: s.name, [LABELS.specHash]: specHash(s), [LABELS.deploymentId]: deploymentId },
    });
    await c.start();
    return c;
  };

  it("finishes a rollout cut short after its health check: old removed, new one takes the name", async () => {
    const s = spec(`${PREFIX}promo`);
    const old = await create(s, s.name, "d-old");
    const fresh = await create(s, `${s.name}-next-0123abcd`, "d-new");
    writeJournal(dir, {
      deploymentId: "d-new", serviceId: s.serviceId, serviceName: s.name, specHash: specHash(s), restartPolicy: "unless-stopped", startedAt: new Date().toISOString(),
      phase: "promoting", tempName: `${s.name}-next-0123abcd`, tempContainerId: fresh.id, stoppedOld: [], oldIds: [old.id],
    });
    const locks = new RolloutLocks();
    const lines: string[] = [];
    const r = await recoverRollouts({ docker, stateDir: dir, locks }, (l) => lines.push(l));
    expect(r.resumed).toBe(1);
    const left = await serviceContainers(s.serviceId);
    expect(left.map((c) => [c.Id, nameOf(c)])).toEqual([[fresh.id, s.name]]);
    expect((await fresh.inspect()).HostConfig.RestartPolicy?.Name).toBe("unless-stopped");
    expect(readJournal(dir, s.serviceId)).toMatchObject({ phase: "done", outcome: { status: "succeeded", containerId: fresh.id } });
    expect(outcomeOf(dir, locks, "d-new")).toMatchObject({ status: "succeeded", containerId: fresh.id });
    expect(outcomeOf(dir, locks, "never-heard-of")).toMatchObject({ status: "unknown" });
  });

  it("removes temporary containers of its own services that belong to no running rollout, and only those", async () => {
    const s = spec(`${PREFIX}stray`);
    // This agent rolled the service out before (a rollout journals before it creates anything).
    writeJournal(dir, {
      deploymentId: "d-live", serviceId: s.serviceId, serviceName: s.name, specHash: specHash(s), restartPolicy: "unless-stopped", startedAt: new Date().toISOString(),
      phase: "preparing", tempName: `${s.name}-next-cafef00d`, tempContainerId: null, stoppedOld: [], oldIds: [],
    });
    await create(s, `${s.name}-next-deadbeef`, "d-gone");
    const live = await create(s, `${s.name}-next-cafef00d`, "d-live");
    const keep = await create(s, `${s.name}`, "d-old");
    // Another agent on the same engine is mid-rollout of its own service: not ours to sweep.
    const theirs = spec(`${PREFIX}theirs`);
    const foreign = await create(theirs, `${theirs.name}-next-0badf00d`, "d-theirs");
    const locks = new RolloutLocks();
    locks.acquire(s.serviceId, "d-live");
    const r = await recoverRollouts({ docker, stateDir: dir, locks }, () => {});
    expect(r.removedTemps).toBe(1);
    expect((await serviceContainers(s.serviceId)).map((c) => c.Id).sort()).toEqual([live.id, keep.id].sort());
    expect((await serviceContainers(theirs.serviceId)).map((c) => c.Id)).toEqual([foreign.id]);
  });
});

describe("one rollout per service", () => {
  it("the agent refuses a second service/apply for a service while the first runs", async () => {
    const port = await freePort();
    const svc = await addService(cp.t.db, { name: `${PREFIX}once`, image, hostId, command: httpdCommand("once"), ports: [{ container: 8080, host: port, protocol: "tcp", hostIp: "127.0.0.1" }] });
    const s: ServiceSpec = { serviceId: svc.id, name: svc.name, image, command: httpdCommand("once"), env: {}, ports: svc.ports, volumes: [], healthcheck: null, restartPolicy: "no", egress: "open" };
    const session = cp.hub.requireSession(hostId);
    const first = session.request("service/apply", { deploymentId: "first-apply", spec: s, pull: false }, 60_000);
    await new Promise((r) => setTimeout(r, 100));
    const second = await session.request("service/apply", { deploymentId: "second-apply", spec: { ...s, env: { X: "1" } }, pull: false }).then(() => null, (e: unknown) => e);
    expect(second).toBeInstanceOf(AgentRequestError);
    expect((second as AgentRequestError).code).toBe("conflict");
    expect((second as Error).message).toMatch(/already under way \(deployment first-apply\)/);
    await expect(first).resolves.toMatchObject({ outcome: "created" });
    expect(await serviceContainers(svc.id)).toHaveLength(1);
  }, 60_000);
});
