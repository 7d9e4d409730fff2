import { describe, expect, it } from "vitest";
import type { HeartbeatResult } from "@/lib/probes/heartbeats";
import { barsForWidth, MAX_BARS, MIN_BARS, summarise, toBeats } from "./heartbeat-model";

const T0 = Date.parse("2026-12-06T08:00:00Z");
const I = 60;
const at = (i: number, jitterMs = 0) => new Date(T0 + i * I * 1000 + jitterMs).toISOString();
const res = (i: number, ok: boolean, vantageId = "cp", extra: Partial<HeartbeatResult> = {}): HeartbeatResult => ({ at: at(i), vantageId, ok, latencyMs: ok ? 20 : null, errorClass: ok ? null : "refused", ...extra });
const statuses = (b: { status: string }[]) => b.map((x) => x.status).join(" ");

describe("heartbeat bucketing", () => {
  it("no data: every bar is grey, none claims a time", () => {
    const beats = toBeats([], { intervalSec: I, now: T0, count: 5 });
    expect(statuses(beats)).toBe("none none none none none");
    expect(beats.every((b) => b.at === null)).toBe(true);
    expect(summarise(beats).rounds).toBe(0);
  });

  it("one result: one green bar on the right, the rest padding", () => {
    const beats = toBeats([res(0, true)], { intervalSec: I, now: T0 + 1000, count: 4 });
    expect(statuses(beats)).toBe("none none none up");
    expect(beats[3]).toMatchObject({ latencyMs: 20, at: T0 });
  });

  it("newest on the right; a failure after successes is the last bar", () => {
    const beats = toBeats([res(2, false), res(0, true), res(1, true)], { intervalSec: I, now: T0 + 2 * I * 1000 + 500, count: 3 });
    expect(statuses(beats)).toBe("up up down");
    expect(beats[2]!.errorClass).toBe("refused");
  });

  it("all failed: all red with the error class", () => {
    const beats = toBeats([0, 1, 2].map((i) => res(i, false, "cp", { errorClass: "timeout" })), { intervalSec: I, now: T0 + 2 * I * 1000, count: 3 });
    expect(statuses(beats)).toBe("down down down");
    expect(beats.every((b) => b.errorClass === "timeout")).toBe(true);
  });

  it("one vantage point passing and another failing in the same round is degraded; each side alone is not", () => {
    const results = [res(0, true, "lan"), { ...res(0, false, "vps"), at: at(0, 4000) }];
    expect(statuses(toBeats(results, { intervalSec: I, now: T0 + 10_000, count: 1 }))).toBe("degraded");
    expect(statuses(toBeats(results, { intervalSec: I, now: T0 + 10_000, count: 1, vantageIds: ["lan"] }))).toBe("up");
    expect(statuses(toBeats(results, { intervalSec: I, now: T0 + 10_000, count: 1, vantageIds: ["vps"] }))).toBe("down");
  });

  it("two results of the same vantage point close together (Run checks now) are two bars", () => {
    const beats = toBeats([res(0, true), { ...res(0, false), at: at(0, 5000) }], { intervalSec: I, now: T0 + 6000, count: 2 });
    expect(statuses(beats)).toBe("up down");
  });

  it("a hole in the results is one grey bar, not a green one", () => {
    const beats = toBeats([res(0, true), res(10, true)], { intervalSec: I, now: T0 + 10 * I * 1000, count: 3 });
    expect(statuses(beats)).toBe("up none up");
    expect(beats[1]).toMatchObject({ at: T0 + I * 1000, until: T0 + 10 * I * 1000 });
  });

  it("a paused check ends with a grey paused bar", () => {
    const beats = toBeats([res(0, true), res(1, true)], { intervalSec: I, now: T0 + 60 * I * 1000, count: 3, pausedAt: at(2) });
    expect(statuses(beats)).toBe("up up paused");
    expect(beats[2]!.at).toBe(T0 + 2 * I * 1000);
    expect(statuses(toBeats([res(0, true)], { intervalSec: I, now: T0, count: 2, enabled: false }))).toBe("up paused");
  });

  it("a check that fell silent ends with a grey bar", () => {
    expect(statuses(toBeats([res(0, true)], { intervalSec: I, now: T0 + 10 * I * 1000, count: 2 }))).toBe("up none");
  });

  it("keeps only the newest bars when there are more rounds than room", () => {
    const beats = toBeats(Array.from({ length: 100 }, (_, i) => res(i, i !== 99)), { intervalSec: I, now: T0 + 99 * I * 1000, count: 30 });
    expect(beats).toHaveLength(30);
    expect(beats.at(-1)!.status).toBe("down");
    expect(beats[0]!.at).toBe(T0 + 70 * I * 1000);
  });

  it("the bar count fits the width: ~30 on a phone, at most 90 on a desktop", () => {
    expect(barsForWidth(300, 6, 2)).toBe(37);
    expect(barsForWidth(1200, 6, 2)).toBe(MAX_BARS);
    expect(barsForWidth(0, 6, 2)).toBe(MIN_BARS);
    expect(barsForWidth(40, 6, 2)).toBe(MIN_BARS);
  });
});
