import { afterEach, describe, expect, it } from "vitest";
import { createServer, connect, type Server, type Socket } from "node:net";
import { createSocket } from "node:dgram";
import type Docker from "dockerode";
import { LABELS, type ContainerSummary } from "@/lib/protocol";
import { PortBridges, bridgeWantOf, wantedPorts } from "./port-bridge";
import { DEFAULT_LIMITS } from "./port-bridge-listeners";

const ID = "a".repeat(64);
const INTERNAL = "net-internal";
const OPEN = "net-open";

interface Fake {
  running?: boolean;
  managed?: boolean;
  nets?: Record<string, { id: string; ip: string }>;
  bindings?: Record<string, { HostIp: string; HostPort: string }[] | null>;
}

function inspectOf(f: Fake): Docker.ContainerInspectInfo {
  const nets = f.nets ?? { offline: { id: INTERNAL, ip: "127.0.0.1" } };
  return {
    Id: ID,
    State: { Running: f.running ?? true, Status: f.running === false ? "exited" : "running" },
    Config: { Labels: f.managed === false ? {} : { [LABELS.managed]: "true", [LABELS.serviceId]: "svc1" } },
    HostConfig: { PortBindings: f.bindings ?? {} },
    NetworkSettings: { Networks: Object.fromEntries(Object.entries(nets).map(([name, n]) => [name, { NetworkID: n.id, IPAddress: n.ip, GlobalIPv6Address: "" }])) },
  } as unknown as Docker.ContainerInspectInfo;
}

/** A dockerode stand-in: one container whose inspect the test changes, two networks (one internal). */
function fakeDocker(state: { container: Fake | null }): Docker {
  return {
    getContainer: () => ({
      inspect: async () => {
        if (!state.container) throw Object.assign(new Error("no such container"), { statusCode: 404 });
        return inspectOf(state.container);
      },
    }),
    getNetwork: (id: string) => ({ inspect: async () => ({ Id: id, Internal: id === INTERNAL }) }),
    listContainers: async () => (state.container?.running === false || !state.container ? [] : [{ Id: ID }]),
  } as unknown as Docker;
}

async function listen(server: Server, host: string, port = 0): Promise<number> {
  await new Promise<void>((r) => server.listen(port, host, r));
  return (server.address() as { port: number }).port;
}

/** A TCP server that answers every line with `<name>:<line>`. */
function namedEcho(name: string): Server {
  return createServer((s) => s.on("data", (b) => s.write(`${name}:${b.toString()}`)));
}

async function freePort(): Promise<number> {
  const s = createServer();
  const p = await listen(s, "127.0.0.1");
  await new Promise((r) => s.close(r));
  return p;
}

/** Sends `text` and resolves with the first answer, or "closed" if the bridge hung up first. */
function ask(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const s: Socket = connect(port, "127.0.0.1");
    s.once("data", (b) => { resolve(b.toString()); s.destroy(); });
    s.once("error", () => resolve("closed"));
    s.once("close", () => resolve("closed"));
    s.write(text);
  });
}

const summary = (over: Partial<ContainerSummary> = {}): ContainerSummary => ({
  id: ID, name: "ai", image: "x", state: "running", status: "Up", health: null, exitCode: null, managed: true,
  serviceId: "svc1", specHash: "h", ports: [], startedAt: null, ...over,
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function track(server: Server): Server {
  cleanups.push(() => new Promise((r) => server.close(r)));
  return server;
}

describe("which containers need the bridge", () => {
  const tcp = (host: string) => ({ "80/tcp": [{ HostIp: "127.0.0.1", HostPort: host }] });
  it("a running managed container on internal networks only, with published ports", () => {
    expect(bridgeWantOf(inspectOf({ bindings: tcp("8080") }), (id) => id === INTERNAL)).toEqual({
      target: "127.0.0.1",
      ports: [{ container: 80, protocol: "tcp", hostIp: "127.0.0.1", hostPort: 8080 }],
    });
  });
  it("not one with a route out (Docker publishes those), stopped, unmanaged, or publishing nothing", () => {
    const internal = (id: string) => id === INTERNAL;
    expect(bridgeWantOf(inspectOf({ bindings: tcp("8080"), nets: { a: { id: INTERNAL, ip: "10.0.0.2" }, b: { id: OPEN, ip: "10.1.0.2" } } }), internal)).toBeNull();
    expect(bridgeWantOf(inspectOf({ bindings: tcp("8080"), running: false }), internal)).toBeNull();
    expect(bridgeWantOf(inspectOf({ bindings: tcp("8080"), managed: false }), internal)).toBeNull();
    expect(bridgeWantOf(inspectOf({ bindings: { "80/tcp": null } }), internal)).toBeNull();
  });
  it("leaves to Docker a port it published itself (an engine that maps ports on internal networks)", () => {
    const info = inspectOf({ bindings: { ...tcp("8080"), "81/tcp": [{ HostIp: "127.0.0.1", HostPort: "8081" }] } });
    info.NetworkSettings.Ports = { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }], "81/tcp": null } as unknown as typeof info.NetworkSettings.Ports;
    expect(bridgeWantOf(info, (id) => id === INTERNAL)?.ports).toEqual([{ container: 81, protocol: "tcp", hostIp: "127.0.0.1", hostPort: 8081 }]);
  });
  it("reads every binding, an empty host port as any port, and skips ranges", () => {
    const info = inspectOf({ bindings: { "53/udp": [{ HostIp: "", HostPort: "5353" }], "80/tcp": [{ HostIp: "", HostPort: "" }], "90/tcp": [{ HostIp: "", HostPort: "9000-9010" }] } });
    expect(wantedPorts(info)).toEqual([
      { container: 53, protocol: "udp", hostIp: "", hostPort: 5353 },
      { container: 80, protocol: "tcp", hostIp: "", hostPort: 0 },
    ]);
  });
});

