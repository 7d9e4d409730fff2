import { describe, expect, it } from "vitest";
import { cpuDomain, formatBytes, formatMs, formatPercent, latencyDomain, memoryDomain, MEMORY_MIN_TOP_BYTES, niceCeil, plural } from "./scale";

const MiB = 1024 * 1024;

describe("axis scales", () => {
  it("niceCeil rounds up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0, 0.7, 1, 3, 12, 21, 26, 260, 999].map(niceCeil)).toEqual([0, 1, 1, 5, 20, 25, 50, 500, 1000]);
  });
  it("3 ms of jitter around 20 ms is drawn on an axis from 0, not from 18 to 21", () => {
    const [lo, hi] = latencyDomain([18, 21, 19, null, 20]);
    expect(lo).toBe(0);
    expect(hi).toBe(25);
    expect((21 - 18) / (hi - lo)).toBeLessThan(0.2);
  });
  it("sub-millisecond loopback latencies still get a 10 ms axis; no values at all too", () => {
    expect(latencyDomain([0, 1, 1])).toEqual([0, 10]);
    expect(latencyDomain([])).toEqual([0, 10]);
    expect(latencyDomain([null, null])).toEqual([0, 10]);
  });
  it("0.3 MiB of noise on a 40 MiB container is a ripple on an axis from 0", () => {
    const [lo, hi] = memoryDomain([40 * MiB, 40.3 * MiB, 40.1 * MiB]);
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThanOrEqual(46 * MiB);
    expect((0.3 * MiB) / hi).toBeLessThan(0.01);
  });
  it("a tiny container still spans at least the minimum", () => {
    expect(memoryDomain([200 * 1024])).toEqual([0, MEMORY_MIN_TOP_BYTES]);
  });
  it("CPU is 0-100 % unless a sample uses more than one core", () => {
    expect(cpuDomain([0.1, 0.3])).toEqual([0, 100]);
    expect(cpuDomain([100])).toEqual([0, 100]);
    expect(cpuDomain([180])).toEqual([0, 200]);
  });
});

describe("units", () => {
  it("bytes in human units, never thousands of MiB", () => {
    expect(formatBytes(24105.3 * MiB)).toBe("23.5 GiB");
    expect(formatBytes(512 * MiB)).toBe("512 MiB");
    expect(formatBytes(1.5 * MiB)).toBe("1.5 MiB");
    expect(formatBytes(1024)).toBe("1 KiB");
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(Number.NaN)).toBe("0 B");
  });
  it("latency in ms, seconds past 1000", () => {
    expect([0.4, 23.4, 999, 1250, null].map(formatMs)).toEqual(["<1 ms", "23 ms", "999 ms", "1.25 s", "—"]);
  });
  it("percentages drop trailing zeros and never round 99.996 up to 100", () => {
    expect([100, 99.5, 99.95, 99.996, 0, null].map((p) => formatPercent(p))).toEqual(["100 %", "99.5 %", "99.95 %", "99.99 %", "0 %", "—"]);
  });
  it("counts are pluralised", () => {
    expect(plural(1, "sample")).toBe("1 sample");
    expect(plural(0, "sample")).toBe("0 samples");
    expect(plural(120, "sample")).toBe("120 samples");
  });
});
