// A stack's private networks on a real engine: its services, deployed at the same time, land on
// the stack's own network (created once, labelled, not the default bridge) and find each other by
// alias; an internal network has no way out, proven against a server in a network namespace this
// file creates (reachable from the stack's ordinary network, not from the internal one). The agent
// refuses networks a spec must not have, lists the stack's networks and volumes, and removes only
// the ones Homeport made, once nothing uses them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { AgentRequestError, deployService, type DeploymentView } from "@/lib/agents";
import { createService, ServiceCreateSchema, type ServiceCreateInput, type ServiceView } from "@/lib/inventory";
import { LABELS, type NetworkAttachment, type ServiceSpec } from "@/lib/protocol";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker, exec } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { actor, enrolledAgent, httpdCommand, meta } from "./helpers/fixtures";
import { createVethNamespace, type VethNamespace } from "../helpers/veth-namespace";
import { waitUntil } from "./helpers/sse-client";
import type { AgentProcess } from "./helpers/agent-process";

const PREFIX = "hpt-sn-";
const STACK = `${PREFIX}lab`;
const NET = `${PREFIX}net`;
const BACKEND = `${PREFIX}backend`;
const VOLUME = `${PREFIX}lab-data`;
const PLAIN_NET = `${PREFIX}plain-net`;
const PLAIN_VOLUME = `${PREFIX}plain-vol`;
const NC_TIMEOUT_S = 3;

/** The outside server: a veth into a namespace of our own, on a /30 no other test uses in the root namespace. */
const NETNS = `${PREFIX}out-${process.pid}`;
const VETH_HOST = `hpsn${process.pid % 100_000}h`;
const VETH_NS = `hpsn${process.pid % 100_000}n`;
const HOST_ADDR = "198.51.100.245/30";
const OUTSIDE_IP = "198.51.100.246";
const OUTSIDE_PORT = 8080;


let cp: TestControlPlane;
let image: string;
let hostId: string;
let agent: AgentProcess;
let stackId: string;
let www: string;
let outside: ChildProcess | undefined;

let outsideNs: VethNamespace | null = null;

async function removeNamespace(): Promise<void> {
  await outsideNs?.remove();
}

async function startOutsideServer(): Promise<void> {
  outsideNs = await createVethNamespace({ netns: NETNS, vethHost: VETH_HOST, vethNs: VETH_NS, hostCidr: HOST_ADDR, nsIp: OUTSIDE_IP });
  www = mkdtempSync(join(tmpdir(), "hp-sn-www-"));
  writeFileSync(join(www, "index.html"), "outside\n");
  outside = spawn("ip", ["netns", "exec", NETNS, "/bin/busybox", "httpd", "-f", "-p", `${OUTSIDE_IP}:${OUTSIDE_PORT}`, "-h", www], { stdio: "ignore" });
  await waitUntil(async () => (await fetch(`http://${OUTSIDE_IP}:${OUTSIDE_PORT}/`)).ok, 10_000, "the outside server");
}

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  await startOutsideServer();
  cp = await startTestControlPlane();
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`));
  stackId = (await cp.t.db.stack.create({ data: { name: STACK, compose: "services: {}\n", hostId } })).id;
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image, networks: [NET, BACKEND, PLAIN_NET] });
  for (const v of [VOLUME, PLAIN_VOLUME]) await docker.getVolume(v).remove().catch(() => undefined);
  if (outside?.exitCode === null) outside.kill("SIGKILL");
  await removeNamespace();
  if (www) rmSync(www, { recursive: true, force: true });
}, 60_000);

const net = (name: string, aliases: string[], internal = false): NetworkAttachment => ({ name, aliases, internal });

async function stackService(key: string, input: Partial<ServiceCreateInput>): Promise<ServiceView> {
  const parsed = ServiceCreateSchema.parse({ name: `${PREFIX}${key}`, image, hostId, command: httpdCommand(key), ...input });
  return createService(cp.t.db, parsed, actor, meta, { stack: { id: stackId, service: key } });
}

async function deployInStack(s: ServiceView, networks: NetworkAttachment[]): Promise<DeploymentView> {
  const { finished } = await deployService(cp.t.db, s.id, { pull: false, stack: { stackId, stack: STACK, networks } }, actor, meta);
  return finished;
}

/** An HTTP GET over nc (static busybox's wget crashes on IP literals); the body, or "" when nothing answered. */
async function ncGet(c: Docker.Container, ipAddr: string, port: number): Promise<string> {
  const r = await exec(c, ["sh", "-c", `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w ${NC_TIMEOUT_S} ${ipAddr} ${port}`]);
  return /^HTTP\/1\.[01] 200/.test(r.output) ? r.output.split("\r\n\r\n").slice(1).join("").trim() : "";
}

/** Static busybox's wget resolves names through Docker's DNS fine, but crashes with -T (so exec's own timeout bounds it). */
const wgetByName = (c: Docker.Container, host: string) => exec(c, ["wget", "-q", "-O-", `http://${host}:8080/`]);
const container = (key: string) => docker.getContainer(`${PREFIX}${key}`);
const failedWith = (d: DeploymentView) => `${d.error}\n${d.log.join("\n")}`;

