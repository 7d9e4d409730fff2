import { describe, expect, it } from "vitest";
import { RETRY_BASE_MS, RETRY_MAX_MS, retryDelayMs } from "./backoff";

describe("retryDelayMs", () => {
  const mid = () => 0.5;
  it.each([
    { failures: 1, want: RETRY_BASE_MS },
    { failures: 2, want: RETRY_BASE_MS * 2 },
    { failures: 4, want: RETRY_BASE_MS * 8 },
    { failures: 50, want: RETRY_MAX_MS },
  ])("doubles per failure and caps ($failures failures)", ({ failures, want }) => {
    expect(retryDelayMs(failures, undefined, mid)).toBe(want);
  });
  it("jitters within ±20%", () => {
    expect(retryDelayMs(3, undefined, () => 0)).toBe(RETRY_BASE_MS * 4 * 0.8);
    expect(retryDelayMs(3, undefined, () => 1)).toBe(RETRY_BASE_MS * 4 * 1.2);
  });
  it("waits at least the provider's Retry-After", () => {
    expect(retryDelayMs(1, 120, mid)).toBe(120_000);
  });
});
