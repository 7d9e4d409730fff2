import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import {
  ADDRESS_FREE_ATTEMPTS, BASE_LOCK_MS, FORGET_AFTER_MS, MAX_LOCK_MS, MAX_SOFT_DELAY_MS, PAIR_FREE_ATTEMPTS, SOFT_DELAY_BASE_MS,
  SOFT_DELAY_FREE_FAILURES, USER_FORGET_AFTER_MS,
  beginAttempt, lockDurationMs, lockedForMs, pruneLoginThrottle, recordFailure, recordSuccess, softDelayMs, throttleKeys,
} from "./rate-limit";

describe("lockDurationMs", () => {
  const cases: { desc: string; failures: number; ms: number }[] = [
    { desc: "no failure", failures: 0, ms: 0 },
    { desc: "first failure", failures: 1, ms: 0 },
    { desc: "last free attempt", failures: PAIR_FREE_ATTEMPTS - 1, ms: 0 },
    { desc: "fifth failure locks 30 s", failures: 5, ms: 30_000 },
    { desc: "sixth doubles", failures: 6, ms: 60_000 },
    { desc: "seventh doubles again", failures: 7, ms: 120_000 },
    { desc: "ninth is 8 min", failures: 9, ms: 480_000 },
    { desc: "tenth is capped at 15 min", failures: 10, ms: MAX_LOCK_MS },
    { desc: "far beyond stays capped", failures: 1_000_000, ms: MAX_LOCK_MS },
  ];
  for (const c of cases) it(c.desc, () => expect(lockDurationMs(c.failures)).toBe(c.ms));

  it("starts at BASE_LOCK_MS; the address limit starts later", () => {
    expect(lockDurationMs(PAIR_FREE_ATTEMPTS)).toBe(BASE_LOCK_MS);
    expect(lockDurationMs(ADDRESS_FREE_ATTEMPTS - 1, ADDRESS_FREE_ATTEMPTS)).toBe(0);
    expect(lockDurationMs(ADDRESS_FREE_ATTEMPTS, ADDRESS_FREE_ATTEMPTS)).toBe(BASE_LOCK_MS);
  });
});

describe("softDelayMs", () => {
  it("is zero for the first failures, then grows", () => {
    expect(softDelayMs(0)).toBe(0);
    expect(softDelayMs(SOFT_DELAY_FREE_FAILURES - 1)).toBe(0);
    expect(softDelayMs(SOFT_DELAY_FREE_FAILURES)).toBe(SOFT_DELAY_BASE_MS);
    expect(softDelayMs(SOFT_DELAY_FREE_FAILURES + 1)).toBe(2 * SOFT_DELAY_BASE_MS);
  });
  it("never exceeds MAX_SOFT_DELAY_MS, however many failures", () => {
    for (const n of [10, 50, 1000, 1_000_000, Number.MAX_SAFE_INTEGER]) {
      expect(softDelayMs(n), `${n} failures`).toBeLessThanOrEqual(MAX_SOFT_DELAY_MS);
    }
    expect(softDelayMs(1000)).toBe(MAX_SOFT_DELAY_MS);
  });
});

describe("throttle keys", () => {
  it("keys the pair, the address and the case-folded username", () => {
    expect(throttleKeys("192.0.2.1", "Admin")).toEqual({ pair: "pair:192.0.2.1|admin", address: "ip:192.0.2.1", user: "user:admin" });
    expect(throttleKeys(null, "x")).toEqual({ pair: "pair:unknown|x", address: "ip:unknown", user: "user:x" });
  });
});

