// Agents as vantage points, end to end: a real control-plane hub and two real agent processes,
// each inside a network namespace this test creates — "lan" reaches the target HTTP server,
// "remote" has no route to it. The hub pushes each agent its schedule (lan/remote from the Host
// row), the agents probe with the engine and push results; the check turns "degraded" with the
// remote cell's error class, results carry a timing breakdown, and the incident names the
// remote vantage. Agents run without Docker (DOCKER_HOST points nowhere).
//
// Addresses: 192.0.2.0/24 and 198.51.100.0/24 exist only inside the namespaces (helpers/netns);
// each agent namespace gets a point-to-point link to the root namespace in 203.0.113.0/24, where
// the test binds the hub. No namespace has a default route, so nothing leaves these links.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createNamespaces, netnsAvailable, type Namespaces } from "./helpers/netns";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { actor, freePort, meta } from "../agents/helpers/fixtures";
import { waitUntil } from "../agents/helpers/sse-client";
import { createEnrollmentToken, exchangeEnrollmentToken } from "@/lib/agents";
import { CheckCreateSchema, createCheck, getMatrix, listIncidents, listVantages, updateCheck } from "@/lib/probes";
import { AGENT_WS_PATH } from "@/lib/protocol";
import { saveCredentials } from "@/agents/credentials";

const TARGET_PORT = 8080;
const TARGET_SERVER = `require("node:http").createServer((q, s) => s.end("hello from the LAN target")).listen(${TARGET_PORT}, "192.0.2.1", () => console.log("ready"))`;
/**
 * One /29 of 203.0.113.128/25 per test process (two /30 links), so parallel runs do not collide;
 * the lower half is the routes test bed's (test/testbed).
 */
const BLOCK = 128 + 8 * (process.pid % 16);
const HUB_IP = `203.0.113.${BLOCK + 1}`;
const LAN_UPLINK_IP = `203.0.113.${BLOCK + 2}`;
const REMOTE_GW_IP = `203.0.113.${BLOCK + 5}`;
const REMOTE_UPLINK_IP = `203.0.113.${BLOCK + 6}`;
const TAG = `${process.pid % 100000}`;
const ROOT_LINKS = [`hpv-l-${TAG}`, `hpv-r-${TAG}`];

const available = await netnsAvailable();
let ns: Namespaces | undefined;
let cp: TestControlPlane | undefined;
let agentServer: Server | undefined;
let hubUrl = "";
const agents: { child: ChildProcess; out: () => string }[] = [];
const stateDirs: string[] = [];
const hosts = { lan: "", remote: "" };

function removeRootLinks(): void {
  for (const link of ROOT_LINKS) {
    try {
      execFileSync("ip", ["link", "del", link], { stdio: "ignore" });
    } catch {
      // Already gone with its namespace end.
    }
  }
}

function killAgents(): void {
  for (const a of agents) if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill("SIGKILL");
}

/** A point-to-point link from the root namespace into `netns`; the root end holds `rootIp`. */
function uplink(netns: string, rootLink: string, rootIp: string, nsIp: string): void {
  const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });
  ip("link", "add", rootLink, "type", "veth", "peer", "name", "up0", "netns", netns);
  ip("addr", "add", `${rootIp}/30`, "dev", rootLink);
  ip("link", "set", rootLink, "up");
  ip("-n", netns, "addr", "add", `${nsIp}/30`, "dev", "up0");
  ip("-n", netns, "link", "set", "up0", "up");
}

/** Enrolls a host as the dashboard would, with its vantage kind set before the agent first connects. */
async function enrollHost(name: string, vantage: "lan" | "remote"): Promise<{ hostId: string; stateDir: string }> {
  const { token } = await createEnrollmentToken(cp!.t.db, { name }, hubUrl, actor, meta);
  const creds = await exchangeEnrollmentToken(cp!.t.db, { token, hostname: name, agentVersion: "test" }, meta);
  await cp!.t.db.host.update({ where: { id: creds.agentId }, data: { vantage } });
  const stateDir = mkdtempSync(join(tmpdir(), "homeport-vantage-"));
  stateDirs.push(stateDir);
  saveCredentials(stateDir, { ...creds, server: hubUrl, enrolledAt: new Date().toISOString() });
  return { hostId: creds.agentId, stateDir };
}

