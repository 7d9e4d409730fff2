// Live event streams end with the credentials that opened them, and the audit retention setting
// (admin only, validated, audited) prunes old audit rows: through the real route handlers on a
// real SQLite file.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as eventsGET } from "@/app/api/v1/events/route";
import { POST as loginPOST } from "@/app/api/auth/login/route";
import { POST as logoutPOST } from "@/app/api/auth/logout/route";
import { POST as passwordPOST } from "@/app/api/auth/password/route";
import { DELETE as tokenDELETE } from "@/app/api/v1/tokens/[id]/route";
import { GET as settingsGET, PATCH as settingsPATCH } from "@/app/api/v1/settings/route";
import { CREDENTIAL_RECHECK_MS } from "@/lib/auth";
import { hashPassword } from "@/lib/auth/password";
import { getEventBus } from "@/lib/events";
import { runAuditRetention } from "@/lib/settings";
import { createTestDb, type TestDb } from "./helpers/test-db";
import { call, errorOf, issueToken, makeRequest, sessionAuth, sessionTokenFrom, setupAdmin, type Auth } from "./helpers/api";
import { DbSnapshots } from "./helpers/refusal";

/** How long a test waits for a stream to end before failing (a bound, not a target). */
const STREAM_END_WAIT_MS = 5 * CREDENTIAL_RECHECK_MS + 5_000;
const PASSWORD = "a long enough password";

let t: TestDb;
let admin: { cookie: string; csrf: string };
const open: AbortController[] = [];
beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
});
afterEach(() => { for (const c of open.splice(0)) c.abort(); });
afterAll(async () => { await t.cleanup(); });

interface Stream {
  /** Everything received so far. */
  text: () => string;
  /** Resolves to true when the server closed the stream, false when `ms` passed first. */
  ended: (ms: number) => Promise<boolean>;
}