describe("the bridge relays what the LAN opens, and stops when the container does", () => {
  it("relays TCP to the container's address, reports the port, and closes it on stop", async () => {
    const upstream = track(namedEcho("svc"));
    const containerPort = await listen(upstream, "127.0.0.1");
    const hostPort = await freePort();
    const state: { container: Fake | null } = { container: { bindings: { [`${containerPort}/tcp`]: [{ HostIp: "127.0.0.1", HostPort: String(hostPort) }] } } };
    const docker = fakeDocker(state);
    const bridges = new PortBridges();
    cleanups.push(() => bridges.closeAll());

    const out = await bridges.sync(docker, ID);
    expect(out.failed).toEqual([]);
    expect(out.bridged).toEqual([{ container: containerPort, host: hostPort, hostIp: "127.0.0.1", protocol: "tcp" }]);
    expect(await ask(hostPort, "hello")).toBe("svc:hello");
    expect(bridges.decorate(summary()).ports).toEqual(out.bridged);
    expect(PortBridges.describe(out).join("\n")).toMatch(new RegExp(`127\\.0\\.0\\.1:${hostPort}/tcp`));

    state.container = { ...state.container!, running: false };
    expect((await bridges.sync(docker, ID)).bridged).toEqual([]);
    expect(await ask(hostPort, "hello")).toBe("closed");
    expect(bridges.decorate(summary()).ports).toEqual([]);
  });

  it("moves to the container's new address, and syncAll drops containers that are gone", async () => {
    const a = track(namedEcho("old"));
    const port = await listen(a, "127.0.0.1");
    const b = track(namedEcho("new"));
    await listen(b, "127.0.0.2", port);
    const hostPort = await freePort();
    const bindings = { [`${port}/tcp`]: [{ HostIp: "127.0.0.1", HostPort: String(hostPort) }] };
    const state: { container: Fake | null } = { container: { bindings, nets: { offline: { id: INTERNAL, ip: "127.0.0.1" } } } };
    const docker = fakeDocker(state);
    const bridges = new PortBridges();
    cleanups.push(() => bridges.closeAll());
    await bridges.syncAll(docker);
    expect(await ask(hostPort, "x")).toBe("old:x");
    state.container = { bindings, nets: { offline: { id: INTERNAL, ip: "127.0.0.2" } } };
    await bridges.sync(docker, ID);
    expect(await ask(hostPort, "x")).toBe("new:x");
    state.container = null;
    await bridges.syncAll(docker);
    expect(await ask(hostPort, "x")).toBe("closed");
  });

  it("a port already taken is reported (log line, container status) and the other ports still open", async () => {
    const upstream = track(namedEcho("svc"));
    const containerPort = await listen(upstream, "127.0.0.1");
    const squatter = createServer();
    const taken = await listen(squatter, "127.0.0.1");
    const free = await freePort();
    const state = { container: { bindings: { [`${containerPort}/tcp`]: [{ HostIp: "127.0.0.1", HostPort: String(taken) }, { HostIp: "127.0.0.1", HostPort: String(free) }] } } };
    const bridges = new PortBridges();
    cleanups.push(() => bridges.closeAll());
    const out = await bridges.sync(fakeDocker(state), ID);
    expect(out.failed).toEqual([{ port: { container: containerPort, protocol: "tcp", hostIp: "127.0.0.1", hostPort: taken }, error: "the address is already in use" }]);
    expect(out.bridged.map((p) => p.host)).toEqual([free]);
    expect(PortBridges.describe(out).join("\n")).toMatch(new RegExp(`could not publish 127\\.0\\.0\\.1:${taken}/tcp: the address is already in use`));
    expect(bridges.decorate(summary()).status).toMatch(new RegExp(`^Up · not published: 127\\.0\\.0\\.1:${taken}/tcp`));
    expect(await ask(free, "ok")).toBe("svc:ok");

    // Once the other program lets the port go, the retry takes it and the note goes away.
    await new Promise((r) => squatter.close(r));
    expect(await bridges.retryFailed(fakeDocker(state))).toBe(true);
    expect(await ask(taken, "now")).toBe("svc:now");
    expect(bridges.decorate(summary()).status).toBe("Up");
    expect(await bridges.retryFailed(fakeDocker(state))).toBe(false);
  });

  it("refuses connections over the cap and closes idle ones", async () => {
    const upstream = track(namedEcho("svc"));
    const containerPort = await listen(upstream, "127.0.0.1");
    const hostPort = await freePort();
    const state = { container: { bindings: { [`${containerPort}/tcp`]: [{ HostIp: "127.0.0.1", HostPort: String(hostPort) }] } } };
    const bridges = new PortBridges({ ...DEFAULT_LIMITS, maxConnections: 2, idleMs: 300 });
    cleanups.push(() => bridges.closeAll());
    await bridges.sync(fakeDocker(state), ID);
    const held = [connect(hostPort, "127.0.0.1"), connect(hostPort, "127.0.0.1")];
    const closed = held.map((s) => new Promise<boolean>((r) => s.once("close", () => r(true))));
    for (const s of held) s.on("error", () => undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect(await ask(hostPort, "third")).toBe("closed");
    // The two silent connections are hung up on by the bridge (we never close them ourselves).
    expect(await Promise.all(closed)).toEqual([true, true]);
    expect(await ask(hostPort, "again")).toBe("svc:again"); // the idle ones were let go, so there is room
  });

  it("relays UDP datagrams and their replies", async () => {
    const echo = createSocket("udp4");
    echo.on("message", (m, from) => echo.send(`svc:${m.toString()}`, from.port, from.address));
    await new Promise<void>((r) => echo.bind(0, "127.0.0.1", r));
    cleanups.push(() => new Promise((r) => echo.close(() => r(undefined))));
    const hostPort = await freePort();
    const state = { container: { bindings: { [`${echo.address().port}/udp`]: [{ HostIp: "127.0.0.1", HostPort: String(hostPort) }] } } };
    const bridges = new PortBridges();
    cleanups.push(() => bridges.closeAll());
    expect((await bridges.sync(fakeDocker(state), ID)).bridged).toEqual([{ container: echo.address().port, host: hostPort, hostIp: "127.0.0.1", protocol: "udp" }]);
    const client = createSocket("udp4");
    cleanups.push(() => new Promise((r) => client.close(() => r(undefined))));
    const reply = new Promise<string>((r) => client.once("message", (m) => r(m.toString())));
    client.send("ping", hostPort, "127.0.0.1");
    expect(await reply).toBe("svc:ping");
  });

  it("a port published on every address (empty host address) answers on IPv4 loopback, reported as 0.0.0.0", async () => {
    const upstream = track(namedEcho("svc"));
    const containerPort = await listen(upstream, "127.0.0.1");
    const hostPort = await freePort();
    const state = { container: { bindings: { [`${containerPort}/tcp`]: [{ HostIp: "", HostPort: String(hostPort) }] } } };
    const bridges = new PortBridges();
    cleanups.push(() => bridges.closeAll());
    expect((await bridges.sync(fakeDocker(state), ID)).bridged).toEqual([{ container: containerPort, host: hostPort, hostIp: "0.0.0.0", protocol: "tcp" }]);
    expect(await ask(hostPort, "any")).toBe("svc:any");
  });

  it("after closeAll nothing listens and nothing new opens", async () => {
    const upstream = track(namedEcho("svc"));
    const containerPort = await listen(upstream, "127.0.0.1");
    const hostPort = await freePort();
    const state = { container: { bindings: { [`${containerPort}/tcp`]: [{ HostIp: "127.0.0.1", HostPort: String(hostPort) }] } } };
    const bridges = new PortBridges();
    await bridges.sync(fakeDocker(state), ID);
    await bridges.closeAll();
    expect(await ask(hostPort, "x")).toBe("closed");
    expect((await bridges.sync(fakeDocker(state), ID)).bridged).toEqual([]);
    expect(await ask(hostPort, "x")).toBe("closed");
  });
});
