// Sign-in and unauthenticated endpoints under attack from the LAN, through the real route
// handlers on a real SQLite file: a lock-out that only locks the attacker, password spraying,
// single-use TOTP codes, and floods of refused setup and enrollment attempts that are throttled per
// address and folded into one audit row.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as loginPOST } from "@/app/api/auth/login/route";
import { POST as setupPOST } from "@/app/api/auth/setup/route";
import { POST as totpSetupPOST } from "@/app/api/auth/totp/setup/route";
import { POST as totpEnablePOST } from "@/app/api/auth/totp/enable/route";
import { POST as enrollPOST } from "@/app/api/v1/agents/enroll/route";
import { ensureSetupCode, getAddressThrottle } from "@/lib/auth";
import { ADDRESS_BURST } from "@/lib/auth/address-throttle";
import { hashPassword } from "@/lib/auth/password";
import { ADDRESS_FREE_ATTEMPTS, PAIR_FREE_ATTEMPTS } from "@/lib/auth/rate-limit";
import { totpAt } from "@/lib/auth/totp";
import { createTestDb, type TestDb } from "./helpers/test-db";
import { ADMIN, call, errorOf, sessionAuth, sessionTokenFrom, type CallResult } from "./helpers/api";

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.cleanup(); });
beforeEach(async () => {
  await t.db.loginThrottle.deleteMany();
  getAddressThrottle().clear();
});

const ATTACKER = "198.51.100.66";
const OWNER = "198.51.100.10";
const PASSWORD = "a long enough password";

const login = (body: Record<string, unknown>, ip: string) => call(loginPOST, "/api/auth/login", { body, ip });
const statuses = (rs: CallResult[]) => rs.map((r) => r.status);
const retryAfter = (r: CallResult) => Number(r.headers.get("retry-after"));

describe("first-run setup under a flood of wrong codes", () => {
  it("throttles the address after the limit, folds the refusals into one row, and the owner elsewhere still sets up", async () => {
    ensureSetupCode();
    const tries: CallResult[] = [];
    for (let i = 0; i < 60; i++) tries.push(await call(setupPOST, "/api/auth/setup", { body: { setupCode: `WRNG-CODE-${String(i).padStart(4, "0")}`, ...ADMIN }, ip: ATTACKER }));
    const refused = tries.filter((r) => r.status === 403).length;
    expect(refused).toBeGreaterThanOrEqual(ADDRESS_BURST);
    expect(refused).toBeLessThan(60);
    expect(tries.slice(0, ADDRESS_BURST).every((r) => r.status === 403)).toBe(true);
    const last = tries.at(-1)!;
    expect(last.status).toBe(429);
    expect(errorOf(last).code).toBe("rate_limited");
    expect(retryAfter(last)).toBeGreaterThan(0);
    // One row for the whole flood, counting each refusal that was examined.
    const rows = await t.db.auditEvent.findMany({ where: { action: "auth.setup.denied" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ip: ATTACKER, count: refused });
    expect(rows[0]!.lastAt).not.toBeNull();
    // The owner, from another address, is not throttled.
    const ok = await call(setupPOST, "/api/auth/setup", { body: { setupCode: ensureSetupCode(), ...ADMIN }, ip: OWNER });
    expect(ok.status, ok.text).toBe(201);
  });
});

describe("lock-out", () => {
  it("50 wrong passwords for admin from one address lock that address only; the admin signs in from another at once", async () => {
    const guesses: CallResult[] = [];
    for (let i = 0; i < 50; i++) guesses.push(await login({ username: ADMIN.username, password: `guess ${i}` }, ATTACKER));
    expect(statuses(guesses.slice(0, PAIR_FREE_ATTEMPTS)).every((s) => s === 401)).toBe(true);
    expect(statuses(guesses.slice(PAIR_FREE_ATTEMPTS)).every((s) => s === 429)).toBe(true);
    // The attacker's address stays locked even with the right password.
    const attackerRight = await login({ username: ADMIN.username, password: ADMIN.password }, ATTACKER);
    expect(attackerRight.status).toBe(429);
    expect(retryAfter(attackerRight)).toBeGreaterThan(0);
    expect(sessionTokenFrom(attackerRight)).toBeNull();
    // The admin, elsewhere, on the first try.
    const owner = await login({ username: ADMIN.username, password: ADMIN.password }, OWNER);
    expect(owner.status, owner.text).toBe(200);
    expect(sessionTokenFrom(owner)).toBeTruthy();
    const failed = await t.db.auditEvent.findMany({ where: { action: "auth.login.failed", ip: ATTACKER } });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ count: PAIR_FREE_ATTEMPTS, actorName: ADMIN.username });
  });

  it("attackers on many addresses only slow the account down: it is never locked", async () => {
    // 8 addresses, 2 guesses each, all at once: 16 counted failures of "admin", past the point
    // where its delay reaches the cap.
    const addresses = Array.from({ length: 8 }, (_, i) => `203.0.113.${i + 1}`);
    const guesses = await Promise.all(addresses.flatMap((ip) => [1, 2].map(() => login({ username: ADMIN.username, password: "botnet guess" }, ip))));
    expect(statuses(guesses).every((s) => s === 401)).toBe(true);
    const row = await t.db.loginThrottle.findUniqueOrThrow({ where: { key: `user:${ADMIN.username}` } });
    expect(row.failures).toBe(16);
    expect(row.lockedUntil).toBeNull();
    expect((await login({ username: ADMIN.username, password: ADMIN.password }, OWNER)).status).toBe(200);
  });

  it("spraying many usernames from one address gets 429; another address is unaffected", async () => {
    const sprayed: CallResult[] = [];
    for (let i = 0; i < ADDRESS_FREE_ATTEMPTS + 10; i++) sprayed.push(await login({ username: `user${i}`, password: "Winter2026!" }, ATTACKER));
    expect(statuses(sprayed.slice(0, ADDRESS_FREE_ATTEMPTS)).every((s) => s === 401)).toBe(true);
    expect(statuses(sprayed.slice(ADDRESS_FREE_ATTEMPTS)).every((s) => s === 429)).toBe(true);
    expect(errorOf(sprayed.at(-1)!).message).toMatch(/Too many failed sign-ins\. Try again in \d+ s\./);
    expect((await login({ username: ADMIN.username, password: ADMIN.password }, ATTACKER)).status).toBe(429);
    expect((await login({ username: ADMIN.username, password: ADMIN.password }, OWNER)).status).toBe(200);
  });
});

