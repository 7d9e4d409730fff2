import { describe, expect, it } from "vitest";
import type { CheckInIncident, CheckInRoute } from "./schemas";
import { compareIncidents, compareRoutes, sideStatus, verdictOf, type CellFact } from "./verdict";

const cell = (vantageKind: string, status: string, stale = false): CellFact => ({ vantageKind, status, stale });

describe("sideStatus", () => {
  const cases: { desc: string; cells: CellFact[]; kind: "lan" | "remote"; want: string }[] = [
    { desc: "no vantage point of that kind", cells: [cell("lan", "up")], kind: "remote", want: "not-checked" },
    { desc: "every fresh cell up", cells: [cell("lan", "up"), cell("lan", "up")], kind: "lan", want: "ok" },
    { desc: "one fresh cell down is enough", cells: [cell("lan", "up"), cell("lan", "down")], kind: "lan", want: "fails" },
    { desc: "a stale down does not count", cells: [cell("remote", "down", true), cell("remote", "up")], kind: "remote", want: "ok" },
    { desc: "only stale or unknown cells", cells: [cell("remote", "down", true), cell("remote", "unknown")], kind: "remote", want: "unknown" },
    { desc: "the other side's failure is not this side's", cells: [cell("lan", "up"), cell("remote", "down")], kind: "lan", want: "ok" },
  ];
  for (const c of cases) it(c.desc, () => expect(sideStatus(c.cells, c.kind)).toBe(c.want));
});

const inc = (id: string, o: Partial<CheckInIncident> = {}): CheckInIncident => ({
  id, checkId: `c-${id}`, checkName: id, checkType: "http", routeId: null, kind: "down", startedAt: "2026-01-01T10:00:00.000Z",
  vantages: [], errorClass: null, message: null, acknowledgedAt: null, acknowledgedBy: null, ...o,
});

describe("compareIncidents", () => {
  it("puts unacknowledged before acknowledged, down before degraded, newest first", () => {
    const list = [
      inc("acked-down", { acknowledgedAt: "2026-01-01T11:00:00.000Z", acknowledgedBy: "a" }),
      inc("old-degraded", { kind: "degraded", startedAt: "2026-01-01T08:00:00.000Z" }),
      inc("old-down", { startedAt: "2026-01-01T08:00:00.000Z" }),
      inc("new-down", { startedAt: "2026-01-01T12:00:00.000Z" }),
    ];
    expect(list.sort(compareIncidents).map((i) => i.id)).toEqual(["new-down", "old-down", "old-degraded", "acked-down"]);
  });
});

const route = (hostname: string, lan: CheckInRoute["lan"], remote: CheckInRoute["remote"], incidentId: string | null = null): CheckInRoute => ({
  routeId: hostname, hostname, checkId: `c-${hostname}`, lan, remote, message: null, since: null, incidentId,
});

describe("compareRoutes", () => {
  it("lists both sides failing first, then LAN, then remote", () => {
    const list = [route("a-remote", "ok", "fails"), route("b-lan", "fails", "ok"), route("c-both", "fails", "fails")];
    expect(list.sort(compareRoutes).map((r) => r.hostname)).toEqual(["c-both", "b-lan", "a-remote"]);
  });
});

describe("verdictOf", () => {
  const cases: { desc: string; input: Parameters<typeof verdictOf>[0]; want: ReturnType<typeof verdictOf> }[] = [
    { desc: "nothing listed is all good", input: { incidents: [], routes: [], hosts: [], services: [] }, want: { verdict: "fine", headline: "All good", needsAttention: 0 } },
    {
      desc: "an unacknowledged incident is trouble",
      input: { incidents: [inc("x")], routes: [], hosts: [], services: [] },
      want: { verdict: "trouble", headline: "1 thing needs attention", needsAttention: 1 },
    },
    {
      desc: "a route already shown as its incident is counted once",
      input: { incidents: [inc("x")], routes: [route("r", "fails", "ok", "x")], hosts: [], services: [] },
      want: { verdict: "trouble", headline: "1 thing needs attention", needsAttention: 1 },
    },
    {
      desc: "only acknowledged incidents: attention, not counted",
      input: { incidents: [inc("x", { acknowledgedAt: "2026-01-01T00:00:00.000Z", acknowledgedBy: "a" })], routes: [], hosts: [], services: [] },
      want: { verdict: "attention", headline: "Acknowledged — 1 incident still open", needsAttention: 0 },
    },
    {
      desc: "unknown hosts and stopped services need attention but are not trouble",
      input: { incidents: [], routes: [], hosts: [{}], services: [{}, {}] },
      want: { verdict: "attention", headline: "3 things need attention", needsAttention: 3 },
    },
  ];
  for (const c of cases) it(c.desc, () => expect(verdictOf(c.input)).toEqual(c.want));
});