describe("throttle state in the database", () => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb(); });
  afterAll(async () => { await t.cleanup(); });
  beforeEach(async () => { await t.db.loginThrottle.deleteMany(); });

  const keys = throttleKeys("192.0.2.1", "admin");
  const t0 = new Date("2026-01-01T00:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it("stays open for the free attempts, then locks the pair for BASE_LOCK_MS", async () => {
    for (let i = 1; i < PAIR_FREE_ATTEMPTS; i++) {
      await recordFailure(t.db, keys, t0);
      expect(await lockedForMs(t.db, keys, t0), `after ${i} failures`).toBe(0);
    }
    await recordFailure(t.db, keys, t0);
    expect(await lockedForMs(t.db, keys, t0)).toBe(BASE_LOCK_MS);
    expect(await lockedForMs(t.db, keys, at(10_000))).toBe(BASE_LOCK_MS - 10_000);
    expect(await lockedForMs(t.db, keys, at(BASE_LOCK_MS))).toBe(0);
  });

  it("locks longer after each further failure", async () => {
    for (let i = 0; i < PAIR_FREE_ATTEMPTS + 1; i++) await recordFailure(t.db, keys, t0);
    expect(await lockedForMs(t.db, keys, t0)).toBe(2 * BASE_LOCK_MS);
  });

  it("a locked pair locks nobody else: the same user elsewhere and other users here get in", async () => {
    for (let i = 0; i < PAIR_FREE_ATTEMPTS * 4; i++) await beginAttempt(t.db, keys, t0);
    expect(await lockedForMs(t.db, keys, t0)).toBeGreaterThan(0);
    expect(await lockedForMs(t.db, throttleKeys("203.0.113.9", "admin"), t0)).toBe(0);
    expect(await lockedForMs(t.db, throttleKeys("192.0.2.1", "someone-else"), t0)).toBe(0);
    expect((await beginAttempt(t.db, throttleKeys("203.0.113.9", "admin"), t0)).lockedMs).toBe(0);
  });

  it("spraying usernames from one address locks that address only", async () => {
    for (let i = 0; i < ADDRESS_FREE_ATTEMPTS; i++) {
      expect((await beginAttempt(t.db, throttleKeys("192.0.2.1", `user${i}`), t0)).lockedMs, `guess ${i}`).toBe(0);
    }
    expect((await beginAttempt(t.db, throttleKeys("192.0.2.1", "fresh-name"), t0)).lockedMs).toBe(BASE_LOCK_MS);
    expect((await beginAttempt(t.db, throttleKeys("198.51.100.1", "fresh-name"), t0)).lockedMs).toBe(0);
  });

  it("the username gets a bounded delay from any address, never a lock", async () => {
    const delays: number[] = [];
    // 40 addresses, each up to its pair limit: 200 counted failures of "admin".
    for (let a = 0; a < 40; a++) {
      for (let i = 0; i < PAIR_FREE_ATTEMPTS; i++) {
        const v = await beginAttempt(t.db, throttleKeys(`198.51.100.${a}`, "admin"), t0);
        expect(v.lockedMs).toBe(0);
        delays.push(v.delayMs);
      }
    }
    expect((await t.db.loginThrottle.findUniqueOrThrow({ where: { key: keys.user } })).failures).toBe(200);
    expect(Math.max(...delays)).toBe(MAX_SOFT_DELAY_MS);
    expect(delays.slice(0, SOFT_DELAY_FREE_FAILURES).every((d) => d === 0)).toBe(true);
    const owner = await beginAttempt(t.db, throttleKeys("203.0.113.200", "admin"), t0);
    expect(owner).toEqual({ lockedMs: 0, delayMs: MAX_SOFT_DELAY_MS });
    expect((await t.db.loginThrottle.findUniqueOrThrow({ where: { key: keys.user } })).lockedUntil).toBeNull();
    // The username's failures are forgotten after USER_FORGET_AFTER_MS without one.
    expect((await beginAttempt(t.db, throttleKeys("203.0.113.200", "admin"), at(USER_FORGET_AFTER_MS + 1))).delayMs).toBe(0);
  });

  it("success clears the pair and the username, and takes back only its own count from the address", async () => {
    for (let i = 0; i < PAIR_FREE_ATTEMPTS - 1; i++) await recordFailure(t.db, keys, t0);
    await beginAttempt(t.db, keys, t0);
    await recordSuccess(t.db, keys);
    expect((await t.db.loginThrottle.findMany()).map((r) => r.key)).toEqual([keys.address]);
    expect((await t.db.loginThrottle.findUnique({ where: { key: keys.address } }))?.failures).toBe(PAIR_FREE_ATTEMPTS - 1);
    await recordFailure(t.db, keys, t0);
    expect(await lockedForMs(t.db, keys, t0)).toBe(0);
    expect((await t.db.loginThrottle.findUnique({ where: { key: keys.pair } }))?.failures).toBe(1);
  });

  it("many successful sign-ins from one address never lock it", async () => {
    for (let i = 0; i < ADDRESS_FREE_ATTEMPTS * 3; i++) {
      expect((await beginAttempt(t.db, keys, t0)).lockedMs, `sign-in ${i}`).toBe(0);
      await recordSuccess(t.db, keys);
    }
    expect((await t.db.loginThrottle.findUnique({ where: { key: keys.address } }))?.failures).toBe(0);
  });

  it("beginAttempt counts the attempt up front and refuses once locked, atomically", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => beginAttempt(t.db, keys, t0)));
    expect(results.filter((v) => v.lockedMs === 0)).toHaveLength(PAIR_FREE_ATTEMPTS);
    expect(results.filter((v) => v.lockedMs === BASE_LOCK_MS)).toHaveLength(12 - PAIR_FREE_ATTEMPTS);
    expect((await t.db.loginThrottle.findUnique({ where: { key: keys.pair } }))?.failures).toBe(PAIR_FREE_ATTEMPTS);
    await recordSuccess(t.db, keys);
    expect((await beginAttempt(t.db, keys, t0)).lockedMs).toBe(0);
  });

  it("forgets counters older than FORGET_AFTER_MS, and prunes them", async () => {
    for (let i = 0; i < PAIR_FREE_ATTEMPTS - 1; i++) await recordFailure(t.db, keys, t0);
    const later = at(FORGET_AFTER_MS + 1000);
    await recordFailure(t.db, keys, later);
    expect((await t.db.loginThrottle.findUnique({ where: { key: keys.pair } }))?.failures).toBe(1);
    expect(await lockedForMs(t.db, keys, later)).toBe(0);
    await recordFailure(t.db, throttleKeys("198.51.100.9", "old"), t0);
    expect(await pruneLoginThrottle(t.db, later)).toBe(3);
    expect(await t.db.loginThrottle.count()).toBe(3);
  });
});
