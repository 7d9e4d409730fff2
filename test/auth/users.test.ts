// User management through the real route handlers: what an admin can do to other users, what
// nobody can do (leave Homeport without an admin, delete themselves, reuse a name), and that a
// demotion, deletion or password reset takes effect on the very next request, for sessions and
// API tokens alike. Every change leaves an audit row naming the admin who made it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as usersGET, POST as usersPOST } from "@/app/api/v1/users/route";
import { PATCH as userPATCH, DELETE as userDELETE } from "@/app/api/v1/users/[id]/route";
import { POST as passwordPOST } from "@/app/api/v1/users/[id]/password/route";
import { DELETE as totpDELETE } from "@/app/api/v1/users/[id]/totp/route";
import { POST as loginPOST } from "@/app/api/auth/login/route";
import { POST as tokensPOST } from "@/app/api/v1/tokens/route";
import { GET as servicesGET } from "@/app/api/v1/services/route";
import { GET as settingsGET } from "@/app/api/v1/settings/route";
import { getCredentialWatcher, type CredentialEnd, type UserView } from "@/lib/auth";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { ADMIN, call, errorOf, sessionAuth, sessionTokenFrom, setupAdmin, type Auth } from "../helpers/api";
import { freshSession, freshToken } from "./role-fixtures";

let t: TestDb;
let admin: { cookie: string; csrf: string };
let adminId: string;

beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
  adminId = (await t.db.user.findUniqueOrThrow({ where: { username: ADMIN.username } })).id;
});
afterAll(async () => {
  await t.cleanup();
});

async function createUser(username: string, role: string, password?: string): Promise<{ user: UserView; generatedPassword: string | null }> {
  const r = await call(usersPOST, "/api/v1/users", { body: { username, role, ...(password ? { password } : {}) }, auth: admin });
  expect(r.status, r.text).toBe(201);
  return r.body as { user: UserView; generatedPassword: string | null };
}

async function signIn(username: string, password: string) {
  return call(loginPOST, "/api/auth/login", { body: { username, password }, ip: "198.51.100.20" });
}

const lastAudit = (action: string, targetId: string) => t.db.auditEvent.findFirst({ where: { action, targetId }, orderBy: { at: "desc" } });

describe("creating users", () => {
  it("creates an operator with a generated password, shown once, that signs in; audited with the admin as actor", async () => {
    const { user, generatedPassword } = await createUser("olga", "operator");
    expect(user).toMatchObject({ username: "olga", role: "operator", totpEnabled: false, activeSessions: 0, lastActiveAt: null });
    expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const login = await signIn("olga", generatedPassword!);
    expect(login.status, login.text).toBe(200);
    const list = await call(usersGET, "/api/v1/users", { auth: admin });
    const olga = (list.body as { items: UserView[] }).items.find((u) => u.username === "olga");
    expect(olga?.activeSessions).toBe(1);
    expect(list.text).not.toMatch(/passwordHash|totpSecret|scrypt\$/);
    const audit = await lastAudit("user.create", user.id);
    expect(audit).toMatchObject({ actorType: "user", actorId: adminId, actorName: ADMIN.username });
    expect(audit?.details).not.toContain(generatedPassword!);
  });

  it("takes a typed password and returns none", async () => {
    const { generatedPassword } = await createUser("vic", "viewer", "a typed password 1");
    expect(generatedPassword).toBeNull();
    expect((await signIn("vic", "a typed password 1")).status).toBe(200);
  });

  it("refuses a duplicate name with 409 and a message naming it", async () => {
    const r = await call(usersPOST, "/api/v1/users", { body: { username: "olga", role: "viewer" }, auth: admin });
    expect(r.status).toBe(409);
    expect(errorOf(r).message).toMatch(/olga.*already exists/);
  });

  it("is refused to operators and viewers (sessions and tokens)", async () => {
    const olga = await t.db.user.findUniqueOrThrow({ where: { username: "olga" } });
    const vic = await t.db.user.findUniqueOrThrow({ where: { username: "vic" } });
    const creds: Auth[] = [await freshSession(t.db, olga.id), await freshSession(t.db, vic.id), await freshToken(t.db, olga.id, ["write"])];
    for (const auth of creds) {
      expect((await call(usersGET, "/api/v1/users", { auth })).status).toBe(403);
      const r = await call(usersPOST, "/api/v1/users", { body: { username: "mallory", role: "admin" }, auth });
      expect(r.status).toBe(403);
      expect(errorOf(r).message).toMatch(/'admin' scope/);
    }
    expect(await t.db.user.findUnique({ where: { username: "mallory" } })).toBeNull();
  });
});

