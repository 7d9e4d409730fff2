// Firewall apply, for real: the real agent runs in a network namespace this test creates, connected
// to a control plane in the root namespace over a veth (203.0.113.100/30), through a forwarder on
// the veth address so that a rule dropping traffic to it really cuts the agent off. Good rules are
// confirmed and kept; rules that cut the agent off are reverted by the agent itself; kill -9 right
// after an apply leaves the failsafe to remove the table; --deny-firewall is refused. Only the
// namespace's tables are touched (an owner's table there is checked to survive everything).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as firewallGET } from "@/app/api/v1/hosts/[id]/firewall/route";
import { POST as planPOST } from "@/app/api/v1/hosts/[id]/firewall/plan/route";
import { POST as applyPOST } from "@/app/api/v1/hosts/[id]/firewall/apply/route";
import { GET as changesGET } from "@/app/api/v1/hosts/[id]/firewall/changes/route";
import { AgentRequestError, createEnrollmentToken } from "@/lib/agents";
import { FAILSAFE_GRACE_MS } from "@/agents/deadman";
import type { FirewallChangeView, FirewallHostView, FirewallPreview } from "@/lib/firewall";
import type { FirewallPlan } from "@/lib/protocol";
import { call, errorOf } from "../helpers/api";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { startAgent, type AgentProcess } from "../agents/helpers/agent-process";
import { actor, meta } from "../agents/helpers/fixtures";
import { waitUntil } from "../agents/helpers/sse-client";

const TAG = `${process.pid % 100000}`;
const NS = `hpfw-${TAG}`;
const VETH = `hpfw${TAG}`;
const ROOT_ADDR = "203.0.113.101";
const NS_ADDR = "203.0.113.102";
const CONFIRM_SEC = 12;

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "pipe", "pipe"] }).toString();
const inNs = (...args: string[]) => execFileSync("ip", ["netns", "exec", NS, ...args], { stdio: ["ignore", "pipe", "pipe"] }).toString();
const homeportTable = (): string | null => {
  try {
    return inNs("nft", "list", "table", "inet", "homeport_fw");
  } catch {
    return null;
  }
};

let cp: TestControlPlane;
let forwarder: Server;
const sockets = new Set<Socket>();
let serverUrl: string;
let hostId: string;
let stateDir: string;
let agent: AgentProcess;
const others: { agent: AgentProcess; stateDir: string }[] = [];
const auth = () => ({ bearer: cp.apiToken });

async function enroll(name: string, extra: string[], netns?: string) {
  const { token } = await createEnrollmentToken(cp.t.db, { name }, serverUrl, actor, meta);
  const dir = mkdtempSync(join(tmpdir(), "homeport-fw-agent-"));
  const a = startAgent(["--server", serverUrl, "--token", token, "--state-dir", dir, ...extra], {}, netns ? { netns } : {});
  const host = await waitUntil(() => cp.t.db.host.findUnique({ where: { name } }), 30_000, `${name} to enroll`).catch((e: Error) => {
    throw new Error(`${e.message}\n${a.output()}`);
  });
  await waitUntil(async () => cp.hub.isOnline(host.id) && (await cp.t.db.host.findUniqueOrThrow({ where: { id: host.id } })).agentPolicy, 30_000, `${name} to connect`);
  return { hostId: host.id, stateDir: dir, agent: a };
}

const restartAgent = () => startAgent(["--server", serverUrl, "--state-dir", stateDir], {}, { netns: NS });

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error("this test needs root (network namespaces, veth pairs, nftables)");
  ip("netns", "add", NS);
  ip("link", "add", VETH, "type", "veth", "peer", "name", "fw0", "netns", NS);
  ip("addr", "add", `${ROOT_ADDR}/30`, "dev", VETH);
  ip("link", "set", VETH, "up");
  inNs("ip", "addr", "add", `${NS_ADDR}/30`, "dev", "fw0");
  inNs("ip", "link", "set", "fw0", "up");
  inNs("ip", "link", "set", "lo", "up");
  // The host owner's own table: Homeport must never touch it.
  inNs("nft", "add", "table", "inet", "owner");
  inNs("nft", "add", "chain", "inet", "owner", "keep", "{ type filter hook input priority 10; policy accept; }");
  cp = await startTestControlPlane();
  const target = new URL(cp.url);
  forwarder = createServer((s) => {
    const up = connect(Number(target.port), target.hostname);
    sockets.add(s).add(up);
    s.pipe(up).pipe(s);
    const end = () => { s.destroy(); up.destroy(); sockets.delete(s); sockets.delete(up); };
    s.on("error", end).on("close", end);
    up.on("error", end).on("close", end);
  });
  await new Promise<void>((r) => forwarder.listen(0, ROOT_ADDR, r));
  serverUrl = `http://${ROOT_ADDR}:${(forwarder.address() as { port: number }).port}`;
  const a = await enroll(`hpfw-ns-${TAG}`, [], NS);
  ({ hostId, stateDir, agent } = a);
}, 120_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  for (const o of others) await o.agent.kill("SIGKILL");
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => (forwarder ? forwarder.close(() => r()) : r()));
  await cp?.close();
  try {
    ip("netns", "del", NS);
  } catch {
    // never created
  }
  for (const d of [stateDir, ...others.map((o) => o.stateDir)]) if (d) rmSync(d, { recursive: true, force: true });
}, 60_000);

