// The exposure report's view logic: what a user reads first (critical and new on top), what the
// filters keep, the score's colour and the per-vantage figures.
import { describe, expect, it } from "vitest";
import type { Finding, ScanRow } from "@/lib/exposure/schemas";
import { countBy, diffWords, filterFindings, formatDurationMs, rankFindings, reportDuration, severityTone, summarizeScans, whereLine, worstSeverity } from "./exposure-model";

const f = (over: Partial<Finding> & Pick<Finding, "key" | "severity">): Finding => ({
  rule: "unexpected-public-port",
  category: "exposure",
  title: over.key,
  detail: "d",
  fix: "x",
  hostId: "h1",
  hostName: "nas",
  isNew: false,
  ...over,
});

const remote = { id: "v2", name: "vps", kind: "remote" as const };

describe("rankFindings", () => {
  it("puts critical first, new before known within a severity, then host and port", () => {
    const ranked = rankFindings([
      f({ key: "low", severity: "low", isNew: true }),
      f({ key: "high-old", severity: "high" }),
      f({ key: "crit-pi", severity: "critical", hostName: "pi" }),
      f({ key: "high-new", severity: "high", isNew: true }),
      f({ key: "crit-nas-8080", severity: "critical", address: "10.0.0.2", port: 8080 }),
      f({ key: "crit-nas-22", severity: "critical", address: "10.0.0.2", port: 22 }),
    ]);
    expect(ranked.map((x) => x.key)).toEqual(["crit-nas-22", "crit-nas-8080", "crit-pi", "high-new", "high-old", "low"]);
  });

  it("does not reorder the list it was given", () => {
    const list = [f({ key: "b", severity: "low" }), f({ key: "a", severity: "critical" })];
    rankFindings(list);
    expect(list.map((x) => x.key)).toEqual(["b", "a"]);
  });
});

describe("filters and counts", () => {
  const list = [
    f({ key: "1", severity: "critical" }),
    f({ key: "2", severity: "high", category: "posture" }),
    f({ key: "3", severity: "high" }),
    f({ key: "4", severity: "low", category: "posture" }),
  ];
  it("keeps what matches both the severity and the category", () => {
    expect(filterFindings(list, { severity: "all", category: "all" })).toHaveLength(4);
    expect(filterFindings(list, { severity: "high", category: "all" }).map((x) => x.key)).toEqual(["2", "3"]);
    expect(filterFindings(list, { severity: "high", category: "posture" }).map((x) => x.key)).toEqual(["2"]);
    expect(filterFindings(list, { severity: "medium", category: "all" })).toEqual([]);
  });
  it("counts per severity and category", () => {
    expect(countBy(list)).toEqual({ severity: { critical: 1, high: 2, medium: 0, low: 1 }, category: { exposure: 2, posture: 2 } });
  });
});

describe("the score's colour", () => {
  it("follows the worst finding, and is green with none", () => {
    expect(worstSeverity({ critical: 0, high: 0, medium: 3, low: 9 })).toBe("medium");
    expect(severityTone(worstSeverity({ critical: 1, high: 0, medium: 0, low: 0 }))).toBe("danger");
    expect(severityTone(worstSeverity({ critical: 0, high: 0, medium: 0, low: 0 }))).toBe("success");
  });
});

describe("whereLine", () => {
  it("names the host, the address and port and the vantage in words", () => {
    expect(whereLine(f({ key: "a", severity: "high", address: "203.0.113.5", port: 2375, vantage: remote }))).toBe("nas · 203.0.113.5:2375 · from away (vps)");
    expect(whereLine(f({ key: "b", severity: "high", address: "fd00::2", port: 22, vantage: { id: "v1", name: "nas", kind: "lan" } }))).toBe("nas · [fd00::2]:22 · from the LAN (nas)");
  });
  it("names the container of a posture finding that belongs to no service", () => {
    expect(whereLine(f({ key: "c", severity: "low", category: "posture", containerName: "old-job" }))).toBe("nas · container old-job");
    expect(whereLine(f({ key: "d", severity: "low", category: "posture", containerName: "web", serviceName: "web", serviceId: "s1" }))).toBe("nas");
  });
});

describe("summarizeScans", () => {
  const row = (over: Partial<ScanRow>): ScanRow => ({ vantageId: "v1", vantageName: "nas", vantageKind: "lan", hostId: "h1", hostName: "nas", address: "10.0.0.2", portsTried: 1000, open: [22], error: null, durationMs: 1200, ...over });
  it("adds up hosts, ports and open ports per vantage, and lists the failures first", () => {
    const s = summarizeScans([
      row({}),
      row({ hostId: "h2", hostName: "pi", address: "10.0.0.3", open: [80, 443], durationMs: 3000 }),
      row({ vantageId: "v2", vantageName: "vps", vantageKind: "remote", open: [], error: "agent offline" }),
    ]);
    expect(s).toEqual([
      { vantageId: "v2", vantageName: "vps", vantageKind: "remote", hosts: 1, portsTried: 1000, open: 0, errors: ["nas: agent offline"], durationMs: 1200 },
      { vantageId: "v1", vantageName: "nas", vantageKind: "lan", hosts: 2, portsTried: 2000, open: 3, errors: [], durationMs: 3000 },
    ]);
  });
});

describe("durations and the diff", () => {
  it("words durations", () => {
    expect(formatDurationMs(850)).toBe("850 ms");
    expect(formatDurationMs(42_000)).toBe("42 s");
    expect(formatDurationMs(185_000)).toBe("3 min 5 s");
    expect(reportDuration({ startedAt: "2026-12-01T10:00:00.000Z", finishedAt: null })).toBeNull();
    expect(reportDuration({ startedAt: "2026-12-01T10:00:00.000Z", finishedAt: "2026-12-01T10:00:12.400Z" })).toBe("12 s");
  });
  it("says nothing about a diff when there was no previous report", () => {
    expect(diffWords(null)).toBeNull();
    expect(diffWords({ previousId: null, newCount: 4, resolved: [] })).toBeNull();
    expect(diffWords({ previousId: "r0", newCount: 2, resolved: [{ key: "k", title: "t", severity: "high" }] })).toEqual({ added: "2 new since the last report", resolved: "1 resolved" });
  });
});
