// Game day "internet down", for real, inside network namespaces this test creates: a host namespace
// (the agent's) and a peer namespace holding both "the LAN" (198.51.100.0/24) and "the internet"
// (203.0.113.0/24). The fault runs in its own process (gameday-runner.ts) inside the host namespace,
// so the rules, the failsafe and kill -9 are the agent's, and nothing touches this machine's tables.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEADMAN_FILE } from "@/agents/deadman";
import { saveCredentials } from "@/agents/credentials";
import { startAgent } from "./helpers/agent-process";
import { waitUntil } from "./helpers/sse-client";

const run = promisify(execFile);
const TAG = `${process.pid % 100000}`;
const HOST_NS = `hpgd-h-${TAG}`;
const PEER_NS = `hpgd-n-${TAG}`;
const VETH = `hpgdh${TAG}`;
const VETH_PEER = `hpgdn${TAG}`;
const LAN = { host: "198.51.100.1", peer: "198.51.100.2" };
const NET = { host: "203.0.113.1", peer: "203.0.113.2" };
const PORT = 8080;
const ECHO_PORT = 9090;
/** A client that keeps one TCP connection to the internet and prints every echo it gets back. */
const ECHO_CLIENT = `const s=require("net").connect(${ECHO_PORT},"${NET.peer}");s.on("data",()=>process.stdout.write("echo\\n"));s.on("error",()=>{});setInterval(()=>s.write("x"),300);`;
const FAULT = JSON.stringify({ kind: "internet-down", localNets: ["198.51.100.0/24"] });

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "pipe", "pipe"] });
const inNs = (ns: string, ...args: string[]) => execFileSync("ip", ["netns", "exec", ns, ...args], { stdio: ["ignore", "pipe", "pipe"] });
const children: ChildProcess[] = [];
let www: string;

/** Whether `from` gets the page at addr:PORT (curl, 2 s: a dropped SYN is a timeout). */
async function reaches(from: string, addr: string): Promise<boolean> {
  try {
    const { stdout } = await run("ip", ["netns", "exec", from, "curl", "-s", "-m", "2", `http://${addr}:${PORT}/`], { timeout: 10_000 });
    return stdout.includes("gameday-ok");
  } catch {
    return false;
  }
}

const tables = () => inNs(HOST_NS, "nft", "list", "tables").toString();

interface Runner {
  child: ChildProcess;
  out: () => string;
  line: (prefix: string) => Promise<string>;
}

function runner(args: string[], env: Record<string, string> = {}): Runner {
  const child = spawn("ip", ["netns", "exec", HOST_NS, process.execPath, "--import", "tsx", resolve("test/agents/gameday-runner.ts"), ...args], {
    cwd: resolve("."),
    env: { ...process.env, HOMEPORT_LOG_SILENT: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (b: Buffer) => (out += b.toString("utf8")));
  child.stderr?.on("data", (b: Buffer) => (out += b.toString("utf8")));
  return {
    child,
    out: () => out,
    line: (prefix) =>
      waitUntil(async () => out.split("\n").find((l) => l.startsWith(prefix) || l.startsWith("FAILED")) ?? null, 30_000, `${prefix} from the runner`).then((l) => {
        if (l.startsWith("FAILED")) throw new Error(`runner: ${out}`);
        return l;
      }),
  };
}

const killed = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once("exit", () => r())));
const journal = (dir: string) => (JSON.parse(readFileSync(join(dir, DEADMAN_FILE), "utf8")) as { entries: { id: string }[] }).entries.map((e) => e.id);
const failsafesFor = (table: string) => execFileSync("ps", ["-eo", "args"]).toString().split("\n").filter((l) => l.includes("homeport-deadman") && l.includes(table));