describe("a stack's services on its own networks", () => {
  it("deployed at the same time, they share one network created for the stack, not the default bridge", async () => {
    const db = await stackService("db", { volumes: [{ source: VOLUME, target: "/data", readOnly: false }] });
    const web = await stackService("web", {});
    const [d1, d2] = await Promise.all([deployInStack(db, [net(NET, ["db"])]), deployInStack(web, [net(NET, ["web"]), net(BACKEND, ["web"], true)])]);
    expect(d1.status, failedWith(d1)).toBe("succeeded");
    expect(d2.status, failedWith(d2)).toBe("succeeded");

    const nets = (await docker.listNetworks()).filter((n) => n.Name === NET);
    expect(nets).toHaveLength(1);
    expect(nets[0]!.Labels).toMatchObject({ [LABELS.managed]: "true", [LABELS.stack]: STACK });
    expect(nets[0]!.Internal).toBe(false);
    expect((await docker.getNetwork(BACKEND).inspect()) as Docker.NetworkInspectInfo).toMatchObject({ Internal: true, Labels: { [LABELS.managed]: "true", [LABELS.stack]: STACK } });

    const dbInfo = await container("db").inspect();
    const webInfo = await container("web").inspect();
    expect(Object.keys(dbInfo.NetworkSettings.Networks)).toEqual([NET]);
    expect(Object.keys(webInfo.NetworkSettings.Networks).sort()).toEqual([BACKEND, NET]);
    expect(dbInfo.NetworkSettings.Networks[NET]!.Aliases).toContain("db");
    expect(dbInfo.Config.Labels[LABELS.stack]).toBe(STACK);

    const vol = await docker.getVolume(VOLUME).inspect();
    expect(vol.Labels).toMatchObject({ [LABELS.managed]: "true", [LABELS.stack]: STACK });
  });

  it("they reach each other by alias", async () => {
    expect(await wgetByName(container("web"), "db")).toEqual({ code: 0, output: "db\n" });
    expect(await wgetByName(container("db"), "web")).toEqual({ code: 0, output: "web\n" });
  });

  it("an internal network has no route out: its service reaches its peer, not the outside server, which the stack's ordinary network reaches", async () => {
    const worker = await stackService("worker", { egress: "offline" });
    const d = await deployInStack(worker, [net(BACKEND, ["worker"], true)]);
    expect(d.status, failedWith(d)).toBe("succeeded");
    expect(Object.keys((await container("worker").inspect()).NetworkSettings.Networks)).toEqual([BACKEND]);

    expect(await ncGet(container("db"), OUTSIDE_IP, OUTSIDE_PORT)).toBe("outside"); // the control: the server answers
    expect(await wgetByName(container("worker"), "web")).toEqual({ code: 0, output: "web\n" });
    expect(await ncGet(container("worker"), OUTSIDE_IP, OUTSIDE_PORT)).toBe("");
  });
});

