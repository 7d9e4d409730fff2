import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_RULESET_RULES } from "@/lib/protocol";
import { parseInterfaces, parseRuleset } from "./nft";

const fixture = (name: string) => readFileSync(`test/firewall/testdata/${name}`, "utf8");

describe("reading nft's JSON ruleset", () => {
  it("keeps tables, hooked chains with policies, and rules without their counters", () => {
    const rs = parseRuleset(fixture("docker-host.json"));
    expect(rs.tables).toEqual([{ family: "ip", name: "nat" }, { family: "ip", name: "filter" }]);
    expect(rs.chains.find((c) => c.name === "FORWARD")).toMatchObject({ table: "filter", hook: "forward", policy: "drop", type: "filter" });
    expect(rs.chains.find((c) => c.name === "DOCKER" && c.table === "filter")).toMatchObject({ hook: null, policy: null });
    expect(rs.rules.length).toBeGreaterThan(10);
    expect(JSON.stringify(rs.rules)).not.toContain('"counter"');
    expect(rs.truncated).toBe(false);
  });

  it("reads Homeport's own table back", () => {
    const rs = parseRuleset(fixture("homeport-table.json"));
    expect(rs.tables).toEqual([{ family: "inet", name: "homeport_fw" }]);
    expect(rs.rules.find((r) => r.comment === "ssh from lan")?.chain).toBe("input");
  });

  it("is bounded: a huge ruleset is cut and says so", () => {
    const rule = { rule: { family: "inet", table: "t", chain: "c", expr: [{ accept: null }] } };
    const rs = parseRuleset(JSON.stringify({ nftables: [{ table: { family: "inet", name: "t" } }, ...Array.from({ length: MAX_RULESET_RULES + 5 }, () => rule)] }));
    expect(rs.rules).toHaveLength(MAX_RULESET_RULES);
    expect(rs.truncated).toBe(true);
  });

  it("refuses what is not nft's JSON", () => {
    expect(() => parseRuleset('{"tables": []}')).toThrow();
    expect(() => parseRuleset("not json")).toThrow();
  });
});

describe("reading ip -j addr", () => {
  it("lists each interface, whether it is up, and its addresses with prefixes", () => {
    const ifs = parseInterfaces(fixture("ip-addr.json"));
    expect(ifs.map((i) => i.name)).toEqual(["lo", "docker0", "eth0"]);
    expect(ifs.find((i) => i.name === "eth0")).toEqual({ name: "eth0", up: true, addresses: ["198.51.100.10/24", "fe80::1/64"] });
  });
});
