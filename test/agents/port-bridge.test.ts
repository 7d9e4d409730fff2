// The agent's port bridge on a real engine: Docker publishes no ports for a container whose
// networks are all internal (moby/moby#36174), so an offline service's published port is served
// by the agent, which relays to the container's internal address. The fence still holds: the
// container cannot reach a server in a network namespace this file makes (198.51.100.236/30: host
// .237, namespace .238), which an ordinary container reaches. Stopping the container closes the
// port; a port already taken fails the rollout with a clear reason; the real agent process gives
// the port back after a restart and closes it when it stops.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { deployService, serviceContainerAction } from "@/lib/agents";
import { createService, ServiceCreateSchema } from "@/lib/inventory";
import { OFFLINE_NETWORK, type ContainerSummary } from "@/lib/protocol";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker, exec, runHelper } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { actor, addService, changeService, deployAndWait, enrolledAgent, freePort, httpdCommand, meta } from "./helpers/fixtures";
import { startAgent, type AgentProcess } from "./helpers/agent-process";
import { createVethNamespace, type VethNamespace } from "../helpers/veth-namespace";
import { waitUntil } from "./helpers/sse-client";

const PREFIX = "hpt-pb-";
const NC_TIMEOUT_S = 3;
const NETNS = `${PREFIX}out-${process.pid}`;
const VETH_HOST = `hppb${process.pid % 100_000}h`;
const VETH_NS = `hppb${process.pid % 100_000}n`;
/** A /30 no other test file uses (grep 198.51.100. before changing it). */
const HOST_CIDR = "198.51.100.237/30";
const OUTSIDE_IP = "198.51.100.238";
const OUTSIDE_PORT = 8080;
const WAIT_MS = 20_000;
const STACK = `${PREFIX}ai-stack`;
const STACK_NET = `${PREFIX}ai`;

let cp: TestControlPlane;
let image: string;
let hostId: string;
let stateDir: string;
let agent: AgentProcess;
let ns: VethNamespace | null = null;
let outside: ChildProcess | undefined;
let www = "";
let hostPort = 0;
let serviceId = "";

/** GET / on the host's loopback through the bridge: the body, or the error's code when nothing answered. */
async function getVia(port: number): Promise<string> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5_000) });
    return (await r.text()).trim();
  } catch (err) {
    return `failed: ${((err as { cause?: { code?: string } }).cause?.code ?? String(err))}`;
  }
}

/** An HTTP GET over nc from inside a container; the body, or "" when nothing answered. */
async function ncGet(c: Docker.Container, ip: string, port: number): Promise<string> {
  const r = await exec(c, ["sh", "-c", `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w ${NC_TIMEOUT_S} ${ip} ${port}`]);
  return /^HTTP\/1\.[01] 200/.test(r.output) ? r.output.split("\r\n\r\n").slice(1).join("").trim() : "";
}

/** The ports the dashboard has for the service's running container (ContainerState.ports). */
async function dashboardPorts(): Promise<ContainerSummary["ports"]> {
  const row = await cp.t.db.containerState.findFirst({ where: { serviceId, state: "running" } });
  return row ? (JSON.parse(row.ports) as ContainerSummary["ports"]) : [];
}

const fenced = () => docker.getContainer(`${PREFIX}ai`);

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  ns = await createVethNamespace({ netns: NETNS, vethHost: VETH_HOST, vethNs: VETH_NS, hostCidr: HOST_CIDR, nsIp: OUTSIDE_IP });
  www = mkdtempSync(join(tmpdir(), "hp-pb-www-"));
  writeFileSync(join(www, "index.html"), "outside\n");
  outside = spawn("ip", ["netns", "exec", NETNS, "/bin/busybox", "httpd", "-f", "-p", `${OUTSIDE_IP}:${OUTSIDE_PORT}`, "-h", www], { stdio: "ignore" });
  await waitUntil(async () => (await fetch(`http://${OUTSIDE_IP}:${OUTSIDE_PORT}/`)).ok, 10_000, "the outside server");
  cp = await startTestControlPlane();
  ({ hostId, stateDir, agent } = await enrolledAgent(cp, `${PREFIX}host`));
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image, networks: [STACK_NET] });
  if (outside?.exitCode === null) outside.kill("SIGKILL");
  await ns?.remove();
  if (www) rmSync(www, { recursive: true, force: true });
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

