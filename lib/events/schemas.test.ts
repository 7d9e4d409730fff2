import { describe, expect, it } from "vitest";
import { checkResultsEvent, concernsCheck, LIVE_RESULTS_MAX_CHECKS, matchesFilter, parseLiveEventData, type LiveEvent } from "./schemas";

describe("parseLiveEventData", () => {
  it("parses a known event", () => {
    expect(parseLiveEventData(JSON.stringify({ type: "incident/resolved", incidentId: "i1", checkId: "c1" }))).toEqual({ type: "incident/resolved", incidentId: "i1", checkId: "c1" });
  });
  it("drops malformed JSON, unknown types and wrong shapes instead of throwing", () => {
    expect(parseLiveEventData("{not json")).toBeNull();
    expect(parseLiveEventData(JSON.stringify({ type: "shell/exec", cmd: "rm -rf /" }))).toBeNull();
    expect(parseLiveEventData(JSON.stringify({ type: "incident/opened", incidentId: "i1", checkId: "c1", kind: "exploded" }))).toBeNull();
    expect(parseLiveEventData("null")).toBeNull();
  });
  it("drops a checks/results event naming more checks than the bound", () => {
    const ids = Array.from({ length: LIVE_RESULTS_MAX_CHECKS + 1 }, (_, i) => `c${i}`);
    expect(parseLiveEventData(JSON.stringify({ type: "checks/results", vantageId: "v", checkIds: ids, truncated: false }))).toBeNull();
  });
});

describe("checkResultsEvent", () => {
  it("names each check once", () => {
    expect(checkResultsEvent("control-plane", ["a", "b", "a"])).toEqual({ type: "checks/results", vantageId: "control-plane", checkIds: ["a", "b"], truncated: false });
  });
  it("stays within the bound for a huge batch and says it left checks out; a check left out still counts as concerned", () => {
    const ids = Array.from({ length: LIVE_RESULTS_MAX_CHECKS + 10 }, (_, i) => `c${i}`);
    const e = checkResultsEvent("v", ids);
    expect(e.checkIds).toHaveLength(LIVE_RESULTS_MAX_CHECKS);
    expect(e.truncated).toBe(true);
    expect(parseLiveEventData(JSON.stringify(e))).toEqual(e);
    expect(concernsCheck(e, `c${LIVE_RESULTS_MAX_CHECKS + 5}`)).toBe(true);
  });
});

describe("concernsCheck", () => {
  const results = checkResultsEvent("v", ["c1"]);
  it("matches results, status changes and incidents of that check only", () => {
    expect(concernsCheck(results, "c1")).toBe(true);
    expect(concernsCheck(results, "c2")).toBe(false);
    expect(concernsCheck({ type: "checks/status", checks: [{ checkId: "c2", status: "down" }] }, "c2")).toBe(true);
    expect(concernsCheck({ type: "checks/status", checks: [{ checkId: "c2", status: "down" }] }, "c1")).toBe(false);
    expect(concernsCheck({ type: "incident/opened", incidentId: "i", checkId: "c1", kind: "down" }, "c1")).toBe(true);
    expect(concernsCheck({ type: "incident/resolved", incidentId: "i", checkId: "c9" }, "c1")).toBe(false);
    expect(concernsCheck({ type: "container/removed", hostId: "c1", containerId: "c1", serviceId: null }, "c1")).toBe(false);
  });
});

describe("matchesFilter", () => {
  const removed: LiveEvent = { type: "container/removed", hostId: "h1", containerId: "x", serviceId: "s1" };
  it("keeps what the filter names and drops the rest; check events pass only an unfiltered stream", () => {
    expect(matchesFilter(removed, {})).toBe(true);
    expect(matchesFilter(removed, { hostId: "h1" })).toBe(true);
    expect(matchesFilter(removed, { hostId: "h2" })).toBe(false);
    expect(matchesFilter(removed, { serviceId: "s2" })).toBe(false);
    expect(matchesFilter(checkResultsEvent("v", ["c1"]), {})).toBe(true);
    expect(matchesFilter(checkResultsEvent("v", ["c1"]), { hostId: "h1" })).toBe(false);
  });
});
