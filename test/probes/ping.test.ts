// The ping check end to end with the system's ping: loopback, a network namespace this test makes
// (198.51.100.240/30 on a veth pair), an address routed into that namespace with no host behind it
// (ICMP errors come back) and a second namespace (198.51.100.248/30) that ignores echo requests
// (silence). Namespaces are required: without root and `ip netns` this test fails, it does not skip.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "@/lib/probes/engine";
import { PingCheck } from "@/lib/probes/engine/checks/ping";
import { CheckSpecSchema, PingTargetSchema } from "@/lib/probes/engine/schemas";
import { CheckCreateSchema } from "@/lib/probes/schemas";
import { createVethNamespace, type VethNamespace } from "../helpers/veth-namespace";

const run = promisify(execFile);
const tag = process.pid % 100_000;
// Root-namespace links of their own: the routes test bed holds 198.51.100.0/30 and 203.0.113.0/30,
// the stack-networks test 198.51.100.244/30, the rollout test 198.51.100.252/30, the agent-vantage
// tests 203.0.113.128/25; test files run in parallel, so these must not overlap.
const HOST_SIDE = "198.51.100.241";
const NS_SIDE = "198.51.100.242";
const SILENT_HOST_CIDR = "198.51.100.249/30";
const SILENT_NS = "198.51.100.250";
/** Routed into the namespace (198.51.100.224/29), which has no such address and does not forward: nothing answers. */
const NOBODY_NET = "198.51.100.224/29";
const NOBODY = "198.51.100.226";
let ns: VethNamespace;
let silent: VethNamespace;

beforeAll(async () => {
  ns = await createVethNamespace({ netns: `hp-ping-${tag}`, vethHost: `hpp${tag}h`, vethNs: `hpp${tag}n`, hostCidr: `${HOST_SIDE}/30`, nsIp: NS_SIDE });
  await run("ip", ["route", "add", NOBODY_NET, "via", NS_SIDE]);
  silent = await createVethNamespace({ netns: `hp-pings-${tag}`, vethHost: `hps${tag}h`, vethNs: `hps${tag}n`, hostCidr: SILENT_HOST_CIDR, nsIp: SILENT_NS });
  await run("ip", ["netns", "exec", silent.netns, "sysctl", "-qw", "net.ipv4.icmp_echo_ignore_all=1"]);
}, 30_000);

afterAll(async () => {
  await ns?.remove(); // the route goes with the veth pair
  await silent?.remove();
});

const spec = (host: string, count = 3, perPingTimeoutSec = 1) => CheckSpecSchema.parse({ type: "ping", target: { host, count, perPingTimeoutSec } });

describe("ping check", () => {
  it("127.0.0.1 is up, with an average round trip and no loss", async () => {
    const r = await runCheck(spec("127.0.0.1"), { timeoutMs: 10_000 });
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, errorClass: null });
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r.latencyMs).toBeLessThan(1_000);
    expect(r.message).toMatch(/^3\/3 replies, rtt min\/avg\/max [\d.]+\/[\d.]+\/[\d.]+ ms$/);
    expect(r.answers).toEqual(["loss 0%"]);
  });

  it("a host in a network namespace answers through the veth pair", async () => {
    const r = await runCheck(spec(ns.ip, 2), { timeoutMs: 10_000 });
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, errorClass: null });
    expect(r.message).toContain("2/2 replies");
  });

  it("an address in the namespace with no host behind it is down as unreachable, every packet lost", async () => {
    const r = await runCheck(spec(NOBODY, 2, 1), { timeoutMs: 10_000 });
    expect(r).toMatchObject({ ok: false, errorClass: "unreachable" });
    expect(r.message).toMatch(new RegExp(`^no reply from ${NOBODY.replace(/\./g, "\\.")}: \\d of \\d repl(y|ies) lost \\(100% packet loss\\)$`));
  });

  it("a host that ignores echo requests is down as a timeout, after the per-ping wait", async () => {
    const t0 = Date.now();
    const r = await runCheck(spec(silent.ip, 2, 1), { timeoutMs: 10_000 });
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: `no reply from ${silent.ip}: 2 of 2 replies lost (100% packet loss)` });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("the check's own timeout ends a ping that would wait longer, as a timeout", async () => {
    const t0 = Date.now();
    const r = await runCheck(spec(silent.ip, 5, 10), { timeoutMs: 800 });
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "no answer within 800 ms" });
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("without a ping program the check says so, with its own error class", async () => {
    const p = new PingCheck("/nonexistent/homeport-ping").check(PingTargetSchema.parse({ host: "127.0.0.1" }), AbortSignal.timeout(5_000));
    await expect(p).rejects.toMatchObject({ errorClass: "unsupported", message: expect.stringContaining("iputils-ping") });
  });

  it("a metadata address that slipped past the schema is still refused before anything is sent", async () => {
    const p = new PingCheck().check({ host: "169.254.169.254", count: 1, perPingTimeoutSec: 1 }, AbortSignal.timeout(5_000));
    await expect(p).rejects.toMatchObject({ errorClass: "blocked" });
  });
});

describe("ping host validation", () => {
  for (const host of ["-f", "--help", "127.0.0.1;id", "127.0.0.1 -f", "$(id)", "`id`", "a|b", "-c 1000 127.0.0.1", "127.0.0.1\n-f", "169.254.169.254", "fe80::1"]) {
    it(`refuses ${JSON.stringify(host)}`, () => {
      expect(CheckSpecSchema.safeParse({ type: "ping", target: { host } }).success).toBe(false);
      expect(CheckCreateSchema.safeParse({ type: "ping", target: { host }, name: "p" }).success).toBe(false);
    });
  }

  it("accepts names and addresses, and bounds count and per-ping timeout", () => {
    for (const host of ["nas.home.example", "192.168.1.1", "::1", "router"]) expect(CheckSpecSchema.safeParse({ type: "ping", target: { host } }).success, host).toBe(true);
    expect(CheckSpecSchema.safeParse({ type: "ping", target: { host: "a", count: 6 } }).success).toBe(false);
    expect(CheckSpecSchema.safeParse({ type: "ping", target: { host: "a", count: 0 } }).success).toBe(false);
    expect(CheckSpecSchema.safeParse({ type: "ping", target: { host: "a", perPingTimeoutSec: 11 } }).success).toBe(false);
  });
});
