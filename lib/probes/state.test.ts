import { describe, expect, it } from "vitest";
import { isStale, judgeResult, lateCount, nextCellState, overallStatus, planIncident, type CellState, type OpenIncident } from "./state";
import type { VantageResult } from "./engine/schemas";
import type { CellStatus, CheckStatus } from "./schemas";

describe("nextCellState", () => {
  const cases: { desc: string; prev?: CellState; ok: boolean; retries: number; want: CellState }[] = [
    { desc: "success is up at once", prev: { status: "down", consecutiveFailures: 4 }, ok: true, retries: 2, want: { status: "up", consecutiveFailures: 0 } },
    { desc: "first failure with no retries is down", ok: false, retries: 0, want: { status: "down", consecutiveFailures: 1 } },
    { desc: "failure within retries keeps up", prev: { status: "up", consecutiveFailures: 0 }, ok: false, retries: 1, want: { status: "up", consecutiveFailures: 1 } },
    { desc: "failure past retries is down", prev: { status: "up", consecutiveFailures: 1 }, ok: false, retries: 1, want: { status: "down", consecutiveFailures: 2 } },
    { desc: "first-ever failure within retries stays unknown", ok: false, retries: 2, want: { status: "unknown", consecutiveFailures: 1 } },
  ];
  for (const c of cases) it(c.desc, () => expect(nextCellState(c.prev, c.ok, c.retries)).toEqual(c.want));
});

describe("overallStatus", () => {
  const cases: { desc: string; cells: CellStatus[]; want: CheckStatus }[] = [
    { desc: "no cells", cells: [], want: "unknown" },
    { desc: "only unknown", cells: ["unknown", "unknown"], want: "unknown" },
    { desc: "all up", cells: ["up", "up"], want: "up" },
    { desc: "up and unknown (agent gone) is up, not down", cells: ["up", "unknown"], want: "up" },
    { desc: "all down", cells: ["down", "down", "unknown"], want: "down" },
    { desc: "LAN passes, remote fails: degraded", cells: ["up", "down"], want: "degraded" },
  ];
  for (const c of cases) it(c.desc, () => expect(overallStatus(c.cells)).toBe(c.want));
});

describe("planIncident", () => {
  const open = (kind: OpenIncident["kind"], vantages: string[]): OpenIncident => ({ kind, vantages });
  const cases: { desc: string; open: OpenIncident | null; next: CheckStatus; failing: string[]; want: ReturnType<typeof planIncident> }[] = [
    { desc: "up with nothing open", open: null, next: "up", failing: [], want: { action: "none" } },
    { desc: "down opens", open: null, next: "down", failing: ["b", "a"], want: { action: "open", kind: "down", vantages: ["a", "b"] } },
    { desc: "degraded opens a degraded incident", open: null, next: "degraded", failing: ["remote-1"], want: { action: "open", kind: "degraded", vantages: ["remote-1"] } },
    { desc: "up closes", open: open("down", ["a"]), next: "up", failing: [], want: { action: "close" } },
    { desc: "unknown changes nothing", open: open("down", ["a"]), next: "unknown", failing: [], want: { action: "none" } },
    { desc: "degraded to down escalates", open: open("degraded", ["a"]), next: "down", failing: ["a", "b"], want: { action: "update", kind: "down", vantages: ["a", "b"] } },
    { desc: "down to degraded (some vantages recovered) follows the check; the vantages that saw it stay", open: open("down", ["a", "b"]), next: "degraded", failing: ["a"], want: { action: "update", kind: "degraded", vantages: ["a", "b"] } },
    { desc: "degraded back to down follows again", open: open("degraded", ["a", "b"]), next: "down", failing: ["a", "b"], want: { action: "update", kind: "down", vantages: ["a", "b"] } },
    { desc: "down while still down changes nothing", open: open("down", ["a", "b"]), next: "down", failing: ["b"], want: { action: "none" } },
    { desc: "degraded while still degraded by the same vantages changes nothing", open: open("degraded", ["a"]), next: "degraded", failing: ["a"], want: { action: "none" } },
    { desc: "a new failing vantage widens", open: open("degraded", ["a"]), next: "degraded", failing: ["c"], want: { action: "update", kind: "degraded", vantages: ["a", "c"] } },
    { desc: "a kind change and a new vantage at once", open: open("down", ["a"]), next: "degraded", failing: ["c"], want: { action: "update", kind: "degraded", vantages: ["a", "c"] } },
  ];
  for (const c of cases) it(c.desc, () => expect(planIncident(c.open, c.next, c.failing)).toEqual(c.want));
});

