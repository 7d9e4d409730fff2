// Docker Swarm as a deploy target, on a real engine: a single-node swarm on loopback (initialised
// here when the engine is in none, and left again afterwards), the real agent and control plane.
// A service in Swarm mode deploys with 3 replicas, scales to 5 through the API, answers through the
// routing mesh on 127.0.0.1, rolls back an update whose health check fails (the deployment is
// recorded failed and the old spec keeps running), and leaves nothing behind when removed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { LABELS, type SwarmServiceStatus } from "@/lib/protocol";
import type { LiveEvent as BusEvent } from "@/lib/events";
import { SWARM_TASK_LABEL } from "@/agents/swarm";
import { listSwarmTasks, setSwarmPlacement } from "@/lib/agents";
import { deleteServiceWithContainer } from "@/lib/agents/operations";
import { POST as scalePOST } from "@/app/api/v1/services/[id]/scale/route";
import { GET as tasksGET } from "@/app/api/v1/services/[id]/tasks/route";
import { POST as swarmPOST } from "@/app/api/v1/services/[id]/swarm/route";
import { call, errorOf } from "../helpers/api";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker, exec } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { actor, addService, changeService, deployAndWait, enrolledAgent, freePort, httpdCommand, meta } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";
import type { AgentProcess } from "./helpers/agent-process";

const PREFIX = "hpt-sw-";
const run = promisify(execFile);
/** Swarm schedules, starts and health-checks tasks on a loaded 2-core machine: generous bounds. */
const CONVERGE_MS = 90_000;

let cp: TestControlPlane;
let image: string;
let hostId: string;
let agent: AgentProcess;
/** Whether this file put the engine into a swarm (and so takes it out again). */
let initialisedSwarm = false;
const busEvents: BusEvent[] = [];
let unsubscribe: (() => void) | undefined;

async function swarmState(): Promise<string> {
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string } };
  return info.Swarm?.LocalNodeState ?? "inactive";
}

async function ownSwarmServices(serviceId?: string) {
  const all = await docker.listServices({ filters: { label: [serviceId ? `${LABELS.serviceId}=${serviceId}` : LABELS.serviceId] } });
  return all.filter((s) => (s.Spec?.Name ?? "").startsWith(PREFIX));
}

async function httpGet(port: number): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
  return (await r.text()).trim();
}

/** Whether the agent found IPVS, which the routing mesh needs (this test machine's kernel may lack it). */
async function hostHasRoutingMesh(): Promise<boolean> {
  const h = await cp.t.db.host.findUniqueOrThrow({ where: { id: hostId }, select: { dockerInfo: true } });
  return (JSON.parse(h.dockerInfo ?? "{}") as { swarm?: { routingMesh?: boolean | null } }).swarm?.routingMesh === true;
}

/** What one running task of the service serves on its own port (inside its container). */
async function taskAnswer(serviceId: string): Promise<string> {
  const s = await listSwarmTasks(cp.t.db, serviceId);
  const id = running(s)[0]?.containerId;
  if (!id) return "";
  const r = await exec(docker.getContainer(id), ["wget", "-q", "-O-", "http://127.0.0.1:8080/"]);
  return r.output.trim();
}

