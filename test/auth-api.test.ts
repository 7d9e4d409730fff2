// Sign-in, sessions, CSRF, API token scopes, throttling, two-factor and password change through
// the real route handlers on a real SQLite file.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as loginPOST } from "@/app/api/auth/login/route";
import { POST as logoutPOST } from "@/app/api/auth/logout/route";
import { POST as logoutAllPOST } from "@/app/api/auth/logout-all/route";
import { GET as meGET } from "@/app/api/auth/me/route";
import { POST as passwordPOST } from "@/app/api/auth/password/route";
import { POST as setupPOST } from "@/app/api/auth/setup/route";
import { POST as totpSetupPOST } from "@/app/api/auth/totp/setup/route";
import { POST as totpEnablePOST } from "@/app/api/auth/totp/enable/route";
import { POST as totpDisablePOST } from "@/app/api/auth/totp/disable/route";
import { GET as servicesGET, POST as servicesPOST } from "@/app/api/v1/services/route";
import { GET as tokensGET, POST as tokensPOST } from "@/app/api/v1/tokens/route";
import { DELETE as tokenDELETE } from "@/app/api/v1/tokens/[id]/route";
import { ensureSetupCode } from "@/lib/auth";
import { hashPassword } from "@/lib/auth/password";
import { ROTATE_AFTER_MS } from "@/lib/auth/sessions";
import { totpAt } from "@/lib/auth/totp";
import { createTestDb, type TestDb } from "./helpers/test-db";
import { ADMIN, TEST_IP, call, errorOf, issueToken, sessionAuth, sessionTokenFrom, setupAdmin, type Auth } from "./helpers/api";

let t: TestDb;
let admin: { cookie: string; csrf: string };

beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
});
afterAll(async () => { await t.cleanup(); });
beforeEach(async () => { await t.db.loginThrottle.deleteMany(); });

const PASSWORD = "a long enough password";
/** A second admin account created directly, so flows that change it leave `admin` alone. */
async function makeUser(username: string, password = PASSWORD) {
  return t.db.user.create({ data: { username, passwordHash: await hashPassword(password), role: "admin" } });
}
async function login(body: Record<string, unknown>, ip = TEST_IP) {
  return call(loginPOST, "/api/auth/login", { body, ip });
}
async function signIn(username: string, password = PASSWORD, extra: Record<string, unknown> = {}) {
  const r = await login({ username, password, ...extra });
  expect(r.status, r.text).toBe(200);
  const token = sessionTokenFrom(r);
  expect(token).toBeTruthy();
  return sessionAuth(t.db, token!);
}
const me = (auth: Auth) => call(meGET, "/api/auth/me", { auth });
const newService = (name: string, auth: Auth, headers?: Record<string, string>) =>
  call(servicesPOST, "/api/v1/services", { body: { name, image: "nginx" }, auth, headers });

describe("first-run setup", () => {
  it("cannot run twice", async () => {
    const r = await call(setupPOST, "/api/auth/setup", { body: { setupCode: ensureSetupCode(), username: "intruder", password: PASSWORD } });
    expect(r.status).toBe(409);
    expect(errorOf(r).code).toBe("conflict");
    expect(await t.db.user.count({ where: { username: "intruder" } })).toBe(0);
  });

  it("signed the admin in with a same-site, HttpOnly cookie", async () => {
    const r = await me(admin);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ username: ADMIN.username, role: "admin", totpEnabled: false, via: "user", scopes: ["admin"] });
  });
});

