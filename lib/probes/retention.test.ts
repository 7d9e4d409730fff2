import { describe, expect, it } from "vitest";
import { foldIntoBuckets, HOUR_MS, DAY_MS, type Sample } from "./retention";

const raw = (checkId: string, vantageId: string, at: string, ok: boolean, latency: number | null): Sample => ({
  checkId, vantageId, at: Date.parse(at), count: 1, okCount: ok ? 1 : 0,
  latencySumMs: ok && latency !== null ? latency : 0, latencyCount: ok && latency !== null ? 1 : 0, latencyMaxMs: ok ? (latency ?? 0) : 0,
});

describe("foldIntoBuckets", () => {
  const cases: { desc: string; samples: Sample[]; bucketMs: number; want: { start: string; count: number; okCount: number; latencySumMs: number; latencyMaxMs: number }[] }[] = [
    { desc: "nothing in, nothing out", samples: [], bucketMs: HOUR_MS, want: [] },
    {
      desc: "results in one hour fold into one bucket; failures count but carry no latency",
      samples: [raw("c", "v", "2026-01-01T10:05:00Z", true, 10), raw("c", "v", "2026-01-01T10:59:59Z", true, 30), raw("c", "v", "2026-01-01T10:30:00Z", false, null)],
      bucketMs: HOUR_MS,
      want: [{ start: "2026-01-01T10:00:00.000Z", count: 3, okCount: 2, latencySumMs: 40, latencyMaxMs: 30 }],
    },
    {
      desc: "an hour boundary splits buckets",
      samples: [raw("c", "v", "2026-01-01T10:59:59Z", true, 5), raw("c", "v", "2026-01-01T11:00:00Z", true, 7)],
      bucketMs: HOUR_MS,
      want: [
        { start: "2026-01-01T10:00:00.000Z", count: 1, okCount: 1, latencySumMs: 5, latencyMaxMs: 5 },
        { start: "2026-01-01T11:00:00.000Z", count: 1, okCount: 1, latencySumMs: 7, latencyMaxMs: 7 },
      ],
    },
    {
      desc: "hourly buckets fold into a day",
      samples: [
        { checkId: "c", vantageId: "v", at: Date.parse("2026-01-01T01:00:00Z"), count: 60, okCount: 59, latencySumMs: 600, latencyCount: 59, latencyMaxMs: 40 },
        { checkId: "c", vantageId: "v", at: Date.parse("2026-01-01T23:00:00Z"), count: 60, okCount: 60, latencySumMs: 300, latencyCount: 60, latencyMaxMs: 90 },
      ],
      bucketMs: DAY_MS,
      want: [{ start: "2026-01-01T00:00:00.000Z", count: 120, okCount: 119, latencySumMs: 900, latencyMaxMs: 90 }],
    },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const got = foldIntoBuckets(c.samples, c.bucketMs).map((b) => ({ start: new Date(b.start).toISOString(), count: b.count, okCount: b.okCount, latencySumMs: b.latencySumMs, latencyMaxMs: b.latencyMaxMs }));
      expect(got).toEqual(c.want);
    });
  }
  it("keeps vantage points apart", () => {
    expect(foldIntoBuckets([raw("c", "lan", "2026-01-01T10:00:00Z", true, 1), raw("c", "remote", "2026-01-01T10:00:00Z", false, null)], HOUR_MS)).toHaveLength(2);
  });
});
