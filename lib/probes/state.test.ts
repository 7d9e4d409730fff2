import { describe, expect, it } from "vitest";
import { isStale, nextCellState, overallStatus, planIncident, type CellState, type OpenIncident } from "./state";
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
    { desc: "down to degraded keeps down", open: open("down", ["a", "b"]), next: "degraded", failing: ["a"], want: { action: "none" } },
    { desc: "a new failing vantage widens", open: open("degraded", ["a"]), next: "degraded", failing: ["c"], want: { action: "update", kind: "degraded", vantages: ["a", "c"] } },
  ];
  for (const c of cases) it(c.desc, () => expect(planIncident(c.open, c.next, c.failing)).toEqual(c.want));
});

describe("isStale", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  it("no result yet is stale", () => expect(isStale(null, 60, now)).toBe(true));
  it("a recent result is fresh", () => expect(isStale(new Date(now.getTime() - 60_000), 60, now)).toBe(false));
  it("a result older than the floor and three intervals is stale", () => expect(isStale(new Date(now.getTime() - 6 * 60_000), 60, now)).toBe(true));
  it("long intervals stretch the window", () => expect(isStale(new Date(now.getTime() - 2 * 3600_000), 3600, now)).toBe(false));
});