describe("the last admin", () => {
  it("cannot be demoted (409, nothing changes) and cannot delete themselves (403)", async () => {
    const demote = await call(userPATCH, `/api/v1/users/${adminId}`, { method: "PATCH", body: { role: "operator" }, auth: admin }, { id: adminId });
    expect(demote.status).toBe(409);
    expect(errorOf(demote).message).toMatch(/at least one admin/);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: adminId } })).role).toBe("admin");
    const del = await call(userDELETE, `/api/v1/users/${adminId}`, { method: "DELETE", auth: admin }, { id: adminId });
    expect(del.status).toBe(403);
    expect(errorOf(del).message).toMatch(/cannot delete yourself/);
  });

  it("can step down once another admin exists", async () => {
    const { user: second } = await createUser("second-admin", "admin", "second admin password");
    const secondSession = await freshSession(t.db, second.id);
    const r = await call(userPATCH, `/api/v1/users/${adminId}`, { method: "PATCH", body: { role: "operator" }, auth: secondSession }, { id: adminId });
    expect(r.status, r.text).toBe(200);
    // The first admin is now an operator; the second promotes them back for the tests below.
    expect((await call(usersGET, "/api/v1/users", { auth: admin })).status).toBe(403);
    const back = await call(userPATCH, `/api/v1/users/${adminId}`, { method: "PATCH", body: { role: "admin" }, auth: secondSession }, { id: adminId });
    expect(back.status).toBe(200);
    const audit = await lastAudit("user.role.change", adminId);
    expect(audit).toMatchObject({ actorId: second.id, actorName: "second-admin" });
    expect(JSON.parse(audit!.details!)).toMatchObject({ from: "operator", to: "admin" });
  });
});

describe("a change takes effect at once", () => {
  it("a demoted admin's session and admin token lose admin on the next request, keep what the new role grants, and their live streams end", async () => {
    const { user } = await createUser("dora", "admin", "dora's password 123");
    const session = await freshSession(t.db, user.id);
    const token = await freshToken(t.db, user.id, ["admin"]);
    expect((await call(settingsGET, "/api/v1/settings", { auth: session })).status).toBe(200);
    expect((await call(settingsGET, "/api/v1/settings", { auth: token })).status).toBe(200);
    const ends: CredentialEnd[] = [];
    const sessionRow = await t.db.session.findFirstOrThrow({ where: { userId: user.id } });
    const stop = getCredentialWatcher().watch(t.db, { kind: "session", sessionId: sessionRow.id, userId: user.id }, (e) => ends.push(e));
    try {
      const r = await call(userPATCH, `/api/v1/users/${user.id}`, { method: "PATCH", body: { role: "viewer" }, auth: admin }, { id: user.id });
      expect(r.status, r.text).toBe(200);
      expect(ends).toEqual(["revoked"]);
    } finally {
      stop();
    }
    for (const auth of [session, token]) {
      const s = await call(settingsGET, "/api/v1/settings", { auth });
      expect(s.status).toBe(403);
      expect((await call(servicesGET, "/api/v1/services", { auth })).status).toBe(200);
    }
  });

  it("a deleted user's session and token are refused (401); their tokens are gone; audited", async () => {
    const { user } = await createUser("eddie", "operator", "eddie password 1234");
    const session = await freshSession(t.db, user.id);
    const token = await freshToken(t.db, user.id, ["write"]);
    const del = await call(userDELETE, `/api/v1/users/${user.id}`, { method: "DELETE", auth: admin }, { id: user.id });
    expect(del.status, del.text).toBe(204);
    expect((await call(servicesGET, "/api/v1/services", { auth: session })).status).toBe(401);
    expect((await call(servicesGET, "/api/v1/services", { auth: token })).status).toBe(401);
    expect(await t.db.apiToken.count({ where: { userId: user.id } })).toBe(0);
    const audit = await lastAudit("user.delete", user.id);
    expect(audit).toMatchObject({ actorId: adminId, actorName: ADMIN.username });
    expect(JSON.parse(audit!.details!)).toMatchObject({ username: "eddie", role: "operator", tokens: 1 });
  });

  it("a password reset ends the user's sessions; the new (generated) password signs in, the old one does not", async () => {
    const { user } = await createUser("fay", "viewer", "fay's old password");
    const login = await signIn("fay", "fay's old password");
    const old = await sessionAuth(t.db, sessionTokenFrom(login)!);
    const r = await call(passwordPOST, `/api/v1/users/${user.id}/password`, { body: {}, auth: admin }, { id: user.id });
    expect(r.status, r.text).toBe(200);
    const { generatedPassword } = r.body as { generatedPassword: string };
    expect((await call(servicesGET, "/api/v1/services", { auth: old })).status).toBe(401);
    expect((await signIn("fay", "fay's old password")).status).toBe(401);
    expect((await signIn("fay", generatedPassword)).status).toBe(200);
    expect(await lastAudit("user.password.reset", user.id)).toMatchObject({ actorId: adminId });
    const self = await call(passwordPOST, `/api/v1/users/${adminId}/password`, { body: {}, auth: admin }, { id: adminId });
    expect(self.status).toBe(403);
  });
});

