import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import {
  BASE_LOCK_MS, FORGET_AFTER_MS, FREE_ATTEMPTS, MAX_LOCK_MS,
  beginAttempt, lockDurationMs, lockedForMs, recordFailure, recordSuccess, throttleKeys,
} from "./rate-limit";

describe("lockDurationMs", () => {
  const cases: { desc: string; failures: number; ms: number }[] = [
    { desc: "no failure", failures: 0, ms: 0 },
    { desc: "first failure", failures: 1, ms: 0 },
    { desc: "last free attempt", failures: FREE_ATTEMPTS - 1, ms: 0 },
    { desc: "fifth failure locks 30 s", failures: 5, ms: 30_000 },
    { desc: "sixth doubles", failures: 6, ms: 60_000 },
    { desc: "seventh doubles again", failures: 7, ms: 120_000 },
    { desc: "ninth is 8 min", failures: 9, ms: 480_000 },
    { desc: "tenth is capped at 15 min", failures: 10, ms: MAX_LOCK_MS },
    { desc: "far beyond stays capped", failures: 1000, ms: MAX_LOCK_MS },
  ];
  for (const c of cases) it(c.desc, () => expect(lockDurationMs(c.failures)).toBe(c.ms));

  it("starts at BASE_LOCK_MS", () => expect(lockDurationMs(FREE_ATTEMPTS)).toBe(BASE_LOCK_MS));
});

describe("throttle keys", () => {
  it("keys by address and case-folded username", () => {
    expect(throttleKeys("192.0.2.1", "Admin")).toEqual(["ip:192.0.2.1", "user:admin"]);
    expect(throttleKeys(null, "x")).toEqual(["ip:unknown", "user:x"]);
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

  it("stays open for the free attempts, then locks for BASE_LOCK_MS", async () => {
    for (let i = 1; i < FREE_ATTEMPTS; i++) {
      await recordFailure(t.db, keys, t0);
      expect(await lockedForMs(t.db, keys, t0), `after ${i} failures`).toBe(0);
    }
    await recordFailure(t.db, keys, t0);
    expect(await lockedForMs(t.db, keys, t0)).toBe(BASE_LOCK_MS);
    expect(await lockedForMs(t.db, keys, at(10_000))).toBe(BASE_LOCK_MS - 10_000);
    expect(await lockedForMs(t.db, keys, at(BASE_LOCK_MS))).toBe(0);
  });

  it("locks longer after each further failure", async () => {
    for (let i = 0; i < FREE_ATTEMPTS + 1; i++) await recordFailure(t.db, keys, t0);
    expect(await lockedForMs(t.db, keys, t0)).toBe(2 * BASE_LOCK_MS);
  });

  it("a lock on either key blocks the other combination too", async () => {
    for (let i = 0; i < FREE_ATTEMPTS; i++) await recordFailure(t.db, keys, t0);
    expect(await lockedForMs(t.db, throttleKeys("203.0.113.9", "admin"), t0)).toBe(BASE_LOCK_MS);
    expect(await lockedForMs(t.db, throttleKeys("192.0.2.1", "someone-else"), t0)).toBe(BASE_LOCK_MS);
    expect(await lockedForMs(t.db, throttleKeys("203.0.113.9", "someone-else"), t0)).toBe(0);
  });

  it("success clears the counters", async () => {
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) await recordFailure(t.db, keys, t0);
    await recordSuccess(t.db, keys);
    expect(await t.db.loginThrottle.count()).toBe(0);
    await recordFailure(t.db, keys, t0);
    expect(await lockedForMs(t.db, keys, t0)).toBe(0);
    expect((await t.db.loginThrottle.findUnique({ where: { key: keys[1]! } }))?.failures).toBe(1);
  });

  it("beginAttempt counts the attempt up front and refuses once locked, atomically", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => beginAttempt(t.db, keys, t0)));
    expect(results.filter((w) => w === 0)).toHaveLength(FREE_ATTEMPTS);
    expect(results.filter((w) => w === BASE_LOCK_MS)).toHaveLength(12 - FREE_ATTEMPTS);
    expect((await t.db.loginThrottle.findUnique({ where: { key: keys[0]! } }))?.failures).toBe(FREE_ATTEMPTS);
    await recordSuccess(t.db, keys);
    expect(await beginAttempt(t.db, keys, t0)).toBe(0);
  });

  it("forgets counters older than FORGET_AFTER_MS", async () => {
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) await recordFailure(t.db, keys, t0);
    // updatedAt is set by Prisma to the wall clock; age the rows instead of waiting a day.
    await t.db.loginThrottle.updateMany({ data: { updatedAt: new Date(Date.now() - FORGET_AFTER_MS - 1000) } });
    await recordFailure(t.db, keys, new Date());
    expect((await t.db.loginThrottle.findUnique({ where: { key: keys[0]! } }))?.failures).toBe(1);
    expect(await lockedForMs(t.db, keys)).toBe(0);
  });
});