const running = (s: SwarmServiceStatus) => s.tasks.filter((t) => t.desiredState === "running" && t.state === "running");
const auth = () => ({ bearer: cp.apiToken });

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  if ((await swarmState()) === "inactive") {
    await run("docker", ["swarm", "init", "--advertise-addr", "127.0.0.1"], { timeout: 60_000 });
    initialisedSwarm = true;
  }
  cp = await startTestControlPlane();
  unsubscribe = cp.hub.bus.subscribe((e) => void busEvents.push(e));
  // The agent starts after the swarm exists: its hello reports the engine as a manager.
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`));
  await waitUntil(async () => (await cp.t.db.host.findUnique({ where: { id: hostId }, select: { dockerInfo: true } }))?.dockerInfo, 20_000, "the agent's Docker info");
}, 300_000);

afterAll(async () => {
  unsubscribe?.();
  await agent?.kill("SIGKILL");
  await cp?.close();
  for (const s of await ownSwarmServices().catch(() => [])) await docker.getService(s.ID).remove().catch(() => undefined);
  if (initialisedSwarm) await run("docker", ["swarm", "leave", "--force"], { timeout: 60_000 }).catch(() => undefined);
  await cleanupDocker(PREFIX, { image });
}, 120_000);

describe("Swarm as a deploy target", () => {
  it("the host reports its engine as a Swarm manager", async () => {
    const row = await waitUntil(async () => {
      const h = await cp.t.db.host.findUnique({ where: { id: hostId }, select: { dockerInfo: true } });
      return h?.dockerInfo ? (JSON.parse(h.dockerInfo) as { swarm?: { manager: boolean; state: string } }) : null;
    }, 20_000, "the agent's Docker info");
    expect(row.swarm).toMatchObject({ manager: true, state: "active" });
  });

  it("refuses bad input with a clear 4xx", async () => {
    const svc = await addService(cp.t.db, { name: `${PREFIX}bad`, image, hostId, volumes: [{ source: "data", target: "/data", readOnly: false }] });
    const put = (body: unknown) => call(swarmPOST, `/api/v1/services/${svc.id}/swarm`, { body, auth: auth() }, { id: svc.id });
    for (const replicas of [-1, 1_000_000, 2.5]) {
      const r = await put({ mode: "swarm", replicas });
      expect(r.status, `replicas ${replicas}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    const vol = await put({ mode: "swarm", replicas: 2 });
    expect(vol.status).toBe(422);
    expect(errorOf(vol).message).toMatch(/volumes are not supported in Swarm mode/);
    const scale = await call(scalePOST, `/api/v1/services/${svc.id}/scale`, { body: { replicas: 2 }, auth: auth() }, { id: svc.id });
    expect(scale.status).toBe(422);
    expect(errorOf(scale).message).toMatch(/runs as a container/);
    const neg = await call(scalePOST, `/api/v1/services/${svc.id}/scale`, { body: { replicas: -3 }, auth: auth() }, { id: svc.id });
    expect(neg.status).toBeGreaterThanOrEqual(400);
    expect(neg.status).toBeLessThan(500);
  });

  it("deploys 3 replicas, scales to 5, rolls back a failing update, answers on the routing mesh, and is removed", async () => {
    const port = await freePort();
    const svc = await addService(cp.t.db, {
      name: `${PREFIX}web`,
      image,
      command: httpdCommand("v1"),
      ports: [{ container: 8080, host: port, protocol: "tcp", hostIp: "127.0.0.1" }],
      healthcheck: { test: ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"], intervalSeconds: 1, timeoutSeconds: 1, retries: 2 },
      hostId,
    });
    const placed = await call(swarmPOST, `/api/v1/services/${svc.id}/swarm`, {
      body: { mode: "swarm", replicas: 3, update: { parallelism: 1, delaySeconds: 1, failureAction: "rollback", monitorSeconds: 6 } },
      auth: auth(),
    }, { id: svc.id });
    expect(placed.status, placed.text).toBe(200);

    // Deploy: 3 tasks running on this node, the deployment succeeded with Swarm's progress in its log.
    const first = await deployAndWait(cp.t.db, svc.id);
    expect(first.status, first.error ?? "").toBe("succeeded");
    expect(first.log.join("\n")).toMatch(/creating Swarm service/);
    const afterDeploy = await listSwarmTasks(cp.t.db, svc.id);
    expect(afterDeploy).toMatchObject({ found: true, desired: 3, running: 3 });
    expect(new Set(running(afterDeploy).map((t) => t.node)).size).toBe(1);
    expect(running(afterDeploy).every((t) => t.containerId)).toBe(true);
    expect(await ownSwarmServices(svc.id)).toHaveLength(1);

    // Each task serves v1; the routing mesh answers on the published port on loopback where the
    // kernel has IPVS (the host reports it; this VM's kernel may not: then see the host-mode test).
    expect(await taskAnswer(svc.id)).toBe("v1");
    const mesh = await hostHasRoutingMesh();
    if (mesh) await waitUntil(async () => (await httpGet(port).catch(() => "")) === "v1", 30_000, "the routing mesh to answer");

    // Scale to 5 through the API; the tasks come up and stream live.
    const scaled = await call(scalePOST, `/api/v1/services/${svc.id}/scale`, { body: { replicas: 5 }, auth: auth() }, { id: svc.id });
    expect(scaled.status, scaled.text).toBe(200);
    expect(scaled.body).toEqual({ replicas: 5, previous: 3 });
    await waitUntil(async () => {
      const r = await call(tasksGET, `/api/v1/services/${svc.id}/tasks`, { auth: auth() }, { id: svc.id });
      return (r.body as SwarmServiceStatus).running === 5;
    }, CONVERGE_MS, "5 running tasks");
    await waitUntil(async () => busEvents.some((e) => e.type === "swarm/tasks" && e.serviceId === svc.id && e.status.running === 5), 20_000, "a live swarm/tasks event with 5 running").catch((e: Error) => {
      throw new Error(`${e.message}; events: ${busEvents.map((x) => x.type).join(",")}\n${agent.output().slice(-3000)}`);
    });
    expect((await cp.t.db.service.findUniqueOrThrow({ where: { id: svc.id } })).replicas).toBe(5);

    // A task's container dies: the agent reports it live (failed), and Swarm brings a new one up.
    const victim = running(await listSwarmTasks(cp.t.db, svc.id))[0]!;
    await docker.getContainer(victim.containerId!).kill();
    await waitUntil(async () => busEvents.some((e) => e.type === "swarm/tasks" && e.status.tasks.some((t) => t.id === victim.id && t.state !== "running")), 20_000, "a live event with the killed task no longer running");
    await waitUntil(async () => (await listSwarmTasks(cp.t.db, svc.id)).running === 5, CONVERGE_MS, "Swarm to replace the killed task");

    // An update whose health check fails: Swarm rolls it back; the deployment says so and v1 still answers.
    await changeService(cp.t.db, svc.id, { command: httpdCommand("v2"), healthcheck: { test: ["false"], intervalSeconds: 1, timeoutSeconds: 1, retries: 1 } });
    const failed = await deployAndWait(cp.t.db, svc.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/rolled the update back/);
    expect(failed.log.join("\n")).toMatch(/rolling update/);
    const [after] = await ownSwarmServices(svc.id);
    const args = JSON.stringify((after?.Spec?.TaskTemplate as { ContainerSpec?: { Args?: string[] } } | undefined)?.ContainerSpec?.Args);
    expect(args).toContain("echo v1 ");
    expect(args).not.toContain("echo v2 ");
    await waitUntil(async () => (await listSwarmTasks(cp.t.db, svc.id)).running === 5, CONVERGE_MS, "5 tasks of the old spec");
    expect(await taskAnswer(svc.id)).toBe("v1");
    if (mesh) expect(await httpGet(port)).toBe("v1");

    // Remove: the Swarm service and its task containers are gone.
    const report = await deleteServiceWithContainer(cp.t.db, svc.id, { removeContainer: true, removeVolumes: false }, actor, meta);
    expect(report.left).toEqual([]);
    expect(await ownSwarmServices(svc.id)).toHaveLength(0);
    await waitUntil(async () => (await docker.listContainers({ all: true, filters: { label: [`${SWARM_TASK_LABEL}=${svc.id}`] } })).length === 0, 60_000, "the task containers to go");
  }, 420_000);

  it("publishes a port on 127.0.0.1 in host mode (one task on the node answers there)", async () => {
    const port = await freePort();
    const svc = await addService(cp.t.db, { name: `${PREFIX}hostport`, image, command: httpdCommand("hostmode"), ports: [{ container: 8080, host: port, protocol: "tcp", hostIp: "127.0.0.1" }], hostId });
    await setSwarmPlacement(cp.t.db, svc.id, { mode: "swarm", replicas: 1, publishMode: "host" }, actor, meta);
    const d = await deployAndWait(cp.t.db, svc.id);
    expect(d.status, d.error ?? "").toBe("succeeded");
    await waitUntil(async () => (await httpGet(port).catch(() => "")) === "hostmode", 30_000, "the host-mode port to answer");
    const report = await deleteServiceWithContainer(cp.t.db, svc.id, { removeContainer: true, removeVolumes: false }, actor, meta);
    expect(report.left).toEqual([]);
    expect(await ownSwarmServices(svc.id)).toHaveLength(0);
  }, 180_000);

  it("a host whose owner runs the agent with --deny-swarm: the control plane and the agent both refuse", async () => {
    const locked = await enrolledAgent(cp, `${PREFIX}locked`, ["--deny-swarm"]);
    try {
      await waitUntil(async () => (await cp.t.db.host.findUnique({ where: { id: locked.hostId }, select: { agentPolicy: true } }))?.agentPolicy?.includes('"allowSwarm":false'), 20_000, "the locked agent's policy");
      const svc = await addService(cp.t.db, { name: `${PREFIX}locked-web`, image, hostId: locked.hostId });
      await setSwarmPlacement(cp.t.db, svc.id, { mode: "swarm", replicas: 1 }, actor, meta);
      await expect(deployAndWait(cp.t.db, svc.id)).rejects.toThrow(/--deny-swarm/);
      // Asked directly (as a compromised control plane would), the agent refuses by itself.
      const spec = { serviceId: svc.id, name: `${PREFIX}locked-web`, image, command: [], env: {}, ports: [], replicas: 1, constraints: [], update: {}, healthcheck: null };
      await expect(cp.hub.requireSession(locked.hostId).request("swarm/apply", { deploymentId: "d-locked", spec }, 10_000)).rejects.toMatchObject({ code: "policy_denied" });
      expect(await ownSwarmServices(svc.id)).toHaveLength(0);
    } finally {
      await locked.agent.kill("SIGKILL");
    }
  }, 60_000);

  it("refuses Swarm mode on a host that is not a Swarm manager", async () => {
    // The same host, reported (as an agent outside a swarm would) without a swarm.
    const h = await cp.t.db.host.findUniqueOrThrow({ where: { id: hostId } });
    const info = JSON.parse(h.dockerInfo ?? "{}") as Record<string, unknown>;
    await cp.t.db.host.update({ where: { id: hostId }, data: { dockerInfo: JSON.stringify({ ...info, swarm: null }) } });
    try {
      const svc = await addService(cp.t.db, { name: `${PREFIX}plain`, image, hostId });
      await expect(setSwarmPlacement(cp.t.db, svc.id, { mode: "swarm", replicas: 2 }, actor, meta)).rejects.toThrow(/is not a Swarm manager/);
      const r = await call(swarmPOST, `/api/v1/services/${svc.id}/swarm`, { body: { mode: "swarm", replicas: 2 }, auth: auth() }, { id: svc.id });
      expect(r.status).toBe(422);
    } finally {
      await cp.t.db.host.update({ where: { id: hostId }, data: { dockerInfo: h.dockerInfo } });
    }
  });
});
