import { describe, expect, it } from "vitest";
import { scanTcp, TokenBucket, type PortState } from "./scan";

describe("the scanner's pacing", () => {
  it("the token bucket allows a short burst, then the steady rate", async () => {
    let t = 0;
    const bucket = new TokenBucket(100, () => t);
    expect(bucket.capacity).toBe(5);
    for (let i = 0; i < 5; i++) await bucket.take();
    // Empty now: the next token takes 10 ms of the fake clock.
    let got = false;
    const p = bucket.take().then(() => { got = true; });
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toBe(false);
    t += 10;
    await p;
    expect(got).toBe(true);
  });

  it("counts open, closed and filtered per address and never exceeds the asked rate", async () => {
    const calls: number[] = [];
    const probe = async (address: string, port: number): Promise<PortState> => {
      calls.push(performance.now());
      return address === "198.51.100.9" ? "filtered" : port === 22 ? "open" : "closed";
    };
    const ports = Array.from({ length: 60 }, (_, i) => i + 1);
    const r = await scanTcp({ targets: ["198.51.100.8", "198.51.100.9"], ports, ratePerSec: 200, connectTimeoutMs: 100 }, probe);
    expect(r.results).toEqual([
      { address: "198.51.100.8", open: [22], closed: 59, filtered: 0 },
      { address: "198.51.100.9", open: [], closed: 0, filtered: 60 },
    ]);
    // 120 attempts at 200/s with a burst of 10: at least (120 - 10) / 200 s.
    const spanMs = calls[calls.length - 1]! - calls[0]!;
    expect(spanMs).toBeGreaterThanOrEqual(((120 - 10) / 200) * 1000 * 0.9);
  });
});
