import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDbWithUser, type TestDbWithUser } from "@/test/helpers/test-db";
import { createApiToken } from "./api-tokens";
import { CredentialWatcher, type CredentialEnd, type WatchedCredential } from "./credential-watch";
import { announceRevocation } from "./revocation";
import { createSession, revokeAllSessions, revokeSession } from "./sessions";

const HOUR = 3600_000;
const meta = { ip: "192.0.2.1", userAgent: "vitest" };

let t: TestDbWithUser;
// A re-check interval far longer than any test: passes run only when a test calls recheck().
const watcher = new CredentialWatcher(HOUR);
const stops: (() => void)[] = [];
beforeAll(async () => { t = await createTestDbWithUser(); });
afterEach(() => { for (const s of stops.splice(0)) s(); });
afterAll(async () => { await t.cleanup(); });

function watch(cred: WatchedCredential): { ends: CredentialEnd[] } {
  const w = { ends: [] as CredentialEnd[] };
  stops.push(watcher.watch(t.db, cred, (r) => w.ends.push(r)));
  return w;
}
const session = async () => {
  const { session: s } = await createSession(t.db, t.userId, HOUR, meta);
  return { kind: "session" as const, sessionId: s.id, userId: t.userId };
};
const token = async (scopes: ("read" | "write" | "admin")[] = ["read"], expiresAt: Date | null = null) => {
  const tk = await createApiToken(t.db, { userId: t.userId, name: "w", scopes, expiresAt });
  return { kind: "token" as const, tokenId: tk.id, userId: t.userId };
};

describe("CredentialWatcher", () => {
  it("ends a session's watch at once when it is signed out, and only that one", async () => {
    const a = await session(), b = await session();
    const wa = watch(a), wb = watch(b);
    await revokeSession(t.db, a.sessionId);
    expect(wa.ends).toEqual(["revoked"]);
    expect(wb.ends).toEqual([]);
    await watcher.recheck();
    expect(wa.ends).toEqual(["revoked"]); // once only
    expect(wb.ends).toEqual([]);
  });

  it("signing out everywhere ends every session watch of the user, not their tokens", async () => {
    const s1 = watch(await session()), s2 = watch(await session()), tk = watch(await token());
    await revokeAllSessions(t.db, t.userId);
    expect(s1.ends).toEqual(["revoked"]);
    expect(s2.ends).toEqual(["revoked"]);
    expect(tk.ends).toEqual([]);
  });

  it("a deleted token's watch ends on the signal, or at the next re-check without one", async () => {
    const a = await token(), b = await token();
    const wa = watch(a), wb = watch(b);
    announceRevocation({ kind: "token", tokenId: a.tokenId });
    expect(wa.ends).toEqual(["revoked"]);
    // Deleted behind the watcher's back (e.g. by another process): the re-check notices.
    await t.db.apiToken.delete({ where: { id: b.tokenId } });
    expect(wb.ends).toEqual([]);
    await watcher.recheck();
    expect(wb.ends).toEqual(["revoked"]);
  });

  it("ends watches whose session or token expired", async () => {
    const s = await session(), tk = await token(["read"], new Date(Date.now() + HOUR));
    const ws = watch(s), wt = watch(tk);
    await watcher.recheck();
    expect([ws.ends, wt.ends]).toEqual([[], []]);
    await t.db.session.update({ where: { id: s.sessionId }, data: { expiresAt: new Date(Date.now() - 1) } });
    await watcher.recheck();
    expect(ws.ends).toEqual(["expired"]);
    expect(wt.ends).toEqual([]);
    await watcher.recheck(new Date(Date.now() + 2 * HOUR));
    expect(wt.ends).toEqual(["expired"]);
  });

  it("ends a token's watch when its scopes no longer allow read", async () => {
    const tk = await token();
    const w = watch(tk);
    await t.db.apiToken.update({ where: { id: tk.tokenId }, data: { scopes: "" } });
    await watcher.recheck();
    expect(w.ends).toEqual(["forbidden"]);
  });

  it("a session and a token whose user row no longer parses (a hand-edited role) end as forbidden; other users' watches carry on", async () => {
    const other = await t.db.user.create({ data: { username: "bob", passwordHash: "x", role: "viewer" } });
    const s = await session(), tk = await token();
    const otherSession = { kind: "session" as const, sessionId: (await createSession(t.db, other.id, 3600_000, { ip: null, userAgent: null })).session.id, userId: other.id };
    const ws = watch(s), wt = watch(tk), wo = watch(otherSession);
    await t.db.user.update({ where: { id: t.userId }, data: { role: "root" } });
    try {
      await watcher.recheck();
      expect(ws.ends).toEqual(["forbidden"]);
      // A token never holds more than its owner's role; an unreadable role grants nothing.
      expect(wt.ends).toEqual(["forbidden"]);
      expect(wo.ends).toEqual([]);
    } finally {
      await t.db.user.update({ where: { id: t.userId }, data: { role: "admin" } });
      await t.db.user.delete({ where: { id: other.id } });
    }
  });

  it("a user deleted or given another role: every session and token watch of that user ends at once, no one else's", async () => {
    const other = await t.db.user.create({ data: { username: "carol", passwordHash: "x", role: "viewer" } });
    try {
      const s = await session(), tk = await token();
      const otherSession = { kind: "session" as const, sessionId: (await createSession(t.db, other.id, HOUR, meta)).session.id, userId: other.id };
      const ws = watch(s), wt = watch(tk), wo = watch(otherSession);
      announceRevocation({ kind: "user", userId: t.userId });
      expect(ws.ends).toEqual(["revoked"]);
      expect(wt.ends).toEqual(["revoked"]);
      expect(wo.ends).toEqual([]);
    } finally {
      await t.db.user.delete({ where: { id: other.id } });
    }
  });

  it("forgets stopped watches and holds no timer when idle", async () => {
    const s = await session();
    const w = { ends: [] as CredentialEnd[] };
    const stop = watcher.watch(t.db, s, (r) => w.ends.push(r));
    expect(watcher.size).toBe(1);
    stop();
    expect(watcher.size).toBe(0);
    await revokeSession(t.db, s.sessionId);
    expect(w.ends).toEqual([]);
  });
});