describe("lateCount: results no newer than the cell's last verdict", () => {
  const at = (s: number) => ({ at: new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString() });
  const last = new Date(Date.UTC(2026, 0, 1, 12, 0, 10));
  it("no cell yet: none is late", () => expect(lateCount([at(1), at(2)], null)).toBe(0));
  it("all newer: none is late", () => expect(lateCount([at(11), at(12)], last)).toBe(0));
  it("older and equal ones are late, newer ones are not", () => expect(lateCount([at(1), at(10), at(11)], last)).toBe(2));
  it("all older: all are late", () => expect(lateCount([at(1), at(2)], last)).toBe(2));
  it("nothing: nothing is late", () => expect(lateCount([], last)).toBe(0));
});

describe("isStale", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  it("no result yet is stale", () => expect(isStale(null, 60, now)).toBe(true));
  it("a recent result is fresh", () => expect(isStale(new Date(now.getTime() - 60_000), 60, now)).toBe(false));
  it("a result older than the floor and three intervals is stale", () => expect(isStale(new Date(now.getTime() - 6 * 60_000), 60, now)).toBe(true));
  it("long intervals stretch the window", () => expect(isStale(new Date(now.getTime() - 2 * 3600_000), 3600, now)).toBe(false));
});

describe("judgeResult: the check's expectation", () => {
  const raw = (over: Partial<VantageResult>): VantageResult => ({
    checkId: "c1", at: "2026-01-01T00:00:00.000Z", ok: true, errorClass: null, message: null, latencyMs: 12,
    timing: { dnsMs: 1, connectMs: 2, tlsMs: 3, firstByteMs: 4 }, statusCode: 200, tls: null, answers: null, fingerprint: "route-1", ...over,
  });
  const failures: VantageResult["errorClass"][] = ["dns_failure", "refused", "timeout", "unreachable", "tls_error", "http_status", "reset"];

  it("reachable: results pass through unchanged", () => {
    const r = raw({});
    expect(judgeResult(r, "reachable", "VPS")).toBe(r);
    const f = raw({ ok: false, errorClass: "refused", message: "ECONNREFUSED" });
    expect(judgeResult(f, "reachable", "VPS")).toBe(f);
  });

  for (const errorClass of failures) {
    it(`unreachable: a ${errorClass} failure counts as up and keeps the reason`, () => {
      const j = judgeResult(raw({ ok: false, errorClass, message: "why", fingerprint: null }), "unreachable", "VPS");
      expect(j).toMatchObject({ ok: true, errorClass: null });
      expect(j.message).toBe(`not reachable, as expected: ${errorClass} (why)`);
    });
  }

  it("unreachable: an answer is down with error class exposed, naming the vantage point and who answered", () => {
    const j = judgeResult(raw({}), "unreachable", "VPS agent");
    expect(j).toMatchObject({ ok: false, errorClass: "exposed", fingerprint: "route-1", statusCode: 200, latencyMs: 12 });
    expect(j.message).toBe("reachable from VPS agent but should not be (answered by route route-1)");
    expect(judgeResult(raw({ fingerprint: null }), "unreachable", "VPS").message).toBe("reachable from VPS but should not be (HTTP 200)");
  });

  it("unreachable, through the cell machine: exposed goes down after the retries, a refusal brings it up at once", () => {
    let cell: CellState | undefined;
    for (const r of [raw({}), raw({})]) cell = nextCellState(cell, judgeResult(r, "unreachable", "VPS").ok, 1);
    expect(cell).toEqual({ status: "down", consecutiveFailures: 2 });
    cell = nextCellState(cell, judgeResult(raw({ ok: false, errorClass: "refused" }), "unreachable", "VPS").ok, 1);
    expect(cell).toEqual({ status: "up", consecutiveFailures: 0 });
    expect(planIncident({ kind: "down", vantages: ["vps"] }, overallStatus([cell.status]), [])).toEqual({ action: "close" });
  });
});
