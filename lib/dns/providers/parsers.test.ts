import { describe, expect, it } from "vitest";
import { axfrToSets, changeRecords } from "./rfc2136";
import { buildUpdate, parseMessage, rdataOf, rdataText, TYPE, type WireRecord } from "./dns-wire";
import { signMessage } from "./tsig";
import { BLOCK_BEGIN, BLOCK_END, parseHosts } from "./dnsmasq";
import { parsePiholeConfig } from "./pihole";
import { rewritesToSets } from "./adguard";

describe("rfc2136 wire format", () => {
  const rec = (name: string, type: "A" | "AAAA" | "CNAME" | "TXT", value: string): WireRecord => ({ name, type: TYPE[type], cls: 1, ttl: 300, rdata: rdataOf(type, value) });

  it("groups an AXFR into record sets, owned where the _homeport TXT mark names the type", () => {
    const sets = axfrToSets([
      rec("app.home.test", "A", "192.168.1.10"),
      rec("app.home.test", "AAAA", "fd00::10"),
      rec("_homeport.app.home.test", "TXT", "heritage=homeport type=AAAA"),
      rec("nas.home.test", "A", "10.0.0.2"),
      rec("www.home.test", "CNAME", "nas.home.test"),
    ]);
    expect(sets.map((s) => `${s.name} ${s.type} ${s.values.join(",")} ${s.owned}`)).toEqual([
      "app.home.test A 192.168.1.10 false",
      "app.home.test AAAA fd00::10 true",
      "nas.home.test A 10.0.0.2 false",
      "www.home.test CNAME nas.home.test false",
    ]);
  });

  it("a create carries a prerequisite and its ownership mark; a delete removes both", () => {
    const create = changeRecords({ action: "create", name: "a.home.test", type: "A", after: { name: "a.home.test", type: "A", values: ["10.0.0.1"], ttl: 300 } });
    expect(create.prereqs.map((r) => [r.name, r.type, r.cls])).toEqual([["a.home.test.", TYPE.A, 254]]);
    expect(create.updates.map((r) => [r.name, r.type, r.cls, rdataText({ ...r, name: r.name })])).toEqual([
      ["a.home.test.", TYPE.A, 1, "10.0.0.1"],
      ["_homeport.a.home.test.", TYPE.TXT, 1, "heritage=homeport type=A"],
    ]);
    const del = changeRecords({ action: "delete", name: "a.home.test", type: "CNAME", before: { name: "a.home.test", type: "CNAME", values: ["x.test"], ttl: 300 } });
    expect(del.prereqs).toEqual([]);
    expect(del.updates.map((r) => [r.name, r.type, r.cls])).toEqual([["a.home.test.", TYPE.CNAME, 255], ["_homeport.a.home.test.", TYPE.TXT, 254]]);
  });

  it("encodes and decodes addresses and names", () => {
    for (const [type, v] of [["A", "192.168.1.10"], ["AAAA", "fd00::10"], ["AAAA", "2001:db8:1:2:3:4:5:6"], ["AAAA", "::1"], ["CNAME", "tunnel.example.net"], ["TXT", "heritage=homeport type=A"]] as const) {
      expect(rdataText(rec("x.test", type, v))).toBe(v);
    }
  });

  it("signs with TSIG: an UPDATE message parses back with the TSIG record appended", () => {
    const { message } = buildUpdate("home.test.", [], [rec("a.home.test.", "A", "10.0.0.1")]);
    const { signed, mac } = signMessage(message, { name: "homeport", algorithm: "hmac-sha256", secret: Buffer.alloc(32, 1) }, 1_800_000_000);
    expect(mac).toHaveLength(32);
    expect(signed.readUInt16BE(10)).toBe(1);
    expect(signed.subarray(0, message.length).subarray(12).equals(message.subarray(12))).toBe(true);
    expect(parseMessage(signed).rcode).toBe("NOERROR");
  });
});

describe("dnsmasq hosts file", () => {
  it("marks entries inside Homeport's block as owned and keeps the user's lines", () => {
    const p = parseHosts(["10.0.0.2 nas.lan.test # mine", BLOCK_BEGIN, "192.168.1.10 app.lan.test", BLOCK_END, "10.0.0.3 printer.lan.test"].join("\n"));
    expect(p.entries).toEqual([
      { address: "10.0.0.2", name: "nas.lan.test", owned: false },
      { address: "192.168.1.10", name: "app.lan.test", owned: true },
      { address: "10.0.0.3", name: "printer.lan.test", owned: false },
    ]);
    expect(p.before).toEqual(["10.0.0.2 nas.lan.test # mine"]);
    expect(p.after).toEqual(["10.0.0.3 printer.lan.test"]);
  });
});

describe("Pi-hole and AdGuard shapes", () => {
  it("parses Pi-hole's dns.hosts and dns.cnameRecords", () => {
    expect(parsePiholeConfig(["10.0.0.2 nas.home.test alias.home.test", "fd00::2 nas.home.test"], ["www.home.test,nas.home.test,300"]).map((s) => `${s.name} ${s.type} ${s.values}`)).toEqual([
      "nas.home.test A 10.0.0.2", "alias.home.test A 10.0.0.2", "nas.home.test AAAA fd00::2", "www.home.test CNAME nas.home.test",
    ]);
  });
  it("maps AdGuard rewrites to types and skips wildcards and special answers", () => {
    expect(rewritesToSets([
      { domain: "a.home.test", answer: "10.0.0.1" }, { domain: "b.home.test", answer: "x.example.net" },
      { domain: "*.home.test", answer: "10.0.0.9" }, { domain: "c.home.test", answer: "A" },
    ]).map((s) => `${s.name} ${s.type}`)).toEqual(["a.home.test A", "b.home.test CNAME"]);
  });
});
