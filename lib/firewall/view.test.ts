import { describe, expect, it } from "vitest";
import type { Ruleset } from "@/lib/protocol/firewall";
import { acceptedInbound, chainWords, firewallView, ifaceHolds } from "./view";
import { readRule } from "./rule-words";

const tcp = (ports: number | number[]) => ({ match: { op: "==", left: { payload: { protocol: "tcp", field: "dport" } }, right: Array.isArray(ports) ? { set: ports } : ports } });
const iif = (name: string, op = "==") => ({ match: { op, left: { meta: { key: "iifname" } }, right: name } });
const saddr = (addr: string, len: number) => ({ match: { op: "==", left: { payload: { protocol: "ip", field: "saddr" } }, right: { prefix: { addr, len } } } });
const est = { match: { op: "in", left: { ct: { key: "state" } }, right: ["established", "related"] } };

function ruleset(input: { family?: string; table: string; chain: string; hook: string; policy: string; rules: unknown[][] }[], extraChains: string[] = []): Ruleset {
  return {
    tables: [...new Set(input.map((c) => c.table))].map((name) => ({ family: input.find((c) => c.table === name)!.family ?? "inet", name })),
    chains: [
      ...input.map((c) => ({ family: c.family ?? "inet", table: c.table, name: c.chain, hook: c.hook, type: "filter", prio: 0, policy: c.policy })),
      ...extraChains.map((name) => ({ family: "ip", table: "filter", name, hook: null, type: null, prio: null, policy: null })),
    ],
    rules: input.flatMap((c) => c.rules.map((expr) => ({ family: c.family ?? "inet", table: c.table, chain: c.chain, comment: null, expr }))),
    truncated: false,
  };
}

const eth0 = { name: "eth0", up: true, addresses: ["198.51.100.10/24"] };
const wg0 = { name: "wg0", up: true, addresses: ["203.0.113.5/32"] };

describe("the ruleset in words, per interface", () => {
  it("merges plain accepted ports and ends with the policy", () => {
    const rs = ruleset([{ table: "fw", chain: "in", hook: "input", policy: "drop", rules: [[est, { accept: null }], [iif("eth0"), tcp(22), { accept: null }], [tcp([80, 443]), { accept: null }]] }]);
    const v = firewallView(rs, [eth0, wg0]);
    expect(v.interfaces[0]!.inbound).toEqual([{ table: "inet fw", words: "replies (established/related), tcp 22, 80, 443 accepted; everything else dropped" }]);
    // SSH is only accepted on eth0: the VPN interface does not get it.
    expect(v.interfaces[1]!.inbound[0]!.words).toBe("replies (established/related), tcp 80, 443 accepted; everything else dropped");
    expect(v.interfaces[0]!.outbound[0]!.words).toMatch(/everything accepted \(no filter chain/);
    expect(v.headline).toEqual({ tone: "ok", text: "Inbound traffic is filtered by table inet fw." });
  });

  it("stops at an unconditional verdict and names sources and drops", () => {
    const rules = [[saddr("198.51.100.0", 24), tcp(22), { accept: null }], [tcp(25), { drop: null }], [{ accept: null }], [tcp(23), { drop: null }]].map(readRule);
    expect(chainWords(rules, "drop", "eth0", "in")).toBe("tcp 22 from 198.51.100.0/24 accepted; tcp 25 dropped; everything accepted");
  });

  it("recognises Docker's chains and summarises them instead of dumping them", () => {
    const rs = ruleset(
      [{ family: "ip", table: "filter", chain: "FORWARD", hook: "forward", policy: "drop", rules: [[{ jump: { target: "DOCKER-USER" } }], [{ match: { op: "==", left: { meta: { key: "oifname" } }, right: "docker0" } }, { jump: { target: "DOCKER" } }]] }],
      ["DOCKER", "DOCKER-USER", "DOCKER-ISOLATION-STAGE-1"],
    );
    const v = firewallView(rs, [eth0]);
    expect(v.docker?.chains).toBe(3);
    expect(v.docker?.summary).toMatch(/Docker manages 3 chains \(ip filter\)/);
    expect(v.chains[0]!.docker).toBe(true);
    expect(v.chains[0]!.rules[0]!.text).toBe("everything handed to Docker's chains (DOCKER-USER)");
    expect(v.notes.join(" ")).toMatch(/forward hook/);
    expect(v.homeportTable).toBe(false);
    // Docker's forward chain filters containers, not the host: nothing filters what comes in.
    expect(v.headline.tone).toBe("warning");
    expect(v.headline.text).toMatch(/^Nothing filters inbound traffic/);
  });

  it("knows its own table and keeps unknown expressions honest", () => {
    const rs = ruleset([{ table: "homeport_fw", chain: "input", hook: "input", policy: "accept", rules: [[{ match: { op: "==", left: { meta: { key: "mark" } }, right: 1 } }, { drop: null }]] }]);
    const v = firewallView(rs, [eth0]);
    expect(v.homeportTable).toBe(true);
    expect(v.chains[0]!.homeport).toBe(true);
    expect(v.headline.text).toBe("Inbound traffic is filtered by Homeport's table.");
    expect(v.interfaces[0]!.inbound[0]!.words).toBe("one other condition dropped; everything else accepted");
  });

  it("lists the ports other tables accept inbound now (what a suggestion would cut)", () => {
    const rs = ruleset([
      { table: "owner", chain: "in", hook: "input", policy: "drop", rules: [[tcp([22, 8080]), { accept: null }], [tcp(25), { drop: null }]] },
      { table: "homeport_fw", chain: "input", hook: "input", policy: "drop", rules: [[tcp(9999), { accept: null }]] },
    ]);
    expect(acceptedInbound(rs).sort()).toEqual(["tcp 22", "tcp 8080"]);
  });

  it("matches interface conditions, negations and wildcards", () => {
    expect(ifaceHolds(null, "eth0")).toBe(true);
    expect(ifaceHolds("not docker0", "eth0")).toBe(true);
    expect(ifaceHolds("not docker0", "docker0")).toBe(false);
    expect(ifaceHolds("br-*", "br-1234")).toBe(true);
    expect(ifaceHolds("br-*", "eth0")).toBe(false);
  });
});
