import { describe, expect, it } from "vitest";
import { FirewallRuleSchema } from "@/lib/protocol/firewall";
import { hostsByAttention, ruleWords } from "./firewall-model";

describe("firewall words", () => {
  it("says a rule as a person would", () => {
    expect(ruleWords(FirewallRuleSchema.parse({ direction: "in", action: "accept", proto: "tcp", ports: [22], addr: "198.51.100.0/24" }))).toBe("Allow tcp 22 in from 198.51.100.0/24");
    expect(ruleWords(FirewallRuleSchema.parse({ direction: "in", action: "accept", iface: "docker0" }))).toBe("Allow everything in from anywhere on docker0");
    expect(ruleWords(FirewallRuleSchema.parse({ direction: "out", action: "drop", proto: "tcp", ports: [3000], addr: "198.51.100.1" }))).toBe("Drop tcp 3000 out to 198.51.100.1");
  });

  it("lists the hosts whose last change was reverted or failed first", () => {
    const h = (name: string, status: "confirmed" | "reverted" | "applied" | null, online = true) => ({ id: name, name, online, allowFirewall: true, lastChange: status ? { status, createdAt: "2026-01-01T00:00:00Z" } : null });
    expect(hostsByAttention([h("a", "confirmed"), h("b", null, false), h("c", "applied"), h("d", "reverted")]).map((x) => x.name)).toEqual(["d", "c", "b", "a"]);
  });
});
