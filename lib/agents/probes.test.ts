// chunkSchedule keeps every probe/schedule frame under the count and byte limits.
import { describe, expect, it } from "vitest";
import { MAX_SCHEDULE_CHUNK_CHECKS, PROBE_FRAME_BUDGET_BYTES } from "@/lib/protocol";
import type { ScheduledCheck } from "@/lib/probes";
import { chunkSchedule } from "./probes";

const check = (i: number, urlLength = 30): ScheduledCheck => ({
  id: `c${i}`, intervalMs: 60_000, timeoutMs: 5_000,
  spec: { type: "http", target: { url: `http://192.0.2.10/${"p".repeat(urlLength)}`, method: "GET", expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: true, tlsMinDaysValid: 0 } },
});

describe("chunkSchedule", () => {
  const cases: { desc: string; checks: ScheduledCheck[]; chunks: number }[] = [
    { desc: "an empty schedule is one empty chunk (it clears the agent's schedule)", checks: [], chunks: 1 },
    { desc: "a small schedule is one chunk", checks: Array.from({ length: 10 }, (_, i) => check(i)), chunks: 1 },
    { desc: "over the count cap → two chunks", checks: Array.from({ length: MAX_SCHEDULE_CHUNK_CHECKS + 1 }, (_, i) => check(i)), chunks: 2 },
    { desc: "long URLs → split by bytes", checks: Array.from({ length: 200 }, (_, i) => check(i, 2000)), chunks: 3 },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const chunks = chunkSchedule(c.checks);
      expect(chunks).toHaveLength(c.chunks);
      expect(chunks.flat()).toEqual(c.checks);
      for (const ch of chunks) {
        expect(ch.length).toBeLessThanOrEqual(MAX_SCHEDULE_CHUNK_CHECKS);
        expect(Buffer.byteLength(JSON.stringify(ch))).toBeLessThanOrEqual(PROBE_FRAME_BUDGET_BYTES);
      }
    });
  }
});
