import { describe, expect, it } from "vitest";
import { ApiError, errorHeaders } from "@/lib/api/errors";
import { ADDRESS_BURST, ADDRESS_REFILL_MS, AddressThrottle, tooManyAttempts } from "./address-throttle";

describe("AddressThrottle", () => {
  const t0 = 1_700_000_000_000;

  it("allows a burst of refusals, then asks the address to wait until one attempt is back", () => {
    const th = new AddressThrottle();
    for (let i = 0; i < ADDRESS_BURST; i++) {
      expect(th.retryAfterMs("enroll", "198.51.100.1", t0), `attempt ${i}`).toBe(0);
      th.refuse("enroll", "198.51.100.1", t0);
    }
    expect(th.retryAfterMs("enroll", "198.51.100.1", t0)).toBe(ADDRESS_REFILL_MS);
    expect(th.retryAfterMs("enroll", "198.51.100.1", t0 + ADDRESS_REFILL_MS / 2)).toBe(ADDRESS_REFILL_MS / 2);
    expect(th.retryAfterMs("enroll", "198.51.100.1", t0 + ADDRESS_REFILL_MS)).toBe(0);
  });

  it("never affects another address or another endpoint", () => {
    const th = new AddressThrottle();
    for (let i = 0; i < ADDRESS_BURST * 3; i++) th.refuse("setup", "198.51.100.1", t0);
    expect(th.retryAfterMs("setup", "198.51.100.1", t0)).toBeGreaterThan(0);
    expect(th.retryAfterMs("setup", "198.51.100.2", t0)).toBe(0);
    expect(th.retryAfterMs("enroll", "198.51.100.1", t0)).toBe(0);
    expect(th.retryAfterMs("setup", null, t0)).toBe(0);
  });

  it("refills fully with time, and does not bank more than the burst", () => {
    const th = new AddressThrottle();
    for (let i = 0; i < ADDRESS_BURST; i++) th.refuse("enroll", "198.51.100.1", t0);
    const later = t0 + 1000 * ADDRESS_REFILL_MS;
    for (let i = 0; i < ADDRESS_BURST; i++) th.refuse("enroll", "198.51.100.1", later);
    expect(th.retryAfterMs("enroll", "198.51.100.1", later)).toBeGreaterThan(0);
  });

  it("stays bounded under a flood of source addresses, evicting the least recently used", () => {
    const th = new AddressThrottle(2, ADDRESS_REFILL_MS, 100);
    th.refuse("enroll", "198.51.100.1", t0);
    th.refuse("enroll", "198.51.100.1", t0);
    // Opaque keys stand in for 5,000 source addresses (no traffic is sent).
    for (let i = 0; i < 5000; i++) th.refuse("enroll", `flood-${i}`, t0);
    expect(th.size).toBeLessThanOrEqual(100);
    expect(th.size).toBeGreaterThanOrEqual(90);
    // The oldest entry went first: the address that was throttled is forgotten, the newest kept.
    expect(th.retryAfterMs("enroll", "198.51.100.1", t0)).toBe(0);
    th.refuse("enroll", "flood-4999", t0);
    expect(th.retryAfterMs("enroll", "flood-4999", t0)).toBeGreaterThan(0);
  });

  it("answers 429 with Retry-After in whole seconds", () => {
    const e = tooManyAttempts(1500);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe("rate_limited");
    expect(errorHeaders(e)).toEqual({ "retry-after": "2" });
    expect(errorHeaders(tooManyAttempts(1))).toEqual({ "retry-after": "1" });
  });
});