beforeAll(() => {
  if (process.getuid?.() !== 0) throw new Error("these tests need root (network namespaces and nftables)");
  for (const ns of [HOST_NS, PEER_NS]) ip("netns", "add", ns);
  ip("link", "add", VETH, "type", "veth", "peer", "name", VETH_PEER);
  ip("link", "set", VETH, "netns", HOST_NS);
  ip("link", "set", VETH_PEER, "netns", PEER_NS);
  for (const [ns, dev, side] of [[HOST_NS, VETH, "host"], [PEER_NS, VETH_PEER, "peer"]] as const) {
    inNs(ns, "ip", "link", "set", "lo", "up");
    inNs(ns, "ip", "addr", "add", `${LAN[side]}/24`, "dev", dev);
    inNs(ns, "ip", "addr", "add", `${NET[side]}/24`, "dev", dev);
    inNs(ns, "ip", "link", "set", dev, "up");
  }
  www = mkdtempSync(join(tmpdir(), "hp-gameday-www-"));
  writeFileSync(join(www, "index.html"), "gameday-ok\n");
  for (const ns of [HOST_NS, PEER_NS]) children.push(spawn("ip", ["netns", "exec", ns, "busybox", "httpd", "-f", "-p", String(PORT), "-h", www], { stdio: "ignore" }));
  const echo = `require("net").createServer((s)=>{s.on("error",()=>{});s.pipe(s);}).listen(${ECHO_PORT});`;
  children.push(spawn("ip", ["netns", "exec", PEER_NS, process.execPath, "-e", echo], { stdio: "ignore" }));
}, 30_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const ns of [HOST_NS, PEER_NS]) {
    try {
      execFileSync("ip", ["netns", "pids", ns]).toString().split("\n").filter(Boolean).forEach((p) => process.kill(Number(p), "SIGKILL"));
    } catch {
      // already gone
    }
    try {
      ip("netns", "del", ns);
    } catch {
      // never created
    }
  }
  if (www) rmSync(www, { recursive: true, force: true });
}, 30_000);

