import { describe, expect, it } from "vitest";
import { checkTransitions, observeOutcome, type Result } from "./observe";
import { localNets, networkOf } from "./nets";
import type { Prediction } from "./schemas";

const t0 = Date.parse("2026-03-01T10:00:00Z");
const at = (s: number) => new Date(t0 + s * 1000);
const r = (checkId: string, vantageId: string, s: number, ok: boolean): Result => ({ checkId, vantageId, at: at(s), ok });
const kinds = new Map([["lanagent", "lan"], ["remoteagent", "remote"]]);
const route: Prediction = { type: "route", id: "r1", name: "app.home.example", lan: "up", away: "down", why: "", checkIds: ["c1"] };

describe("observed outcome", () => {
  it("the away side went red, the LAN stayed green: matches the prediction, with detect and recover times", () => {
    const results = [r("c1", "lanagent", 5, true), r("c1", "remoteagent", 8, false), r("c1", "remoteagent", 20, false), r("c1", "lanagent", 25, true), r("c1", "remoteagent", 65, true)];
    const o = observeOutcome([route], results, kinds, { start: at(0), revertedAt: at(60), until: at(300) });
    expect(o.items[0]).toMatchObject({ observed: { lan: "up", away: "down" }, matches: true, failedVantages: ["remoteagent"], detectMs: 8000, recoverMs: 5000, recovered: true });
    expect(o).toMatchObject({ matched: 1, mismatched: 0, unobserved: 0 });
  });

  it("a prediction of down that stayed green is a mismatch; no results is unobserved; no pass after the revert is not recovered", () => {
    const green = observeOutcome([route], [r("c1", "lanagent", 5, true), r("c1", "remoteagent", 5, true)], kinds, { start: at(0), revertedAt: at(60), until: at(300) });
    expect(green.items[0]!.matches).toBe(false);
    expect(green.mismatched).toBe(1);
    expect(observeOutcome([route], [], kinds, { start: at(0), revertedAt: null, until: at(30) }).items[0]!.matches).toBeNull();
    const stuck = observeOutcome([route], [r("c1", "remoteagent", 5, false), r("c1", "remoteagent", 70, false)], kinds, { start: at(0), revertedAt: at(60), until: at(300) });
    expect(stuck.items[0]).toMatchObject({ recovered: false, recoverMs: null });
  });

  it("results of other checks and from before the start do not count", () => {
    const o = observeOutcome([route], [r("c2", "remoteagent", 5, false), r("c1", "remoteagent", -5, false)], kinds, { start: at(0), revertedAt: at(60), until: at(300) });
    expect(o.items[0]!.observed).toEqual({ lan: "unknown", away: "unknown" });
  });

  it("the timeline lists each check going red and green again per vantage, not every result", () => {
    const names = new Map([["c1", "app.home.example"]]);
    const v = new Map([["remoteagent", "vps"]]);
    const entries = checkTransitions([r("c1", "remoteagent", 8, false), r("c1", "remoteagent", 20, false), r("c1", "remoteagent", 65, true)], new Map([["c1\u0000remoteagent", true]]), names, v);
    expect(entries.map((e) => [e.kind, e.text])).toEqual([["check-down", "app.home.example fails from vps"], ["check-up", "app.home.example passes again from vps"]]);
  });
});

describe("LAN networks an internet-down keeps", () => {
  it("adds each LAN host's /24 (/64) and the control plane's addresses to the setting, without duplicates", () => {
    expect(networkOf("192.168.1.20")).toBe("192.168.1.0/24");
    expect(networkOf("fd12:3456::7")).toBe("fd12:3456:0:0::/64");
    expect(networkOf("nas.local")).toBeNull();
    expect(localNets(["198.51.100.0/24"], ["198.51.100.2", "10.1.2.3"], ["198.51.100.1/32"])).toEqual(["198.51.100.0/24", "10.1.2.0/24", "198.51.100.1/32"]);
  });
});
