// The agent's offline result buffer: time order, the count cap and the age cap (oldest dropped
// first, and counted), and take() handing everything back once.
import { describe, expect, it } from "vitest";
import type { VantageResult } from "@/lib/probes/engine";
import { MAX_OFFLINE_AGE_MS, MAX_OFFLINE_RESULTS, OfflineResultBuffer } from "./offline-buffer";

const T0 = Date.parse("2026-01-01T12:00:00.000Z");
const at = (sec: number) => new Date(T0 + sec * 1000).toISOString();
const result = (sec: number, checkId = "c1"): VantageResult => ({
  checkId, at: at(sec), ok: true, errorClass: null, message: null, latencyMs: 1,
  timing: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 1 }, statusCode: 200, tls: null, answers: null, fingerprint: null,
});
const times = (rs: VantageResult[]) => rs.map((r) => (Date.parse(r.at) - T0) / 1000);

describe("OfflineResultBuffer", () => {
  it("defaults to 5,000 results and one hour", () => {
    expect(MAX_OFFLINE_RESULTS).toBe(5_000);
    expect(MAX_OFFLINE_AGE_MS).toBe(3_600_000);
  });

  it("hands results back oldest first, even when they were added out of order", () => {
    const b = new OfflineResultBuffer({ maxResults: 100, maxAgeMs: 3_600_000 }, () => T0 + 60_000);
    b.add([result(1), result(2), result(5)]);
    b.add([result(3, "slow-probe"), result(6)]);
    b.add([result(0)]);
    expect(b.size).toBe(6);
    const { results, dropped } = b.take();
    expect(times(results)).toEqual([0, 1, 2, 3, 5, 6]);
    expect(results[3]!.checkId).toBe("slow-probe");
    expect(dropped).toBe(0);
    expect(b.size).toBe(0);
    expect(b.take()).toEqual({ results: [], dropped: 0 });
  });

  it("equal times keep the order they arrived in", () => {
    const b = new OfflineResultBuffer({ maxResults: 100, maxAgeMs: 3_600_000 }, () => T0);
    b.add([result(1, "a"), result(2, "b")]);
    b.add([result(1, "c")]);
    expect(b.take().results.map((r) => r.checkId)).toEqual(["a", "c", "b"]);
  });

  it("over the count cap, the oldest are dropped and counted until the next take", () => {
    const b = new OfflineResultBuffer({ maxResults: 3, maxAgeMs: 3_600_000 }, () => T0 + 60_000);
    b.add([result(1), result(2), result(3), result(4)]);
    expect(b.size).toBe(3);
    expect(b.dropped).toBe(1);
    b.add([result(5)]);
    // An old straggler is the oldest of all: it goes first.
    b.add([result(0)]);
    expect(b.dropped).toBe(3);
    const first = b.take();
    expect(times(first.results)).toEqual([3, 4, 5]);
    expect(first.dropped).toBe(3);
    b.add([result(6)]);
    expect(b.take()).toMatchObject({ dropped: 0 });
    expect(b.droppedTotal).toBe(3);
  });

  it("results older than the age cap are dropped and counted, on add and on take", () => {
    let now = T0;
    const b = new OfflineResultBuffer({ maxResults: 100, maxAgeMs: 10_000 }, () => now);
    b.add([result(-20), result(-5), result(0)]);
    expect(times(b.take().results)).toEqual([-5, 0]);
    b.add([result(1), result(2), result(8)]);
    now = T0 + 15_000; // 1 and 2 are now older than 10 s
    const { results, dropped } = b.take();
    expect(times(results)).toEqual([8]);
    expect(dropped).toBe(2);
  });

  it("stays bounded through a long outage (reclaiming dropped slots), keeping the newest", () => {
    const b = new OfflineResultBuffer({ maxResults: 1_000, maxAgeMs: 3_600_000 }, () => T0 + 3_000_000);
    for (let i = 0; i < 50; i++) b.add(Array.from({ length: 100 }, (_, j) => result(i * 100 + j)));
    expect(b.size).toBe(1_000);
    const { results, dropped } = b.take();
    expect(dropped).toBe(4_000);
    expect(times(results)[0]).toBe(4_000);
    expect(times(results).at(-1)).toBe(4_999);
  });

  it("countDropped adds results lost after a take to the next report", () => {
    const b = new OfflineResultBuffer({ maxResults: 10, maxAgeMs: 3_600_000 }, () => T0);
    b.countDropped(7);
    expect(b.take().dropped).toBe(7);
  });
});