describe("authentication and authorisation", () => {
  it("answers 401 without credentials", async () => {
    for (const r of [await call(servicesGET, "/api/v1/services"), await newService("anon", null), await me(null)]) {
      expect(r.status).toBe(401);
      expect(errorOf(r).code).toBe("unauthorized");
    }
    const bogus = await call(servicesGET, "/api/v1/services", { auth: { cookie: "not-a-session" } });
    expect(bogus.status).toBe(401);
    const badBearer = await call(servicesGET, "/api/v1/services", { auth: { bearer: "hp_not-a-token" } });
    expect(badBearer.status).toBe(401);
    expect(errorOf(badBearer).message).toMatch(/invalid, revoked or expired/);
  });

  it("a read-only token can read but not write (403)", async () => {
    const read = await issueToken(admin, ["read"]);
    const auth = { bearer: read.token };
    expect((await call(servicesGET, "/api/v1/services", { auth })).status).toBe(200);
    const w = await newService("from-read-token", auth);
    expect(w.status).toBe(403);
    expect(errorOf(w)).toMatchObject({ code: "forbidden", message: "This needs the 'write' scope" });
    expect(await t.db.service.count({ where: { name: "from-read-token" } })).toBe(0);
    // Managing tokens needs admin.
    const writeOnly = await issueToken(admin, ["write"]);
    expect((await call(tokensPOST, "/api/v1/tokens", { body: { name: "x", scopes: ["admin"] }, auth: { bearer: writeOnly.token } })).status).toBe(403);
  });

  it("a write token needs no CSRF token, even from another origin", async () => {
    const w = await issueToken(admin, ["write"]);
    const r = await newService("from-token", { bearer: w.token }, { origin: "http://evil.example" });
    expect(r.status, r.text).toBe(201);
  });

  it("refuses cookie mutations with a missing or wrong CSRF token or a foreign Origin (403)", async () => {
    const cases: { desc: string; auth: Auth; headers?: Record<string, string> }[] = [
      { desc: "no CSRF token", auth: { cookie: admin.cookie } },
      // The last character changed to a different one (a fixed "x" would be no change 1 time in 64).
      { desc: "wrong CSRF token", auth: { cookie: admin.cookie, csrf: `${admin.csrf.slice(0, -1)}${admin.csrf.endsWith("x") ? "y" : "x"}` } },
      { desc: "another session's CSRF token", auth: { cookie: admin.cookie, csrf: (await signIn(ADMIN.username, ADMIN.password)).csrf } },
      { desc: "foreign Origin", auth: admin, headers: { origin: "http://evil.example" } },
    ];
    for (const c of cases) {
      const r = await newService("csrf-victim", c.auth, c.headers);
      expect(r.status, c.desc).toBe(403);
      expect(errorOf(r).code, c.desc).toBe("csrf");
    }
    expect(await t.db.service.count({ where: { name: "csrf-victim" } })).toBe(0);
    expect((await newService("csrf-ok", admin)).status).toBe(201);
  });

  it("rejects an expired token and a revoked one", async () => {
    const tok = await issueToken(admin, ["read"], "soon-gone");
    const auth = { bearer: tok.token };
    expect((await call(servicesGET, "/api/v1/services", { auth })).status).toBe(200);
    await t.db.apiToken.update({ where: { id: tok.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(servicesGET, "/api/v1/services", { auth })).status).toBe(401);

    const tok2 = await issueToken(admin, ["read"], "revoked");
    const del = await call(tokenDELETE, `/api/v1/tokens/${tok2.id}`, { method: "DELETE", auth: admin }, { id: tok2.id });
    expect(del.status).toBe(204);
    expect((await call(servicesGET, "/api/v1/services", { auth: { bearer: tok2.token } })).status).toBe(401);
    const again = await call(tokenDELETE, `/api/v1/tokens/${tok2.id}`, { method: "DELETE", auth: admin }, { id: tok2.id });
    expect(again.status).toBe(404);
    expect(await t.db.auditEvent.count({ where: { action: "token.revoke", targetId: tok2.id, ip: TEST_IP } })).toBe(1);
  });

  it("lists tokens without their secrets; a new token expires in 90 days by default", async () => {
    const created = await call(tokensPOST, "/api/v1/tokens", { body: { name: "listed", scopes: ["read", "write"] }, auth: admin });
    expect(created.status).toBe(201);
    const body = created.body as { id: string; token: string; expiresAt: string };
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(89 * 86400_000);
    const forever = await call(tokensPOST, "/api/v1/tokens", { body: { name: "forever", scopes: ["read"], expiresInDays: null }, auth: admin });
    expect((forever.body as { expiresAt: string | null }).expiresAt).toBeNull();
    const list = await call(tokensGET, "/api/v1/tokens", { auth: admin });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(body.token);
    expect(list.text).not.toContain("tokenHash");
    expect((list.body as { items: { id: string; scopes: string[] }[] }).items.find((i) => i.id === body.id)?.scopes).toEqual(["read", "write"]);
    expect(await t.db.auditEvent.count({ where: { action: "token.create", targetId: body.id, actorType: "user" } })).toBe(1);
  });

  it("sends a rotated session token back as a cookie; the old one keeps working briefly", async () => {
    const s = await signIn(ADMIN.username, ADMIN.password);
    const row = await t.db.session.findFirstOrThrow({ where: { csrfToken: s.csrf } });
    await t.db.session.update({ where: { id: row.id }, data: { rotatedAt: new Date(Date.now() - ROTATE_AFTER_MS - 1000) } });
    const r = await me(s);
    expect(r.status).toBe(200);
    const fresh = sessionTokenFrom(r);
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(s.cookie);
    expect(r.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Lax; Max-Age=\d+/);
    expect((await me({ cookie: fresh! })).status).toBe(200);
    expect((await me(s)).status).toBe(200);
    await t.db.session.update({ where: { id: row.id }, data: { previousValidUntil: new Date(Date.now() - 1) } });
    expect((await me(s)).status).toBe(401);
    expect((await me({ cookie: fresh! })).status).toBe(200);
  });
});

describe("session rotation on a failing request", () => {
  it("still hands the rotated token to the client, so the session survives the grace window", async () => {
    const s = await signIn(ADMIN.username, ADMIN.password);
    const row = await t.db.session.findFirstOrThrow({ where: { csrfToken: s.csrf } });
    await t.db.session.update({ where: { id: row.id }, data: { rotatedAt: new Date(Date.now() - ROTATE_AFTER_MS - 1000) } });
    const r = await call(servicesPOST, "/api/v1/services", { body: { name: "Not Valid!", image: "nginx" }, auth: s });
    expect(r.status).toBe(422);
    const fresh = sessionTokenFrom(r);
    expect(fresh, "the rotated token must reach the client even when the request fails").toBeTruthy();
    await t.db.session.update({ where: { id: row.id }, data: { previousValidUntil: new Date(Date.now() - 1) } });
    expect((await me({ cookie: fresh! })).status).toBe(200);
  });
});

describe("sign-in", () => {
  it("sets an HttpOnly session cookie and audits the sign-in", async () => {
    const r = await login({ username: ADMIN.username, password: ADMIN.password }, "192.0.2.44");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ username: ADMIN.username });
    const cookie = r.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^hp_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(await t.db.auditEvent.count({ where: { action: "auth.login", ip: "192.0.2.44", actorName: ADMIN.username } })).toBe(1);
  });

  it("refuses a sign-in posted from another origin", async () => {
    const r = await call(loginPOST, "/api/auth/login", { body: { username: ADMIN.username, password: ADMIN.password }, headers: { origin: "http://evil.example" } });
    expect(r.status).toBe(403);
    expect(errorOf(r).code).toBe("csrf");
  });

  it("answers 401 to a wrong password or unknown user, then 429 with Retry-After after 5 failures from that address", async () => {
    const ip = "203.0.113.50";
    const unknown = await login({ username: "nobody", password: "whatever" }, "203.0.113.51");
    expect(unknown.status).toBe(401);
    for (let i = 1; i <= 5; i++) {
      const r = await login({ username: ADMIN.username, password: "wrong password" }, ip);
      expect(r.status, `attempt ${i}`).toBe(401);
      expect(errorOf(r)).toMatchObject({ code: "unauthorized", message: "Wrong username or password" });
    }
    const locked = await login({ username: ADMIN.username, password: ADMIN.password }, ip);
    expect(locked.status).toBe(429);
    expect(errorOf(locked).code).toBe("rate_limited");
    const retry = Number(locked.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(30);
    expect(sessionTokenFrom(locked)).toBeNull();
    // Only that address is locked out of that account: the owner elsewhere, and other users from
    // that address, still get in.
    expect((await login({ username: ADMIN.username, password: ADMIN.password }, "203.0.113.60")).status).toBe(200);
    await makeUser("bystander");
    expect((await login({ username: "bystander", password: PASSWORD }, ip)).status).toBe(200);
    expect((await login({ username: ADMIN.username, password: ADMIN.password }, ip)).status).toBe(429);
    // The five failures are one audit row with a count.
    const rows = await t.db.auditEvent.findMany({ where: { action: "auth.login.failed", ip } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ count: 5, actorName: ADMIN.username });
  });
});

