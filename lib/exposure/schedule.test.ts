import { describe, expect, it } from "vitest";
import { decideScheduledScan, nextScanAt, type ScheduleFacts } from "./schedule";

const H = 3_600_000;
const T0 = new Date("2026-12-01T00:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * H);
const facts = (over: Partial<ScheduleFacts>): ScheduleFacts => ({
  intervalHours: 24, lastReportAt: T0, firstEnrolledAt: at(-100), running: false, agentsOnline: 1, now: at(1), ...over,
});

describe("the scheduled exposure scan decision", () => {
  it("is not due before the interval has passed since the last report, and says when it will be", () => {
    expect(decideScheduledScan(facts({ now: at(23.9) }))).toEqual({ run: false, reason: "not-due", nextAt: at(24) });
  });

  it("is due once the interval has passed, whatever triggered the last report", () => {
    expect(decideScheduledScan(facts({ now: at(24) }))).toEqual({ run: true });
    expect(decideScheduledScan(facts({ intervalHours: 1, now: at(1.5) }))).toEqual({ run: true });
  });

  it("never runs when the interval is 0 (off), however old the last report", () => {
    expect(decideScheduledScan(facts({ intervalHours: 0, now: at(10_000) }))).toEqual({ run: false, reason: "off", nextAt: null });
    expect(nextScanAt(facts({ intervalHours: 0 }))).toBeNull();
  });

  it("skips quietly while a scan runs or no agent is online, and runs at the next tick once they allow", () => {
    expect(decideScheduledScan(facts({ now: at(30), running: true }))).toMatchObject({ run: false, reason: "running" });
    expect(decideScheduledScan(facts({ now: at(30), agentsOnline: 0 }))).toMatchObject({ run: false, reason: "no-agent-online" });
    expect(decideScheduledScan(facts({ now: at(30.1) }))).toEqual({ run: true });
  });

  it("after days of downtime runs once: the new report resets the clock, not one scan per missed window", () => {
    const now = at(24 * 5 + 3); // five windows missed
    expect(decideScheduledScan(facts({ now }))).toEqual({ run: true });
    // That scan's report starts now: the next tick, a minute later, is not due for a whole interval.
    const after = decideScheduledScan(facts({ lastReportAt: now, now: new Date(now.getTime() + 60_000) }));
    expect(after).toEqual({ run: false, reason: "not-due", nextAt: new Date(now.getTime() + 24 * H) });
  });

  it("before any report counts from the first agent's enrollment, and waits while no agent was ever enrolled", () => {
    expect(decideScheduledScan(facts({ lastReportAt: null, firstEnrolledAt: null, now: at(1000) }))).toEqual({ run: false, reason: "no-agent-yet", nextAt: null });
    expect(decideScheduledScan(facts({ lastReportAt: null, firstEnrolledAt: at(0), now: at(2) }))).toEqual({ run: false, reason: "not-due", nextAt: at(24) });
    expect(decideScheduledScan(facts({ lastReportAt: null, firstEnrolledAt: at(0), now: at(25) }))).toEqual({ run: true });
  });

  it("never names a next time in the past: an overdue scan is due now", () => {
    expect(nextScanAt(facts({ now: at(100) }))).toEqual(at(100));
  });
});