async function openStream(auth: Auth): Promise<Stream> {
  const aborter = new AbortController();
  open.push(aborter);
  const res = await eventsGET(new Request(makeRequest("/api/v1/events", { auth }), { signal: aborter.signal }), { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let received = "";
  const done = (async () => {
    for (;;) {
      const { done: finished, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (finished) return true;
      received += dec.decode(value, { stream: true });
    }
  })();
  return {
    text: () => received,
    ended: (ms) => Promise.race([done, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]),
  };
}

async function signIn(username: string, ip = "198.51.100.30") {
  const r = await call(loginPOST, "/api/auth/login", { body: { username, password: PASSWORD }, ip });
  expect(r.status, r.text).toBe(200);
  return sessionAuth(t.db, sessionTokenFrom(r)!);
}
let users = 0;
async function newUser() {
  const username = `viewer${++users}`;
  await t.db.user.create({ data: { username, passwordHash: await hashPassword(PASSWORD), role: "admin" } });
  return username;
}
const endReason = (s: Stream) => /event: end\ndata: (\{[^\n]*\})/.exec(s.text())?.[1];

describe("live event streams end with their credentials", () => {
  it("a revoked token's stream closes; another token's stream keeps flowing", async () => {
    const doomed = await issueToken(admin, ["read"], "doomed");
    const other = await issueToken(admin, ["read"], "other");
    const a = await openStream({ bearer: doomed.token });
    const b = await openStream({ bearer: other.token });
    const del = await call(tokenDELETE, `/api/v1/tokens/${doomed.id}`, { method: "DELETE", auth: admin }, { id: doomed.id });
    expect(del.status).toBe(204);
    expect(await a.ended(STREAM_END_WAIT_MS)).toBe(true);
    expect(JSON.parse(endReason(a)!)).toEqual({ reason: "revoked" });
    getEventBus().publish({ type: "incident/resolved", incidentId: "after-revoke", checkId: "c1" });
    expect(await b.ended(200)).toBe(false);
    expect(b.text()).toContain('"incidentId":"after-revoke"');
    expect(a.text()).not.toContain("after-revoke");
  });

  it("an expired token's stream closes", async () => {
    const tok = await issueToken(admin, ["read"], "short-lived");
    const s = await openStream({ bearer: tok.token });
    await t.db.apiToken.update({ where: { id: tok.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await s.ended(STREAM_END_WAIT_MS)).toBe(true);
    expect(JSON.parse(endReason(s)!)).toEqual({ reason: "expired" });
  });

  it("a logged-out session's stream closes, and only that session's", async () => {
    const user = await newUser();
    const leaving = await signIn(user);
    const staying = await signIn(user);
    const a = await openStream({ cookie: leaving.cookie });
    const b = await openStream({ cookie: staying.cookie });
    expect((await call(logoutPOST, "/api/auth/logout", { method: "POST", auth: leaving })).status).toBe(200);
    expect(await a.ended(STREAM_END_WAIT_MS)).toBe(true);
    expect(await b.ended(200)).toBe(false);
  });

  it("a password change closes the streams of the user's other sessions", async () => {
    const user = await newUser();
    const here = await signIn(user);
    const elsewhere = await signIn(user);
    const s = await openStream({ cookie: elsewhere.cookie });
    const r = await call(passwordPOST, "/api/auth/password", { body: { currentPassword: PASSWORD, newPassword: "another long password" }, auth: here });
    expect(r.status, r.text).toBe(200);
    expect(await s.ended(STREAM_END_WAIT_MS)).toBe(true);
  });

  it("an expired session's stream closes", async () => {
    const user = await newUser();
    const session = await signIn(user);
    const s = await openStream({ cookie: session.cookie });
    await t.db.session.updateMany({ where: { csrfToken: session.csrf }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await s.ended(STREAM_END_WAIT_MS)).toBe(true);
    expect(JSON.parse(endReason(s)!)).toEqual({ reason: "expired" });
  });
});

describe("audit retention setting", () => {
  it("is admin-only: read and write tokens get 403, an admin token may read and change it", async () => {
    const read = await issueToken(admin, ["read"]);
    const write = await issueToken(admin, ["write"]);
    const adminToken = await issueToken(admin, ["admin"]);
    for (const tok of [read, write]) {
      const g = await call(settingsGET, "/api/v1/settings", { auth: { bearer: tok.token } });
      expect(g.status).toBe(403);
      const p = await call(settingsPATCH, "/api/v1/settings", { method: "PATCH", body: { auditRetentionDays: 30 }, auth: { bearer: tok.token } });
      expect(p.status).toBe(403);
      expect(errorOf(p).code).toBe("forbidden");
    }
    expect((await call(settingsGET, "/api/v1/settings", { auth: { bearer: adminToken.token } })).body).toMatchObject({ auditRetentionDays: 365, imageUpdatesEnabled: false, registryMirror: null });
    const p = await call(settingsPATCH, "/api/v1/settings", { method: "PATCH", body: { auditRetentionDays: 90 }, auth: { bearer: adminToken.token } });
    expect(p.status, p.text).toBe(200);
    expect(p.body).toMatchObject({ auditRetentionDays: 90 });
    const row = await t.db.auditEvent.findFirstOrThrow({ where: { action: "settings.update" } });
    expect(row).toMatchObject({ actorType: "token", actorId: adminToken.id });
    expect(JSON.parse(row.details!)).toEqual({ auditRetentionDays: { from: 365, to: 90 } });
  });

  it("refuses values out of range or of the wrong type with 422, changing nothing", async () => {
    const snapshots = new DbSnapshots(t.file);
    try {
      for (const body of [{ auditRetentionDays: 6 }, { auditRetentionDays: 3651 }, { auditRetentionDays: 30.5 }, { auditRetentionDays: "30" }, { auditRetentionDays: null }, {}, { auditRetentionDays: 30, keepForever: true }]) {
        await snapshots.expectRefused(() => call(settingsPATCH, "/api/v1/settings", { method: "PATCH", body, auth: admin }), 422);
      }
    } finally {
      snapshots.close();
    }
    expect((await call(settingsGET, "/api/v1/settings", { auth: admin })).body).toMatchObject({ auditRetentionDays: 90 });
  });

  it("the retention job prunes rows older than the setting and keeps newer ones", async () => {
    const now = Date.now();
    const daysAgo = (d: number) => new Date(now - d * 86_400_000);
    await t.db.auditEvent.createMany({
      data: [
        { actorType: "system", action: "retention.old", at: daysAgo(45) },
        { actorType: "system", action: "retention.ancient", at: daysAgo(4000) },
        { actorType: "system", action: "retention.recent", at: daysAgo(20) },
        { actorType: "anonymous", action: "retention.folded", at: daysAgo(60), lastAt: daysAgo(5), count: 40 },
      ],
    });
    expect((await call(settingsPATCH, "/api/v1/settings", { method: "PATCH", body: { auditRetentionDays: 30 }, auth: admin })).status).toBe(200);
    expect(await runAuditRetention(t.db)).toBe(2);
    const left = (await t.db.auditEvent.findMany({ where: { action: { startsWith: "retention." } }, orderBy: { action: "asc" } })).map((r) => r.action);
    expect(left).toEqual(["retention.folded", "retention.recent"]);
    expect(await t.db.auditEvent.count({ where: { action: "settings.update" } })).toBe(2);
  });
});