describe("two-factor", () => {
  it("admins see whether a user has it, never the secret, and can turn it off for a user who lost their device (audited)", async () => {
    const { user } = await createUser("gil", "operator", "gil's password 123");
    await t.db.user.update({ where: { id: user.id }, data: { totpEnabled: true, totpSecret: "sealed-secret-placeholder" } });
    const list = await call(usersGET, "/api/v1/users", { auth: admin });
    expect((list.body as { items: UserView[] }).items.find((u) => u.id === user.id)?.totpEnabled).toBe(true);
    expect(list.text).not.toContain("sealed-secret-placeholder");
    const r = await call(totpDELETE, `/api/v1/users/${user.id}/totp`, { method: "DELETE", auth: admin }, { id: user.id });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ totpEnabled: false });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ totpEnabled: false, totpSecret: null });
    expect(await lastAudit("user.totp.reset", user.id)).toMatchObject({ actorId: adminId, actorName: ADMIN.username });
    const again = await call(totpDELETE, `/api/v1/users/${user.id}/totp`, { method: "DELETE", auth: admin }, { id: user.id });
    expect(again.status).toBe(409);
  });
});

describe("API tokens never exceed their owner's role", () => {
  it("a viewer may create a read token but not a write or admin one; an operator not an admin one", async () => {
    const vic = await t.db.user.findUniqueOrThrow({ where: { username: "vic" } });
    const olga = await t.db.user.findUniqueOrThrow({ where: { username: "olga" } });
    const viewer = await freshSession(t.db, vic.id);
    const operator = await freshSession(t.db, olga.id);
    expect((await call(tokensPOST, "/api/v1/tokens", { body: { name: "ro", scopes: ["read"] }, auth: viewer })).status).toBe(201);
    for (const [auth, scopes] of [[viewer, ["write"]], [viewer, ["admin"]], [operator, ["admin"]]] as const) {
      const r = await call(tokensPOST, "/api/v1/tokens", { body: { name: "too-much", scopes }, auth });
      expect(r.status).toBe(403);
      expect(errorOf(r).message).toMatch(new RegExp(`cannot give a token the '${scopes[0]}' scope`));
    }
    expect(await t.db.apiToken.count({ where: { name: "too-much" } })).toBe(0);
  });

  it("a read token cannot mint further tokens", async () => {
    const vic = await t.db.user.findUniqueOrThrow({ where: { username: "vic" } });
    const token = await freshToken(t.db, vic.id, ["read"]);
    const r = await call(tokensPOST, "/api/v1/tokens", { body: { name: "minted", scopes: ["read"] }, auth: token });
    expect(r.status).toBe(403);
  });
});
