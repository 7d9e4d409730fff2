// The agent's TCP connect scan (scan/tcp) as the control plane asks for it over the real protocol:
// open, closed and filtered ports on loopback and in a network namespace this test creates (a
// DROP rule makes the filtered one), the rate it is held to, and --deny-scan refused by the agent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { connect, createServer, type Server } from "node:net";
import { promisify } from "node:util";
import { AgentRequestError } from "@/lib/agents";
import { scanRequestTimeoutMs } from "@/lib/protocol";
import { createVethNamespace, type VethNamespace } from "../helpers/veth-namespace";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { enrolledAgent, freePort } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";
import type { AgentProcess } from "./helpers/agent-process";

const run = promisify(execFile);
const NETNS = "hpt-scan-ns";
const VETH_HOST = "hpscanh0";
const VETH_NS = "hpscann0";
const HOST_CIDR = "198.51.100.213/30";
const NS_IP = "198.51.100.214";
const NS_OPEN = 18080;
const NS_CLOSED = 18081;
const NS_DROPPED = 18082;

let cp: TestControlPlane;
let scanner: { hostId: string; agent: AgentProcess };
let denied: { hostId: string; agent: AgentProcess };
let ns: VethNamespace | undefined;
let nsListener: ChildProcess | undefined;
let local: Server;
let localOpen: number;
let localClosed: number;

beforeAll(async () => {
  cp = await startTestControlPlane();
  scanner = await enrolledAgent(cp, "hpt-scan-lan");
  denied = await enrolledAgent(cp, "hpt-scan-denied", ["--deny-scan"]);
  local = createServer((s) => s.end());
  await new Promise<void>((r) => local.listen(0, "127.0.0.1", r));
  localOpen = (local.address() as { port: number }).port;
  localClosed = await freePort();
  ns = await createVethNamespace({ netns: NETNS, vethHost: VETH_HOST, vethNs: VETH_NS, hostCidr: HOST_CIDR, nsIp: NS_IP });
  // One listener in the namespace on the open port and on the dropped one; a DROP rule hides the latter.
  const listen = `const net = require("node:net"); for (const p of [${NS_OPEN}, ${NS_DROPPED}]) net.createServer((s) => s.end()).listen(p, "${NS_IP}");`;
  nsListener = spawn("ip", ["netns", "exec", NETNS, process.execPath, "-e", listen], { stdio: "ignore" });
  await run("ip", ["netns", "exec", NETNS, "nft", "add table inet hpt_scan"]);
  await run("ip", ["netns", "exec", NETNS, "nft", "add chain inet hpt_scan input { type filter hook input priority 0 ; policy accept ; }"]);
  await run("ip", ["netns", "exec", NETNS, "nft", `add rule inet hpt_scan input tcp dport ${NS_DROPPED} drop`]);
  await waitUntil(async () => (await probe(NS_IP, NS_OPEN)) === "open", 10_000, "the namespace listener");
  await waitUntil(async () => (await cp.t.db.host.findUniqueOrThrow({ where: { id: denied.hostId } })).agentPolicy, 10_000, "the denied agent's policy");
}, 120_000);

afterAll(async () => {
  nsListener?.kill("SIGKILL");
  await ns?.remove();
  await new Promise<void>((r) => (local ? local.close(() => r()) : r()));
  await scanner?.agent.kill("SIGKILL");
  await denied?.agent.kill("SIGKILL");
  await cp?.close();
}, 60_000);

/** A plain connect from the test itself, to check the set-up. */
function probe(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const t = setTimeout(() => { s.destroy(); resolve("silent"); }, 1000);
    s.once("connect", () => { clearTimeout(t); s.destroy(); resolve("open"); });
    s.once("error", (e: NodeJS.ErrnoException) => { clearTimeout(t); resolve(e.code ?? "error"); });
  });
}

const scan = (hostId: string, params: { targets: string[]; ports: number[]; ratePerSec: number; connectTimeoutMs: number }) =>
  cp.hub.session(hostId)!.request("scan/tcp", params, scanRequestTimeoutMs(params));

describe("scan/tcp from a real agent", () => {
  it("tells open, closed and filtered apart on loopback and in a namespace", async () => {
    const r = await scan(scanner.hostId, { targets: ["127.0.0.1", NS_IP], ports: [localOpen, localClosed, NS_OPEN, NS_CLOSED, NS_DROPPED], ratePerSec: 100, connectTimeoutMs: 800 });
    const byAddress = new Map(r.results.map((x) => [x.address, x]));
    expect(byAddress.get("127.0.0.1")).toMatchObject({ open: [localOpen] });
    expect(byAddress.get(NS_IP)).toEqual({ address: NS_IP, open: [NS_OPEN], closed: 3, filtered: 1 });
    // The filtered port cost one connect timeout, not more.
    expect(r.durationMs).toBeGreaterThanOrEqual(800);
  });

  it("keeps to the asked rate: 200 attempts at 100 per second take about two seconds", async () => {
    const ports = Array.from({ length: 200 }, (_, i) => 20000 + i);
    const started = Date.now();
    const r = await scan(scanner.hostId, { targets: ["127.0.0.1"], ports, ratePerSec: 100, connectTimeoutMs: 500 });
    expect(r.results[0]!.closed + r.results[0]!.open.length + r.results[0]!.filtered).toBe(200);
    // A burst of 5 tokens, then 100 per second: at least 1.95 s for 200 attempts.
    expect(r.durationMs).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it("refuses what the protocol bounds: too many targets, a name instead of an address", async () => {
    const tooMany = Array.from({ length: 65 }, (_, i) => `198.51.100.${i + 1}`);
    await expect(scan(scanner.hostId, { targets: tooMany, ports: [1], ratePerSec: 10, connectTimeoutMs: 100 })).rejects.toMatchObject({ code: "invalid_params" });
    await expect(scan(scanner.hostId, { targets: ["example.org"], ports: [1], ratePerSec: 10, connectTimeoutMs: 100 })).rejects.toMatchObject({ code: "invalid_params" });
  });

  it("an agent started with --deny-scan refuses with policy_denied", async () => {
    const err = await scan(denied.hostId, { targets: ["127.0.0.1"], ports: [localOpen], ratePerSec: 10, connectTimeoutMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentRequestError);
    expect((err as AgentRequestError).code).toBe("policy_denied");
    expect((err as AgentRequestError).message).toMatch(/--deny-scan/);
  });
});