describe("internet down in a namespace", () => {
  it("before the fault both the LAN and the internet answer, both ways", async () => {
    await waitUntil(async () => (await reaches(HOST_NS, NET.peer)) && (await reaches(PEER_NS, NET.host)), 10_000, "the servers");
    expect(await reaches(HOST_NS, LAN.peer)).toBe(true);
  });

  it("cuts the internet both ways, keeps the LAN, and the table is gone at the deadline", async () => {
    const state = mkdtempSync(join(tmpdir(), "hp-gd-state-"));
    // A connection to the internet that was open before the fault.
    const flow = spawn("ip", ["netns", "exec", HOST_NS, process.execPath, "-e", ECHO_CLIENT], { stdio: ["ignore", "pipe", "ignore"] });
    children.push(flow);
    let echoes = 0;
    flow.stdout?.on("data", (b: Buffer) => (echoes += b.toString().split("echo").length - 1));
    await waitUntil(async () => echoes > 2, 10_000, "the open connection to echo");
    const r = runner(["start", state, "idl1", "10", FAULT]);
    const started = JSON.parse((await r.line("STARTED ")).slice(8)) as { deadline: string; detail: string };
    const t0 = Date.now();
    expect(started.detail).toContain("198.51.100.0/24");
    expect(tables()).toContain("homeport_gd_idl1");
    expect(await reaches(HOST_NS, LAN.peer)).toBe(true); // the agent reaches the LAN
    expect(await reaches(PEER_NS, LAN.host)).toBe(true); // the LAN reaches the host
    expect(await reaches(HOST_NS, NET.peer)).toBe(false); // the host cannot reach the internet
    expect(await reaches(PEER_NS, NET.host)).toBe(false); // and the internet cannot reach the host
    expect(journal(state)).toEqual(["gameday:idl1"]);
    // The flow opened before the fault is cut too (no "established" shortcut).
    const before = echoes;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(echoes).toBe(before);
    // Only the host's namespace has the table: this machine's own rules are untouched.
    expect(execFileSync("nft", ["list", "tables"]).toString()).not.toContain("homeport_gd_idl1");
    await waitUntil(async () => !tables().includes("homeport_gd_idl1"), 15_000, "the table to go at the deadline");
    expect(Date.now() - t0).toBeGreaterThan(5_000); // not before its time
    expect(await r.line("REVERTED ")).toContain('"reason":"deadline","error":null');
    expect(await reaches(HOST_NS, NET.peer)).toBe(true);
    expect(journal(state)).toEqual([]);
    r.child.kill("SIGKILL");
    flow.kill("SIGKILL");
    rmSync(state, { recursive: true, force: true });
  }, 60_000);

  it("after kill -9 mid-fault the detached failsafe still removes the table; the next start finds nothing left to undo but the entry", async () => {
    const state = mkdtempSync(join(tmpdir(), "hp-gd-state-"));
    const r = runner(["start", state, "ikill", "10", FAULT], { GAMEDAY_FAILSAFE_GRACE_MS: "1000" });
    await r.line("STARTED ");
    r.child.kill("SIGKILL");
    await killed(r.child);
    // The agent is dead: the fault is still in force and only the failsafe can end it.
    expect(tables()).toContain("homeport_gd_ikill");
    expect(await reaches(HOST_NS, NET.peer)).toBe(false);
    expect(failsafesFor("homeport_gd_ikill")).toHaveLength(1);
    await waitUntil(async () => !tables().includes("homeport_gd_ikill"), 20_000, "the failsafe to delete the table");
    expect(await reaches(HOST_NS, NET.peer)).toBe(true);
    // A later start clears the journal; deleting a table the failsafe already removed is no error.
    const again = runner(["recover", state]);
    expect(await again.line("REVERTED ")).toContain('"reason":"agent-start","error":null');
    expect(await again.line("RECOVERED ")).toBe("RECOVERED 1");
    expect(journal(state)).toEqual([]);
    rmSync(state, { recursive: true, force: true });
  }, 60_000);

  it("the real agent program, restarted, undoes a leftover fault before it connects and stops its failsafe", async () => {
    const state = mkdtempSync(join(tmpdir(), "hp-gd-state-"));
    const r = runner(["start", state, "ileft", "600", FAULT]);
    await r.line("STARTED ");
    r.child.kill("SIGKILL");
    await killed(r.child);
    expect(tables()).toContain("homeport_gd_ileft");
    expect(failsafesFor("homeport_gd_ileft")).toHaveLength(1);
    // An enrolled agent whose control plane is out of reach (nothing listens at .9): recovery comes first anyway.
    saveCredentials(state, { agentId: "gd-agent", secret: "s".repeat(32), hostName: "gd", server: "http://198.51.100.9:9", enrolledAt: new Date().toISOString() });
    const agent = startAgent(["--server", "http://198.51.100.9:9", "--state-dir", state], {}, { netns: HOST_NS });
    children.push(agent.child);
    await waitUntil(async () => agent.output().includes("undid changes left by a previous run"), 30_000, "the agent to undo the leftover").catch((e: Error) => {
      throw new Error(`${e.message}\n${agent.output()}`);
    });
    expect(agent.output()).toMatch(/gameday:ileft[^\n]*agent-start|agent-start[^\n]*gameday:ileft/);
    expect(tables()).not.toContain("homeport_gd_ileft");
    expect(await reaches(HOST_NS, NET.peer)).toBe(true);
    expect(failsafesFor("homeport_gd_ileft")).toEqual([]);
    expect(journal(state)).toEqual([]);
    await agent.kill("SIGKILL");
    rmSync(state, { recursive: true, force: true });
  }, 60_000);

  it("an agent that stops reverts at once; a 'LAN' as wide as the internet is refused before anything is armed", async () => {
    const state = mkdtempSync(join(tmpdir(), "hp-gd-state-"));
    const wide = runner(["start", state, "iwide", "10", JSON.stringify({ kind: "internet-down", localNets: ["0.0.0.0/0"] })]);
    await expect(wide.line("STARTED ")).rejects.toThrow(/invalid_params .*keep the internet reachable/);
    expect(tables()).not.toContain("homeport_gd_iwide");
    const r = runner(["start", state, "istop", "600", FAULT]);
    await r.line("STARTED ");
    expect(tables()).toContain("homeport_gd_istop");
    r.child.kill("SIGTERM"); // the agent stops: nothing it injected outlives it
    expect(await r.line("REVERTED ")).toContain('"reason":"shutdown","error":null');
    await killed(r.child);
    expect(tables()).not.toContain("homeport_gd_istop");
    expect(failsafesFor("homeport_gd_istop")).toEqual([]);
    rmSync(state, { recursive: true, force: true });
  }, 60_000);
});