describe("sign-in throttling under parallel guesses", () => {
  it("lets no more than the free attempts through when guesses arrive at once", async () => {
    const guesses = await Promise.all(
      Array.from({ length: 20 }, () => login({ username: ADMIN.username, password: "parallel guess" }, "203.0.113.77")),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });
});

describe("two-factor sign-in", () => {
  // The clock moves one TOTP step at a time, so that each accepted code belongs to a new step.
  const STEP_MS = 30_000;
  let clock = 0;
  const nextStep = () => vi.setSystemTime((clock += STEP_MS));
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    clock = Math.floor(Date.now() / STEP_MS) * STEP_MS + 5_000;
    vi.setSystemTime(clock);
  });
  afterEach(() => { vi.useRealTimers(); });

  it("enrols with a code from the authenticator, then requires the code to sign in", async () => {
    const user = await makeUser("totp-user");
    const s = await signIn("totp-user");
    const setup = await call(totpSetupPOST, "/api/auth/totp/setup", { method: "POST", auth: s });
    expect(setup.status, setup.text).toBe(200);
    const { secret, uri } = setup.body as { secret: string; uri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toContain(`secret=${secret}`);
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpSecret).not.toContain(secret);
    expect(stored.totpEnabled).toBe(false);

    const wrongCode = totpAt(secret, clock - 10 * 60_000);
    const bad = await call(totpEnablePOST, "/api/auth/totp/enable", { body: { code: wrongCode }, auth: s });
    expect(bad.status).toBe(422);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabled).toBe(false);

    const enableCode = totpAt(secret, clock);
    const ok = await call(totpEnablePOST, "/api/auth/totp/enable", { body: { code: enableCode }, auth: s });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toEqual({ totpEnabled: true });
    expect((await me(s)).body).toMatchObject({ totpEnabled: true });
    const twice = await call(totpSetupPOST, "/api/auth/totp/setup", { method: "POST", auth: s });
    expect(twice.status).toBe(409);

    const noCode = await login({ username: "totp-user", password: PASSWORD });
    expect(noCode.status).toBe(401);
    expect(errorOf(noCode).issues).toEqual([{ path: "totp", message: "totp_required" }]);
    expect(sessionTokenFrom(noCode)).toBeNull();
    const wrong = await login({ username: "totp-user", password: PASSWORD, totp: wrongCode });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong).issues).toEqual([{ path: "totp", message: "totp_invalid" }]);
    const wrongPassword = await login({ username: "totp-user", password: "not the password", totp: totpAt(secret, clock) });
    expect(wrongPassword.status).toBe(401);
    expect(errorOf(wrongPassword).message).toBe("Wrong username or password");
    // The code that turned two-factor on is spent: it cannot sign in.
    const replay = await login({ username: "totp-user", password: PASSWORD, totp: enableCode });
    expect(replay.status).toBe(401);
    expect(errorOf(replay).issues).toEqual([{ path: "totp", message: "totp_replayed" }]);
    nextStep();
    await signIn("totp-user", PASSWORD, { totp: totpAt(secret, clock) });

    const refuse = await call(totpDisablePOST, "/api/auth/totp/disable", { body: { password: "not the password", code: totpAt(secret, clock) }, auth: s });
    expect(refuse.status).toBe(403);
    nextStep();
    const off = await call(totpDisablePOST, "/api/auth/totp/disable", { body: { password: PASSWORD, code: totpAt(secret, clock) }, auth: s });
    expect(off.status, off.text).toBe(200);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ totpEnabled: false, totpSecret: null });
    await signIn("totp-user");
    const actions = (await t.db.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { at: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["auth.totp.enable", "auth.totp.disable"]);
  });

  it("two-factor changes need a session, not an API token", async () => {
    const tok = await issueToken(admin, ["admin"]);
    const r = await call(totpSetupPOST, "/api/auth/totp/setup", { method: "POST", auth: { bearer: tok.token } });
    expect(r.status).toBe(403);
  });
});