describe("the agent refuses networks a spec must not have", () => {
  const spec = (over: Partial<ServiceSpec>): ServiceSpec => ({
    serviceId: "sn00000001", name: `${PREFIX}forced`, image, command: httpdCommand("forced"), env: {}, ports: [], volumes: [], healthcheck: null,
    restartPolicy: "no", egress: "open", stack: STACK, ...over,
  });
  const asks: [string, Partial<ServiceSpec>, string, RegExp][] = [
    ["egress offline on a network with a route out", { egress: "offline", networks: [net(NET, [])] }, "invalid_params", /route out/],
    ["the host network by name", { networks: [net("host", [])] }, "invalid_params", /reserved/],
    ["the default bridge by name", { networks: [net("bridge", [])] }, "invalid_params", /reserved/],
    ["a network Homeport did not create", { networks: [net(PLAIN_NET, [])] }, "conflict", /did not create/],
    ["its internal network as one with a route out", { networks: [net(BACKEND, [], false)] }, "conflict", /internal/],
    ["its network for another stack", { stack: `${PREFIX}other`, networks: [net(NET, [])] }, "conflict", new RegExp(`stack ${STACK}`)],
  ];
  beforeAll(async () => {
    await docker.createNetwork({ Name: PLAIN_NET, Driver: "bridge", CheckDuplicate: true, Labels: { [LABELS.test]: PREFIX } });
  });
  for (const [desc, over, code, why] of asks) {
    it(desc, async () => {
      const err = await cp.hub.requireSession(hostId).request("service/apply", { deploymentId: `forced-${Date.now()}`, spec: spec(over), pull: false }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AgentRequestError);
      expect((err as AgentRequestError).code).toBe(code);
      expect((err as Error).message).toMatch(why);
      expect(await docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceId}=sn00000001`] } })).toHaveLength(0);
    });
  }

  it("the server refuses egress offline on a network with a route out before asking the agent", async () => {
    const s = await stackService("leaky", { egress: "offline" });
    const err = await deployService(cp.t.db, s.id, { pull: false, stack: { stackId, stack: STACK, networks: [net(NET, [])] } }, actor, meta).then(() => null, (e: unknown) => e);
    expect((err as { code?: string }).code).toBe("invalid");
    expect(await cp.t.db.deployment.count({ where: { serviceId: s.id } })).toBe(0);
  });
});

describe("a stack's networks and volumes: listed, and removed only when Homeport made them and nothing uses them", () => {
  const session = () => cp.hub.requireSession(hostId);
  const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AgentRequestError);

  it("stack/resources lists them with the containers that use them", async () => {
    const r = await session().request("stack/resources", { stack: STACK });
    expect(r.networks.map((n) => n.name)).toEqual([BACKEND, NET]);
    const netRow = r.networks.find((n) => n.name === NET)!;
    expect(netRow).toMatchObject({ internal: false, inUse: true, labels: { [LABELS.managed]: "true", [LABELS.stack]: STACK } });
    expect(netRow.usedBy.sort()).toEqual([`${PREFIX}db`, `${PREFIX}web`]);
    expect(r.volumes).toEqual([{ name: VOLUME, labels: expect.objectContaining({ [LABELS.stack]: STACK }), inUse: true, usedBy: [`${PREFIX}db`] }]);
    // Another stack's resources, or ones Homeport did not make, are not listed.
    expect(await session().request("stack/resources", { stack: `${PREFIX}other` })).toEqual({ networks: [], volumes: [] });
  });

  it("refuses unmanaged and missing ones, and managed ones still in use", async () => {
    await docker.createVolume({ Name: PLAIN_VOLUME, Labels: { [LABELS.test]: PREFIX } });
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [() => session().request("network/remove", { name: PLAIN_NET }), "not_managed", /not created by Homeport/],
      [() => session().request("volume/remove", { name: PLAIN_VOLUME }), "not_managed", /not created by Homeport/],
      [() => session().request("network/remove", { name: `${PREFIX}missing` }), "not_found", /does not exist/],
      [() => session().request("volume/remove", { name: `${PREFIX}missing` }), "not_found", /does not exist/],
      [() => session().request("network/remove", { name: NET }), "conflict", new RegExp(`in use by .*${PREFIX}db`)],
      [() => session().request("volume/remove", { name: VOLUME }), "conflict", new RegExp(`in use by ${PREFIX}db`)],
    ];
    for (const [ask, code, why] of cases) {
      const e = await refusal(ask());
      expect(e, `${code}`).toBeInstanceOf(AgentRequestError);
      expect(e!.code).toBe(code);
      expect(e!.message).toMatch(why);
    }
    expect(await docker.getNetwork(PLAIN_NET).inspect()).toMatchObject({ Name: PLAIN_NET });
    expect(await docker.getVolume(PLAIN_VOLUME).inspect()).toMatchObject({ Name: PLAIN_VOLUME });
    expect(await docker.getVolume(VOLUME).inspect()).toMatchObject({ Name: VOLUME });
  });

  it("removes managed ones once their containers are gone", async () => {
    // A stopped container still holds its network and volume.
    await container("db").stop({ t: 1 });
    expect((await refusal(session().request("volume/remove", { name: VOLUME })))?.code).toBe("conflict");
    for (const key of ["db", "web", "worker"]) await session().request("container/remove", { containerId: `${PREFIX}${key}` });
    expect(await session().request("network/remove", { name: NET })).toEqual({ name: NET });
    expect(await session().request("network/remove", { name: BACKEND })).toEqual({ name: BACKEND });
    expect(await session().request("volume/remove", { name: VOLUME })).toEqual({ name: VOLUME });
    expect((await docker.listNetworks()).map((n) => n.Name)).not.toContain(NET);
    expect((await docker.listVolumes()).Volumes.map((v) => v.Name)).not.toContain(VOLUME);
    expect(await session().request("stack/resources", { stack: STACK })).toEqual({ networks: [], volumes: [] });
  });
});
