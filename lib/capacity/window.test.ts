import { describe, expect, it } from "vitest";
import { cpuCores, percentile, ratePerSecond, RollingWindow } from "./window";

describe("percentile (nearest rank)", () => {
  it.each([
    { desc: "no values", values: [], p: 95, want: null },
    { desc: "one value is every percentile", values: [7], p: 99, want: 7 },
    { desc: "p50 of 1..10", values: [3, 1, 2, 10, 9, 8, 7, 6, 5, 4], p: 50, want: 5 },
    { desc: "p95 of 1..20 is the 19th", values: Array.from({ length: 20 }, (_, i) => 20 - i), p: 95, want: 19 },
    { desc: "p99 of 100 values with one outlier misses it", values: [...Array(99).fill(1), 500], p: 99, want: 1 },
    { desc: "p100 is the maximum", values: [4, 9, 2], p: 100, want: 9 },
    { desc: "p0 is the minimum", values: [4, 9, 2], p: 0, want: 2 },
  ])("$desc", ({ values, p, want }) => {
    expect(percentile(values, p)).toBe(want);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("cpuCores over cumulative CPU time", () => {
  it("is one core for a second of CPU in a second of wall time", () => {
    expect(cpuCores([{ t: 0, v: 0 }, { t: 1000, v: 1_000_000 }])).toBeCloseTo(1);
  });
  it("measures between the oldest and the newest reading only", () => {
    expect(cpuCores([{ t: 0, v: 0 }, { t: 30_000, v: 99e9 }, { t: 60_000, v: 15_000_000 }])).toBeCloseTo(0.25);
  });
  it("is unknown with one reading or no time between", () => {
    expect(cpuCores([{ t: 5, v: 10 }])).toBeNull();
    expect(cpuCores([{ t: 5, v: 10 }, { t: 5, v: 20 }])).toBeNull();
  });
});

describe("RollingWindow", () => {
  it("keeps only the last span of samples as time moves on", () => {
    const w = new RollingWindow(60_000);
    w.add(0, 1);
    w.add(30_000, 2);
    w.add(59_000, 3);
    expect(w.values(59_000)).toEqual([1, 2, 3]);
    expect(w.values(60_000)).toEqual([2, 3]);
    expect(w.values(100_000)).toEqual([3]);
    expect(w.values(200_000)).toEqual([]);
    expect(w.size).toBe(0);
  });

  it("with keepBefore, keeps the newest reading from before the window to measure across it", () => {
    const w = new RollingWindow(60_000, true);
    for (let t = 0; t <= 120_000; t += 10_000) w.add(t, t * 1000); // 1 core: 1,000 µs of CPU per ms
    const inWindow = w.read(125_000);
    expect(inWindow[0]!.t).toBe(60_000);
    expect(cpuCores(inWindow)).toBeCloseTo(1);
    expect(w.size).toBe(7);
  });

  it("drops old samples so a long-running process does not grow it", () => {
    const w = new RollingWindow(1000);
    for (let t = 0; t < 100_000; t += 10) {
      w.add(t, 1);
      w.read(t);
    }
    expect(w.size).toBeLessThanOrEqual(101);
  });
});

describe("ratePerSecond", () => {
  it("is the counted total over the counted time", () => {
    expect(ratePerSecond([10, 20, 30], 6000)).toBe(10);
    expect(ratePerSecond([5], 0)).toBe(0);
  });
});
