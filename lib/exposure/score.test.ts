import { describe, expect, it } from "vitest";
import type { RawFinding } from "./findings";
import { countBySeverity, diffFindings, rankFindings, scoreOf } from "./score";
import type { Severity } from "./schemas";

const raw = (key: string, severity: Severity, hostName = "nas", port?: number): RawFinding => ({
  key, rule: key.split("|")[0]!, severity, category: "exposure", title: key, detail: "", fix: "", hostId: "h", hostName, ...(port ? { port } : {}),
});

describe("score", () => {
  it("is 100 with nothing found and falls with each finding by severity", () => {
    expect(scoreOf({ critical: 0, high: 0, medium: 0, low: 0 })).toBe(100);
    const one = (sev: Severity) => scoreOf({ critical: 0, high: 0, medium: 0, low: 0, [sev]: 1 });
    expect(one("low")).toBeGreaterThan(one("medium"));
    expect(one("medium")).toBeGreaterThan(one("high"));
    expect(one("high")).toBeGreaterThan(one("critical"));
  });

  it("a pile of low findings never outweighs one critical, and a critical keeps the score low", () => {
    expect(scoreOf({ critical: 0, high: 0, medium: 0, low: 500 })).toBeGreaterThan(scoreOf({ critical: 1, high: 0, medium: 0, low: 0 }));
    expect(scoreOf({ critical: 1, high: 0, medium: 0, low: 0 })).toBeLessThanOrEqual(40);
    expect(scoreOf({ critical: 9, high: 9, medium: 9, low: 9 })).toBe(0);
  });
});

describe("rank and diff", () => {
  it("ranks by severity, then new first, then host and port", () => {
    const { findings } = diffFindings(
      [raw("a|1", "low", "a", 1), raw("b|1", "critical", "z", 9), raw("c|1", "high", "b", 2), raw("d|1", "high", "a", 5), raw("e|1", "high", "a", 3)],
      { id: "prev", findings: [{ key: "e|1", title: "e", severity: "high" }] },
    );
    expect(findings.map((f) => f.key)).toEqual(["b|1", "d|1", "c|1", "e|1", "a|1"]);
    expect(rankFindings(findings)).toEqual(findings);
  });

  it("names what is new and what was resolved against the previous report", () => {
    const prev = { id: "r0", findings: [{ key: "x", title: "old admin port", severity: "critical" as const }, { key: "y", title: "kept", severity: "low" as const }] };
    const { findings, diff } = diffFindings([raw("y", "low"), raw("z", "high")], prev);
    expect(findings.find((f) => f.key === "z")?.isNew).toBe(true);
    expect(findings.find((f) => f.key === "y")?.isNew).toBe(false);
    expect(diff).toEqual({ previousId: "r0", newCount: 1, resolved: [{ key: "x", title: "old admin port", severity: "critical" }] });
  });

  it("with no previous report everything is new and nothing is resolved", () => {
    const { findings, diff } = diffFindings([raw("a", "high")], null);
    expect(findings[0]?.isNew).toBe(true);
    expect(diff).toEqual({ previousId: null, newCount: 1, resolved: [] });
    expect(countBySeverity(findings)).toEqual({ critical: 0, high: 1, medium: 0, low: 0 });
  });
});
