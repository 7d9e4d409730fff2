import { describe, expect, it } from "vitest";
import { FirewallPlanSchema, renderHomeportTable, replaceTableScript } from "@/lib/protocol/firewall";
import { buildPreview, lineDiff, normaliseLines, previewHash } from "./plan";

const plan = FirewallPlanSchema.parse({
  inputPolicy: "drop",
  rules: [
    { direction: "in", action: "accept", proto: "tcp", ports: [443, 80, 80] },
    { direction: "in", action: "accept", proto: "tcp", ports: [22], addr: "198.51.100.0/24", comment: "ssh" },
    { direction: "out", action: "drop", proto: "tcp", ports: [3000], addr: "198.51.100.1", iface: "eth0" },
    { direction: "in", action: "accept", proto: "icmp", addr: "2001:db8::/32" },
  ],
});

describe("nft text rendering", () => {
  it("renders only Homeport's table, in the form nft lists it back", () => {
    const text = renderHomeportTable(plan);
    expect(text.split("\n")[0]).toBe("table inet homeport_fw {");
    expect(text).toContain("type filter hook input priority filter; policy drop;");
    expect(text).toContain("ct state established,related accept");
    expect(text).toContain("tcp dport { 80, 443 } accept");
    expect(text).toContain('ip saddr 198.51.100.0/24 tcp dport 22 accept comment "ssh"');
    expect(text).toContain('oifname "eth0" ip daddr 198.51.100.1 tcp dport 3000 drop');
    expect(text).toContain("ip6 saddr 2001:db8::/32 meta l4proto { icmp, ipv6-icmp } accept");
    expect(text).not.toMatch(/table (ip|ip6|inet) (?!homeport_fw)/);
  });

  it("replaces the table in one transaction (create, delete, define) and deletes it when there is none to restore", () => {
    expect(replaceTableScript("table inet homeport_fw {}\n")).toBe("table inet homeport_fw\ndelete table inet homeport_fw\ntable inet homeport_fw {}\n");
    expect(replaceTableScript(null)).toBe("table inet homeport_fw\ndelete table inet homeport_fw\n");
  });

  it("refuses rule fields that could smuggle nft syntax", () => {
    expect(FirewallPlanSchema.safeParse({ inputPolicy: "drop", rules: [{ direction: "in", action: "accept", comment: 'x" ; flush ruleset ; "' }] }).success).toBe(false);
    expect(FirewallPlanSchema.safeParse({ inputPolicy: "drop", rules: [{ direction: "in", action: "accept", iface: "eth0; flush" }] }).success).toBe(false);
    expect(FirewallPlanSchema.safeParse({ inputPolicy: "drop", rules: [{ direction: "in", action: "accept", addr: "1.2.3.4 accept" }] }).success).toBe(false);
  });
});

describe("the plan preview", () => {
  it("diffs against the table in force, ignoring nft's spacing and handles", () => {
    const current = "table inet homeport_fw { # handle 4\n\tchain input { # handle 1\n\t\ttype filter hook input priority filter; policy drop;\n\t\ttcp dport 8080 accept # handle 9\n\t}\n}\n";
    const p = buildPreview(plan, current, []);
    expect(p.diff.filter((d) => d.op === "remove").map((d) => d.line)).toEqual(["tcp dport 8080 accept"]);
    expect(p.diff.filter((d) => d.op === "add").map((d) => d.line)).toContain("tcp dport { 80, 443 } accept");
    expect(p.diff.find((d) => d.line === "type filter hook input priority filter; policy drop;")?.op).toBe("same");
    expect(p.nftText).toBe(renderHomeportTable(plan));
  });

  it("with no table in force, everything is added", () => {
    const p = buildPreview(plan, null, []);
    expect(p.diff.every((d) => d.op === "add")).toBe(true);
    expect(p.diff).toHaveLength(normaliseLines(p.nftText).length);
  });

  it("names the preview: another plan or a changed table gives another hash", () => {
    const h = previewHash(plan, null);
    expect(h).toMatch(/^[a-f0-9]{64}$/);
    expect(previewHash(plan, null)).toBe(h);
    expect(previewHash({ ...plan, inputPolicy: "accept" }, null)).not.toBe(h);
    expect(previewHash(plan, "table inet homeport_fw {}")).not.toBe(h);
  });

  it("diffs lines as a longest common subsequence", () => {
    expect(lineDiff(["a", "b", "c"], ["a", "x", "c"])).toEqual([{ op: "same", line: "a" }, { op: "remove", line: "b" }, { op: "add", line: "x" }, { op: "same", line: "c" }]);
  });
});

describe("the preview's hash survives a round trip through JSON", () => {
  it("hashes the same plan written with its keys in another order", () => {
    const shuffled = { rules: plan.rules.map((r) => Object.fromEntries(Object.entries(r).reverse())), allowIcmp: true, allowLoopback: true, allowEstablished: true, outputPolicy: "accept", inputPolicy: "drop" } as unknown as typeof plan;
    expect(previewHash(shuffled, null)).toBe(previewHash(plan, null));
  });
});