describe("an offline service's published port, served by the agent", () => {
  it("answers HTTP on the host through the bridge, and the dashboard shows the published port", async () => {
    hostPort = await freePort();
    const svc = await addService(cp.t.db, {
      name: `${PREFIX}ai`, image, command: httpdCommand("fenced"), egress: "offline", hostId,
      ports: [{ container: 8080, host: hostPort, hostIp: "127.0.0.1", protocol: "tcp" }],
    });
    serviceId = svc.id;
    const d = await deployAndWait(cp.t.db, svc.id);
    expect(d.status, d.log.join("\n")).toBe("succeeded");
    expect(d.log.join("\n")).toContain(`relays 127.0.0.1:${hostPort}/tcp to the container's port 8080`);

    const info = await fenced().inspect();
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([OFFLINE_NETWORK]);
    expect(info.NetworkSettings.Ports ?? {}).toEqual({}); // Docker itself published nothing
    expect(await getVia(hostPort)).toBe("fenced");
    const ports = await waitUntil(async () => ((await dashboardPorts()).some((p) => p.host === hostPort) ? dashboardPorts() : null), WAIT_MS, "the bridged port on the dashboard");
    expect(ports).toEqual([{ container: 8080, host: hostPort, hostIp: "127.0.0.1", protocol: "tcp" }]);
  }, 120_000);

  it("the fence holds: the container still cannot reach a server that an ordinary container reaches", async () => {
    const open = await runHelper(PREFIX, image, "open", ["sleep", "300"]);
    expect(await ncGet(open, OUTSIDE_IP, OUTSIDE_PORT)).toBe("outside"); // the control: the server answers
    expect(await ncGet(fenced(), OUTSIDE_IP, OUTSIDE_PORT)).toBe("");
  }, 60_000);

  it("stopping the container closes the port; starting it opens it again", async () => {
    const stopped = await serviceContainerAction(cp.t.db, serviceId, "stop", actor, meta);
    expect(stopped.container?.state).toBe("exited");
    expect(await getVia(hostPort)).toBe("failed: ECONNREFUSED");
    const started = await serviceContainerAction(cp.t.db, serviceId, "start", actor, meta);
    expect(started.container?.state).toBe("running");
    expect(await waitUntil(async () => ((await getVia(hostPort)) === "fenced" ? "fenced" : null), WAIT_MS, "the port again")).toBe("fenced");
  }, 60_000);

  it("a new version takes the port over (the old container stops first, as for a port Docker publishes)", async () => {
    await changeService(cp.t.db, serviceId, { command: httpdCommand("fenced-v2") });
    const d = await deployAndWait(cp.t.db, serviceId);
    expect(d.status, d.log.join("\n")).toBe("succeeded");
    expect(d.log.join("\n")).toMatch(/stopping .* first: it holds a host port/);
    expect(await getVia(hostPort)).toBe("fenced-v2");
    const info = await fenced().inspect();
    const described = await cp.hub.requireSession(hostId).request("container/describe", { containerId: info.Id });
    expect(described.ports).toContainEqual({ container: "8080/tcp", host: `127.0.0.1:${hostPort}` });
  }, 120_000);

  it("a host port already taken fails the rollout with the reason, and leaves nothing running", async () => {
    const squatter: Server = createServer((s) => s.end("squatter\n"));
    const taken = await new Promise<number>((r) => squatter.listen(0, "127.0.0.1", () => r((squatter.address() as { port: number }).port)));
    try {
      const svc = await addService(cp.t.db, {
        name: `${PREFIX}clash`, image, command: httpdCommand("clash"), egress: "offline", hostId,
        ports: [{ container: 8080, host: taken, hostIp: "127.0.0.1", protocol: "tcp" }],
      });
      const d = await deployAndWait(cp.t.db, svc.id);
      expect(d.status).toBe("failed");
      expect(d.error).toContain(`could not publish 127.0.0.1:${taken}/tcp: the address is already in use`);
      expect((await docker.listContainers({ filters: { name: [`${PREFIX}clash`] } })).length).toBe(0);
      expect(await getVia(hostPort)).toBe("fenced-v2"); // the agent carries on
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  }, 120_000);
});

describe("a stack's service on the stack's internal network (as the Open WebUI template installs it)", () => {
  it("answers on its published port through the bridge", async () => {
    const stackId = (await cp.t.db.stack.create({ data: { name: STACK, compose: "services: {}\n", hostId } })).id;
    const port = await freePort();
    const input = ServiceCreateSchema.parse({
      name: `${PREFIX}webui`, image, hostId, command: httpdCommand("webui"), egress: "offline",
      ports: [{ container: 8080, host: port, hostIp: "127.0.0.1", protocol: "tcp" }],
    });
    const svc = await createService(cp.t.db, input, actor, meta, { stack: { id: stackId, service: "webui" } });
    const started = await deployService(cp.t.db, svc.id, { pull: false, stack: { stackId, stack: STACK, networks: [{ name: STACK_NET, aliases: ["webui"], internal: true }] } }, actor, meta);
    const d = await started.finished;
    expect(d.status, d.log.join("\n")).toBe("succeeded");
    expect(Object.keys((await docker.getContainer(`${PREFIX}webui`).inspect()).NetworkSettings.Networks)).toEqual([STACK_NET]);
    expect(await getVia(port)).toBe("webui");
  }, 120_000);
});

describe("the real agent process", () => {
  it("closes the port when it stops and restores it from the running container when it starts again", async () => {
    await agent.kill("SIGTERM");
    expect(await getVia(hostPort)).toBe("failed: ECONNREFUSED");
    expect((await fenced().inspect()).State.Running).toBe(true); // the service itself kept running

    const restartedAt = new Date();
    agent = startAgent(["--server", cp.url, "--state-dir", stateDir]);
    await waitUntil(async () => cp.hub.isOnline(hostId), WAIT_MS, "the agent to reconnect");
    expect(await getVia(hostPort)).toBe("fenced-v2");
    // The first snapshot of the new process already lists the bridged port.
    const row = await waitUntil(() => cp.t.db.containerState.findFirst({ where: { serviceId, state: "running", observedAt: { gte: restartedAt } } }), WAIT_MS, "the new snapshot");
    expect(JSON.parse(row.ports)).toEqual([{ container: 8080, host: hostPort, hostIp: "127.0.0.1", protocol: "tcp" }]);
  }, 60_000);
});