describe("sign-out", () => {
  it("logout ends this session only and clears the cookie", async () => {
    await makeUser("leaver");
    const a = await signIn("leaver");
    const b = await signIn("leaver");
    const r = await call(logoutPOST, "/api/auth/logout", { method: "POST", auth: a });
    expect(r.status).toBe(200);
    expect(r.headers.getSetCookie()[0]).toMatch(/^hp_session=; .*Max-Age=0/);
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(200);
    expect(await t.db.auditEvent.count({ where: { action: "auth.logout", actorName: "leaver", ip: TEST_IP } })).toBe(1);
  });

  it("logout without the CSRF token is refused", async () => {
    const r = await call(logoutPOST, "/api/auth/logout", { method: "POST", auth: { cookie: admin.cookie } });
    expect(r.status).toBe(403);
    expect((await me(admin)).status).toBe(200);
  });

  it("logout everywhere ends every session of the user, and only theirs", async () => {
    await makeUser("everywhere");
    const sessions = [await signIn("everywhere"), await signIn("everywhere"), await signIn("everywhere")];
    const r = await call(logoutAllPOST, "/api/auth/logout-all", { method: "POST", auth: sessions[0] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ended: 3 });
    for (const s of sessions) expect((await me(s)).status).toBe(401);
    const user = await t.db.user.findUniqueOrThrow({ where: { username: "everywhere" } });
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await me(admin)).status).toBe(200);
  });
});

