import { describe, expect, it } from "vitest";
import { parseAxfr, updateLines } from "./rfc2136";
import { BLOCK_BEGIN, BLOCK_END, parseHosts } from "./dnsmasq";
import { parsePiholeConfig } from "./pihole";
import { rewritesToSets } from "./adguard";

describe("rfc2136", () => {
  it("parses an AXFR answer with ownership TXT records", () => {
    const sets = parseAxfr([
      "home.test.\t300\tIN\tSOA\tns1.home.test. hostmaster.home.test. 1 3600 600 86400 60",
      "app.home.test.\t300\tIN\tA\t192.168.1.10",
      "app.home.test.\t300\tIN\tAAAA\tfd00::10",
      '_homeport.app.home.test. 300 IN TXT "heritage=homeport type=AAAA"',
      "nas.home.test.\t300\tIN\tA\t10.0.0.2",
      "www.home.test.\t300\tIN\tCNAME\tNAS.home.test.",
    ].join("\n"), "home.test");
    expect(sets.map((s) => `${s.name} ${s.type} ${s.values.join(",")} ${s.owned}`)).toEqual([
      "app.home.test A 192.168.1.10 false",
      "app.home.test AAAA fd00::10 true",
      "nas.home.test A 10.0.0.2 false",
      "www.home.test CNAME nas.home.test false",
    ]);
  });

  it("writes a create with a prerequisite and its ownership mark", () => {
    expect(updateLines({ action: "create", name: "a.home.test", type: "A", after: { name: "a.home.test", type: "A", values: ["10.0.0.1"], ttl: 300 } })).toEqual([
      "prereq nxrrset a.home.test. A",
      "update add a.home.test. 300 A 10.0.0.1",
      'update add _homeport.a.home.test. 300 TXT "heritage=homeport type=A"',
    ]);
  });

  it("deletes the set and its mark", () => {
    expect(updateLines({ action: "delete", name: "a.home.test", type: "CNAME", before: { name: "a.home.test", type: "CNAME", values: ["x.test"], ttl: 300 } })).toEqual([
      "update delete a.home.test. CNAME",
      'update delete _homeport.a.home.test. TXT "heritage=homeport type=CNAME"',
    ]);
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