/** The real agent program, run inside a namespace. */
function startAgentIn(netns: string, stateDir: string, name: string): void {
  const child = spawn("ip", ["netns", "exec", netns, process.execPath, "--import", "tsx", resolve("agents/main.ts"), "--server", hubUrl, "--state-dir", stateDir, "--name", name], {
    cwd: resolve("."),
    env: { ...process.env, DOCKER_HOST: "unix:///nonexistent/docker.sock", HOMEPORT_LOG_SILENT: "0", HOMEPORT_LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (b: Buffer) => (out = (out + b.toString("utf8")).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  agents.push({ child, out: () => out });
}

const agentOutput = () => agents.map((a, i) => `--- agent ${i}\n${a.out()}`).join("\n");

beforeAll(async () => {
  if (!available) return;
  process.once("exit", () => {
    killAgents();
    removeRootLinks();
  });
  removeRootLinks(); // leftovers of a crashed run with the same pid tag
  ns = await createNamespaces();
  await ns.start(ns.target, [process.execPath, "-e", TARGET_SERVER], "ready");
  uplink(ns.lan, ROOT_LINKS[0]!, HUB_IP, LAN_UPLINK_IP);
  uplink(ns.remote, ROOT_LINKS[1]!, REMOTE_GW_IP, REMOTE_UPLINK_IP);
  // The remote namespace reaches the hub's address through its own link, and nothing else.
  execFileSync("ip", ["-n", ns.remote, "route", "add", `${HUB_IP}/32`, "via", REMOTE_GW_IP], { stdio: "pipe" });

  cp = await startTestControlPlane();
  // The same hub, also listening on the root end of the lan link (agents reach it from there).
  const port = await freePort();
  const hub = cp.hub;
  agentServer = createServer((_req, res) => res.writeHead(404).end());
  agentServer.on("upgrade", (req, socket, head) => {
    if ((req.url ?? "").split("?")[0] === AGENT_WS_PATH) void hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((r) => agentServer!.listen(port, HUB_IP, r));
  hubUrl = `http://${HUB_IP}:${port}`;

  const lan = await enrollHost("lan-vantage", "lan");
  const remote = await enrollHost("remote-vantage", "remote");
  hosts.lan = lan.hostId;
  hosts.remote = remote.hostId;
  startAgentIn(ns.lan, lan.stateDir, "lan-vantage");
  startAgentIn(ns.remote, remote.stateDir, "remote-vantage");
  await waitUntil(async () => cp!.hub.isOnline(hosts.lan) && cp!.hub.isOnline(hosts.remote), 30_000, "both agents to connect").catch((e: Error) => {
    throw new Error(`${e.message}\n${agentOutput()}`);
  });
  // Each hello made its host a vantage point of the host's kind.
  await waitUntil(async () => (await cp!.t.db.vantagePoint.count({ where: { id: { in: [hosts.lan, hosts.remote] } } })) === 2, 10_000, "both vantage points");
}, 90_000);

afterAll(async () => {
  killAgents();
  await Promise.all(agents.map((a) => (a.child.exitCode === null && a.child.signalCode === null ? new Promise((r) => a.child.once("exit", r)) : undefined)));
  agentServer?.closeAllConnections();
  await new Promise<void>((r) => (agentServer ? agentServer.close(() => r()) : r()));
  await cp?.close();
  ns?.cleanup();
  removeRootLinks();
  for (const d of stateDirs) rmSync(d, { recursive: true, force: true });
}, 30_000);

describe.skipIf(!available)("agents as vantage points (network namespaces)", () => {
  const url = `http://192.0.2.1:${TARGET_PORT}/`;

  it("registers each agent's host as a vantage point with the host's lan/remote kind", async () => {
    const vantages = await listVantages(cp!.t.db);
    expect(vantages.find((v) => v.id === hosts.lan)).toMatchObject({ name: "lan-vantage", kind: "lan" });
    expect(vantages.find((v) => v.id === hosts.remote)).toMatchObject({ name: "remote-vantage", kind: "remote" });
  });

  it("probe/run answers from where each agent stands: the lan reaches the target, remote does not", async () => {
    const spec = { type: "http" as const, target: { url, keyword: "LAN target" } };
    const [lan, remote] = await Promise.all([
      cp!.hub.probes.run(cp!.hub.requireSession(hosts.lan), [{ spec, timeoutMs: 3000 }]),
      cp!.hub.probes.run(cp!.hub.requireSession(hosts.remote), [{ spec, timeoutMs: 3000 }]),
    ]);
    expect(lan.results[0]).toMatchObject({ ok: true, statusCode: 200, errorClass: null });
    expect(lan.results[0]!.timing.connectMs).not.toBeNull();
    expect(lan.results[0]!.timing.firstByteMs).not.toBeNull();
    expect(remote.results[0]).toMatchObject({ ok: false, errorClass: "unreachable" });
  });

  it("checks reach the agents as they change; LAN up + remote down is degraded, with the remote's error class and an incident naming it", async () => {
    // Created after the agents connected: schedules reach them through the checks-changed hook.
    // LAN first, so the incident opens as "degraded" (one that opens while only the remote has
    // reported opens as "down", and turns "degraded" once the LAN reports: its kind follows the check).
    const check = await createCheck(
      cp!.t.db,
      CheckCreateSchema.parse({ name: "app.home.example", type: "http", target: { url, keyword: "LAN target" }, intervalSec: 10, timeoutMs: 3000, retries: 0, vantages: ["kind:lan"] }),
      actor,
      meta,
    );
    const status = async () => (await getMatrix(cp!.t.db, { limit: 10 })).rows.find((x) => x.check.id === check.id)?.status;
    await waitUntil(async () => (await status()) === "up", 30_000, "the LAN agent to report the check up").catch((e: Error) => {
      throw new Error(`${e.message}\n${agentOutput()}`);
    });
    await updateCheck(cp!.t.db, check.id, { vantages: ["kind:lan", "kind:remote"] }, actor, meta);
    const row = await waitUntil(
      async () => {
        const m = await getMatrix(cp!.t.db, { limit: 10 });
        const r = m.rows.find((x) => x.check.id === check.id);
        return r?.status === "degraded" ? { r, vantages: m.vantages } : null;
      },
      30_000,
      "the check to turn degraded",
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${agentOutput()}`);
    });
    const cell = (id: string) => row.r.cells[row.vantages.findIndex((v) => v.id === id)];
    expect(cell(hosts.lan)).toMatchObject({ status: "up" });
    expect(cell(hosts.remote)).toMatchObject({ status: "down", errorClass: "unreachable" });

    // Results arrived with their vantage point and timing breakdown.
    const lanResult = await cp!.t.db.probeResult.findFirst({ where: { checkId: check.id, vantageId: hosts.lan, ok: true } });
    expect(lanResult).toMatchObject({ statusCode: 200, errorClass: null });
    expect(lanResult!.connectMs).not.toBeNull();
    expect(lanResult!.firstByteMs).not.toBeNull();
    expect(lanResult!.latencyMs).not.toBeNull();
    const remoteResult = await cp!.t.db.probeResult.findFirst({ where: { checkId: check.id, vantageId: hosts.remote } });
    expect(remoteResult).toMatchObject({ ok: false, errorClass: "unreachable" });

    const incidents = await listIncidents(cp!.t.db, { limit: 5, checkId: check.id });
    expect(incidents.items[0]).toMatchObject({ kind: "degraded", vantages: [hosts.remote], errorClass: "unreachable", endedAt: null });
    const named = (await listVantages(cp!.t.db)).find((v) => v.id === incidents.items[0]!.vantages[0]);
    expect(named).toMatchObject({ name: "remote-vantage", kind: "remote" });
  }, 75_000);

  it("refuses results for checks a host was not asked to probe", async () => {
    const before = await cp!.t.db.probeResult.count();
    const other = await cp!.t.db.check.create({ data: { name: "not scheduled here", type: "tcp", target: JSON.stringify({ host: "192.0.2.1", port: 1 }), vantages: JSON.stringify([hosts.lan]), enabled: true } });
    cp!.hub.probes.onResults(hosts.remote, {
      results: [{ checkId: other.id, at: new Date().toISOString(), ok: false, errorClass: "refused", message: "forged", latencyMs: 1, timing: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null }, statusCode: null, tls: null, answers: null, fingerprint: null }],
    });
    await cp!.hub.probes.settled();
    expect(await cp!.t.db.probeResult.count({ where: { checkId: other.id } })).toBe(0);
    expect(await cp!.t.db.probeResult.count()).toBeGreaterThanOrEqual(before);
  });
});
