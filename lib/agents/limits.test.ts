import { describe, expect, it } from "vitest";
import { AGENT_RATES, AgentLimits, MAX_VIOLATIONS, PenaltyBox, PENALTY_BASE_MS, PENALTY_MAX_MS, TokenBucket, VIOLATION_WINDOW_MS } from "./limits";

describe("TokenBucket", () => {
  it("lets a burst through, then one message per refill interval", () => {
    let t = 0;
    const b = new TokenBucket(2, 3, t);
    expect([b.take(t), b.take(t), b.take(t), b.take(t)]).toEqual([true, true, true, false]);
    expect(b.waitMs(t)).toBe(500);
    t += 499;
    expect(b.take(t)).toBe(false);
    t += 2;
    expect(b.take(t)).toBe(true);
  });
  it("never stores more than its burst, however long it waits", () => {
    const b = new TokenBucket(10, 2, 0);
    expect([b.take(1e9), b.take(1e9), b.take(1e9)]).toEqual([true, true, false]);
  });
});

describe("AgentLimits", () => {
  it("an honest agent's pace (stats every 15 s, heartbeat every 10 s) never hits a limit", () => {
    let now = 0;
    const l = new AgentLimits(() => now);
    for (let i = 0; i < 360; i++) {
      now = i * 5_000;
      if (i % 3 === 0) expect(l.allow("stats")).toBe(true);
      if (i % 2 === 0) expect(l.allow("heartbeat")).toBe(true);
    }
    expect(l.recentViolations).toBe(0);
  });
  it("a flood of snapshots is held to the rate", () => {
    const now = 1_000;
    const l = new AgentLimits(() => now);
    const allowed = Array.from({ length: 100 }, () => l.allow("snapshot")).filter(Boolean).length;
    expect(allowed).toBe(AGENT_RATES.snapshot.burst);
  });
  it("cuts off after more than MAX_VIOLATIONS within the window, and forgets old ones", () => {
    let now = 0;
    const l = new AgentLimits(() => now);
    for (let i = 0; i < MAX_VIOLATIONS; i++) expect(l.violate()).toBe(false);
    now = VIOLATION_WINDOW_MS + 1;
    expect(l.violate()).toBe(false); // the first MAX_VIOLATIONS aged out
    for (let i = 0; i < MAX_VIOLATIONS - 1; i++) l.violate();
    expect(l.violate()).toBe(true);
  });
});

describe("PenaltyBox", () => {
  it("keeps a flooder out for a doubling time, capped, and lets others in", () => {
    let now = 0;
    const box = new PenaltyBox(() => now);
    expect(box.punish("h1")).toBe(PENALTY_BASE_MS);
    expect(box.remainingMs("h1")).toBe(PENALTY_BASE_MS);
    expect(box.remainingMs("h2")).toBe(0);
    now += PENALTY_BASE_MS;
    expect(box.remainingMs("h1")).toBe(0);
    expect(box.punish("h1")).toBe(2 * PENALTY_BASE_MS);
    for (let i = 0; i < 20; i++) box.punish("h1");
    expect(box.remainingMs("h1")).toBe(PENALTY_MAX_MS);
  });
});