describe("single-use TOTP codes", () => {
  const STEP_MS = 30_000;
  let clock = 0;
  let secret = "";
  beforeAll(async () => {
    // A user with two-factor on, enrolled through the API one step before the tests' clock.
    vi.useFakeTimers({ toFake: ["Date"] });
    clock = Math.floor(Date.now() / STEP_MS) * STEP_MS + 5_000;
    vi.setSystemTime(clock - STEP_MS);
    await t.db.user.create({ data: { username: "otp-user", passwordHash: await hashPassword(PASSWORD), role: "admin" } });
    const r = await login({ username: "otp-user", password: PASSWORD }, OWNER);
    const s = await sessionAuth(t.db, sessionTokenFrom(r)!);
    secret = ((await call(totpSetupPOST, "/api/auth/totp/setup", { method: "POST", auth: s })).body as { secret: string }).secret;
    expect((await call(totpEnablePOST, "/api/auth/totp/enable", { body: { code: totpAt(secret, clock - STEP_MS) }, auth: s })).status).toBe(200);
    vi.useRealTimers();
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime((clock += STEP_MS));
  });
  afterEach(() => { vi.useRealTimers(); });

  const sessionsOf = async () => t.db.session.count({ where: { user: { username: "otp-user" } } });

  it("the same code twice: the second sign-in is refused", async () => {
    const code = totpAt(secret, clock);
    const first = await login({ username: "otp-user", password: PASSWORD, totp: code }, OWNER);
    expect(first.status, first.text).toBe(200);
    const before = await sessionsOf();
    const again = await login({ username: "otp-user", password: PASSWORD, totp: code }, "198.51.100.11");
    expect(again.status).toBe(401);
    expect(errorOf(again).issues).toEqual([{ path: "totp", message: "totp_replayed" }]);
    expect(sessionTokenFrom(again)).toBeNull();
    expect(await sessionsOf()).toBe(before);
    // An older code than the last one used is refused too, though still inside the clock window.
    const older = await login({ username: "otp-user", password: PASSWORD, totp: totpAt(secret, clock - STEP_MS) }, OWNER);
    expect(older.status).toBe(401);
    const rows = await t.db.auditEvent.findMany({ where: { action: "auth.login.failed", actorName: "otp-user" } });
    expect(rows.map((r) => JSON.parse(r.details!) as { reason: string }).map((d) => d.reason)).toContain("totp-replayed");
  });

  it("two parallel sign-ins with one code: exactly one session", async () => {
    const code = totpAt(secret, clock);
    const before = await sessionsOf();
    const both = await Promise.all([
      login({ username: "otp-user", password: PASSWORD, totp: code }, OWNER),
      login({ username: "otp-user", password: PASSWORD, totp: code }, "198.51.100.12"),
    ]);
    expect(statuses(both).sort()).toEqual([200, 401]);
    expect(both.filter((r) => sessionTokenFrom(r)).length).toBe(1);
    expect(await sessionsOf()).toBe(before + 1);
  });
});

describe("agent enrollment under a flood of forged tokens", () => {
  it("200 refused enrollments from one address: 429 after the limit, one folded audit row with the right count", async () => {
    const forged = (i: number) => ({ token: `hpe_${"x".repeat(40)}${i}`, hostname: "rogue", agentVersion: "0.0.0" });
    const results: CallResult[] = [];
    for (let i = 0; i < 200; i++) results.push(await call(enrollPOST, "/api/v1/agents/enroll", { body: forged(i), ip: ATTACKER }));
    const refused = results.filter((r) => r.status === 401).length;
    const throttled = results.filter((r) => r.status === 429);
    expect(refused + throttled.length).toBe(200);
    expect(refused).toBeGreaterThanOrEqual(ADDRESS_BURST);
    expect(throttled.length).toBeGreaterThan(100);
    expect(results.slice(0, ADDRESS_BURST).every((r) => r.status === 401)).toBe(true);
    expect(retryAfter(throttled[0]!)).toBeGreaterThan(0);
    expect(errorOf(throttled[0]!).code).toBe("rate_limited");
    const rows = await t.db.auditEvent.findMany({ where: { action: "host.enroll.refused" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ip: ATTACKER, count: refused });
    expect(JSON.parse(rows[0]!.details!)).toMatchObject({ reason: "unknown", hostname: "rogue" });
    // Another address is still heard (refused on its merits, not throttled).
    expect((await call(enrollPOST, "/api/v1/agents/enroll", { body: forged(0), ip: "198.51.100.200" })).status).toBe(401);
    expect(await t.db.host.count()).toBe(0);
  });
});