const forwarderPort = () => Number(new URL(serverUrl).port);

async function preview(plan?: FirewallPlan): Promise<FirewallPreview> {
  const r = await call(planPOST, `/api/v1/hosts/${hostId}/firewall/plan`, { body: plan ? { plan } : {}, auth: auth() }, { id: hostId });
  expect(r.status, r.text).toBe(200);
  return r.body as FirewallPreview;
}

async function apply(p: FirewallPreview, confirmWithinSec = CONFIRM_SEC) {
  return call(applyPOST, `/api/v1/hosts/${hostId}/firewall/apply`, { body: { plan: p.plan, hash: p.hash, confirmWithinSec }, auth: auth() }, { id: hostId });
}

const audits = (action: string) => cp.t.db.auditEvent.findMany({ where: { action }, orderBy: { at: "asc" } });

describe("firewall apply through a real agent in a namespace", () => {
  let goodTable: string;

  it("reads the namespace's rules and interfaces, and suggests rules", async () => {
    const r = await call(firewallGET, `/api/v1/hosts/${hostId}/firewall`, { auth: auth() }, { id: hostId });
    expect(r.status, r.text).toBe(200);
    const v = r.body as FirewallHostView;
    expect(v.available).toBe(true);
    const fw0 = v.view!.interfaces.find((i) => i.name === "fw0")!;
    expect(fw0.addresses).toContain(`${NS_ADDR}/30`);
    expect(fw0.inbound).toEqual([{ table: "inet owner", words: "everything else accepted" }]);
    expect(v.view!.homeportTable).toBe(false);
    expect(v.suggestions!.plan.inputPolicy).toBe("drop");
    expect(v.suggestions!.suggestions.find((s) => s.source === "ssh")!.rule.addr).toBe("203.0.113.100/30");
  });

  it("(1) applies a good rule set: confirmed at once and kept past the deadline; other tables untouched", async () => {
    const p = await preview();
    expect(p.nftText).toContain("table inet homeport_fw {");
    expect(p.diff.every((d) => d.op === "add")).toBe(true);
    // A stale preview is refused.
    const stale = await call(applyPOST, `/api/v1/hosts/${hostId}/firewall/apply`, { body: { plan: { ...p.plan, inputPolicy: "accept" }, hash: p.hash, confirmWithinSec: CONFIRM_SEC }, auth: auth() }, { id: hostId });
    expect(stale.status).toBe(409);
    const r = await apply(p);
    expect(r.status, r.text).toBe(200);
    const change = r.body as FirewallChangeView;
    expect(change.status).toBe("confirmed");
    expect(change.confirmedAt).not.toBeNull();
    goodTable = homeportTable()!;
    expect(goodTable).toContain("policy drop;");
    expect(goodTable).toContain("ip saddr 203.0.113.100/30 tcp dport 22 accept");
    await new Promise((r2) => setTimeout(r2, (CONFIRM_SEC + 2) * 1000));
    expect(homeportTable()).toBe(goodTable);
    expect(inNs("nft", "list", "tables")).toContain("table inet owner");
    expect(cp.hub.isOnline(hostId)).toBe(true);
    expect((await audits("firewall.apply")).map((a) => a.targetId)).toEqual([hostId]);
    expect(await audits("firewall.confirm")).toHaveLength(1);
    const v = (await call(firewallGET, `/api/v1/hosts/${hostId}/firewall`, { auth: auth() }, { id: hostId })).body as FirewallHostView;
    expect(v.view!.interfaces.find((i) => i.name === "fw0")!.inbound.find((w) => w.table === "inet homeport_fw")!.words).toMatch(/^replies \(established\/related\), icmp\/ipv6-icmp, tcp 22 from 203\.0\.113\.100\/30 accepted.*; everything else dropped$/);
  }, 60_000);

  it("(2) a rule that cuts the agent off is never confirmed: the agent reverts it by itself, reconnects, and the change is recorded reverted", async () => {
    const suggested = (await preview()).plan;
    const cut: FirewallPlan = { ...suggested, rules: [...suggested.rules, { direction: "out", action: "drop", iface: null, proto: "tcp", ports: [forwarderPort()], addr: ROOT_ADDR, comment: "cuts homeport off" }] };
    const p = await preview(cut);
    expect(p.diff.filter((d) => d.op === "add").map((d) => d.line)).toEqual([`ip daddr ${ROOT_ADDR} tcp dport ${forwarderPort()} drop comment "cuts homeport off"`]);
    const started = Date.now();
    const r = await apply(p);
    expect(r.status, r.text).toBe(200);
    const change = r.body as FirewallChangeView;
    // Never confirmed: still waiting for the agent's revert, or already reverted when the answer came.
    expect(["applied", "reverted"]).toContain(change.status);
    expect(change.confirmedAt).toBeNull();
    expect(change.error).toMatch(/reverts it by|did not confirm it before the deadline/);
    const row = await waitUntil(async () => {
      const x = await cp.t.db.firewallChange.findUniqueOrThrow({ where: { id: change.id } });
      return x.status === "reverted" ? x : null;
    }, 90_000, "the agent's revert to be recorded", 250);
    // Reverted at the deadline (not later than the failsafe would have), to the table before it.
    expect(row.revertedAt!.getTime() - started).toBeLessThan((CONFIRM_SEC + FAILSAFE_GRACE_MS / 1000 + 2) * 1000);
    expect(row.error).toMatch(/did not confirm it before the deadline/);
    expect(homeportTable()).toBe(goodTable);
    await waitUntil(async () => cp.hub.isOnline(hostId), 60_000, "the agent to be back");
    const revertAudits = await audits("firewall.revert");
    expect(revertAudits.map((a) => JSON.parse(a.details ?? "{}") as { changeId: string; reason: string })).toEqual([expect.objectContaining({ changeId: change.id, reason: "deadline" })]);
    expect(await audits("firewall.confirm")).toHaveLength(1);
    const list = (await call(changesGET, `/api/v1/hosts/${hostId}/firewall/changes`, { auth: auth() }, { id: hostId })).body as { items: FirewallChangeView[] };
    expect(list.items.map((c) => c.status)).toEqual(["reverted", "confirmed"]);
  }, 180_000);

  it("(3) kill -9 right after an unconfirmed apply: the failsafe removes the table anyway, and the next agent records the revert", async () => {
    inNs("nft", "delete", "table", "inet", "homeport_fw");
    const plan = (await preview()).plan;
    const row = await cp.t.db.firewallChange.create({ data: { hostId, status: "applied", plan: JSON.stringify({ plan, nftText: "" }), actor: "test" } });
    const session = cp.hub.session(hostId)!;
    const started = Date.now();
    // Straight over the protocol and never confirmed: as if the control plane died right after.
    const applied = await session.request("firewall/apply", { changeId: row.id, plan, confirmWithinSec: 10 });
    expect(applied.confirmToken).toMatch(/^[a-f0-9]{32}$/);
    expect(homeportTable()).toContain("policy drop;");
    await agent.kill("SIGKILL");
    await waitUntil(async () => homeportTable() === null, 10_000 + FAILSAFE_GRACE_MS + 10_000, "the failsafe to remove the table", 250);
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(inNs("nft", "list", "tables")).toContain("table inet owner");
    agent = restartAgent();
    const reverted = await waitUntil(async () => {
      const x = await cp.t.db.firewallChange.findUniqueOrThrow({ where: { id: row.id } });
      return x.status === "reverted" ? x : null;
    }, 60_000, "the restarted agent to report the revert", 250).catch((e: Error) => {
      throw new Error(`${e.message}\n${agent.output()}`);
    });
    expect(reverted.error).toMatch(/found it unconfirmed when it started/);
    expect(homeportTable()).toBeNull();
  }, 120_000);

  it("(4) --deny-firewall: the control plane refuses early with 403 and the agent refuses with policy_denied", async () => {
    const denied = await enroll(`hpfw-deny-${TAG}`, ["--deny-firewall"]);
    others.push(denied);
    const body = { plan: { inputPolicy: "drop", rules: [] }, hash: "0".repeat(64), confirmWithinSec: 30 };
    const r = await call(applyPOST, `/api/v1/hosts/${denied.hostId}/firewall/apply`, { body, auth: auth() }, { id: denied.hostId });
    expect(r.status).toBe(403);
    expect(errorOf(r).message).toMatch(/--deny-firewall/);
    const pr = await call(planPOST, `/api/v1/hosts/${denied.hostId}/firewall/plan`, { body: {}, auth: auth() }, { id: denied.hostId });
    expect(pr.status).toBe(403);
    const err = await cp.hub.session(denied.hostId)!.request("firewall/apply", { changeId: "deny-test", plan: { inputPolicy: "drop", rules: [] }, confirmWithinSec: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentRequestError);
    expect((err as AgentRequestError).code).toBe("policy_denied");
    const view = (await call(firewallGET, `/api/v1/hosts/${denied.hostId}/firewall`, { auth: auth() }, { id: denied.hostId })).body as FirewallHostView;
    expect(view.available).toBe(false);
    expect(view.reason).toMatch(/--deny-firewall/);
    expect(await cp.t.db.firewallChange.count({ where: { hostId: denied.hostId } })).toBe(0);
  }, 90_000);
});