describe("password change", () => {
  it("needs the current password, ends other sessions and continues this one with a new cookie", async () => {
    await makeUser("changer");
    const here = await signIn("changer");
    const elsewhere = await signIn("changer");
    const wrong = await call(passwordPOST, "/api/auth/password", { body: { currentPassword: "not it at all", newPassword: "brand new password" }, auth: here });
    expect(wrong.status).toBe(403);
    expect(errorOf(wrong).message).toBe("The current password is wrong");
    const short = await call(passwordPOST, "/api/auth/password", { body: { currentPassword: PASSWORD, newPassword: "short" }, auth: here });
    expect(short.status).toBe(422);

    const r = await call(passwordPOST, "/api/auth/password", { body: { currentPassword: PASSWORD, newPassword: "brand new password" }, auth: here });
    expect(r.status, r.text).toBe(200);
    const fresh = sessionTokenFrom(r);
    expect(fresh).toBeTruthy();
    expect((await me(here)).status).toBe(401);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await me({ cookie: fresh! })).status).toBe(200);

    expect((await login({ username: "changer", password: PASSWORD })).status).toBe(401);
    await signIn("changer", "brand new password");
    expect(await t.db.auditEvent.count({ where: { action: "auth.password.change", actorName: "changer" } })).toBe(1);
  });
});
