import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDbWithUser, type TestDbWithUser } from "@/test/helpers/test-db";
import {
  ABSOLUTE_LIFETIME_MS, ROTATE_AFTER_MS, ROTATION_GRACE_MS,
  createSession, pruneExpiredSessions, resolveSession, revokeAllSessions, revokeSession,
} from "./sessions";
import { sha256 } from "./tokens";

const HOUR = 3600_000;
const meta = { ip: "192.0.2.1", userAgent: "vitest" };
const t0 = new Date("2026-03-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

let t: TestDbWithUser;
beforeAll(async () => { t = await createTestDbWithUser(); });
afterAll(async () => { await t.cleanup(); });

describe("sessions", () => {
  it("stores only a digest of the token and resolves it", async () => {
    const { token, session } = await createSession(t.db, t.userId, HOUR, meta, t0);
    const row = await t.db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const s = await resolveSession(t.db, token, { ttlMs: HOUR, rotate: true, now: at(1000) });
    expect(s).toMatchObject({ id: session.id, userId: t.userId, username: "alice", role: "admin", csrfToken: row.csrfToken });
    expect(s?.rotatedToken).toBeUndefined();
  });

  it("a session whose user has a role Homeport does not know is refused with an error naming the user, not resolved with some rights", async () => {
    const { token } = await createSession(t.db, t.userId, HOUR, meta, t0);
    await t.db.user.update({ where: { id: t.userId }, data: { role: "superadmin" } });
    try {
      await expect(resolveSession(t.db, token, { ttlMs: HOUR, rotate: false, now: at(1000) })).rejects.toThrow(`User ${t.userId}: column "role" does not parse`);
    } finally {
      await t.db.user.update({ where: { id: t.userId }, data: { role: "admin" } });
    }
  });

  it("unknown tokens resolve to null", async () => {
    expect(await resolveSession(t.db, "no-such-token", { ttlMs: HOUR, rotate: true, now: t0 })).toBeNull();
  });

  it("an expired session is null and deleted", async () => {
    const { token, session } = await createSession(t.db, t.userId, HOUR, meta, t0);
    expect(await resolveSession(t.db, token, { ttlMs: HOUR, rotate: false, now: at(HOUR) })).toBeNull();
    expect(await t.db.session.findUnique({ where: { id: session.id } })).toBeNull();
  });

  it("slides the expiry forward on use (at most once a minute)", async () => {
    const { token, session } = await createSession(t.db, t.userId, HOUR, meta, t0);
    const early = await resolveSession(t.db, token, { ttlMs: HOUR, rotate: false, now: at(30_000) });
    expect(early?.expiresAt).toEqual(at(HOUR));
    const later = await resolveSession(t.db, token, { ttlMs: HOUR, rotate: false, now: at(30 * 60_000) });
    expect(later?.expiresAt).toEqual(at(30 * 60_000 + HOUR));
    const row = await t.db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.expiresAt).toEqual(at(30 * 60_000 + HOUR));
    // Past the original expiry but within the slid one.
    expect(await resolveSession(t.db, token, { ttlMs: HOUR, rotate: false, now: at(HOUR + 60_000) })).not.toBeNull();
  });

  it("ends at the absolute lifetime however often it is used", async () => {
    const ttl = 60 * 24 * HOUR; // longer than the absolute lifetime
    const created = new Date(t0.getTime() - ABSOLUTE_LIFETIME_MS + 10 * 60_000);
    const { token, session } = await createSession(t.db, t.userId, ttl, meta, created);
    const s = await resolveSession(t.db, token, { ttlMs: ttl, rotate: false, now: t0 });
    expect(s?.expiresAt).toEqual(at(10 * 60_000));
    expect(await resolveSession(t.db, token, { ttlMs: ttl, rotate: false, now: at(10 * 60_000) })).toBeNull();
    expect(await t.db.session.findUnique({ where: { id: session.id } })).toBeNull();
  });

  it("rotates the token after ROTATE_AFTER_MS; the old one works during the grace window only", async () => {
    const { token: old, session } = await createSession(t.db, t.userId, HOUR, meta, t0);
    expect((await resolveSession(t.db, old, { ttlMs: HOUR, rotate: true, now: at(ROTATE_AFTER_MS - 1000) }))?.rotatedToken).toBeUndefined();
    expect((await resolveSession(t.db, old, { ttlMs: HOUR, rotate: false, now: at(ROTATE_AFTER_MS) }))?.rotatedToken).toBeUndefined();

    const rotated = await resolveSession(t.db, old, { ttlMs: HOUR, rotate: true, now: at(ROTATE_AFTER_MS) });
    const fresh = rotated?.rotatedToken;
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(old);
    expect(rotated?.id).toBe(session.id);
    expect(rotated?.expiresAt).toEqual(at(ROTATE_AFTER_MS + HOUR));

    const inGrace = await resolveSession(t.db, old, { ttlMs: HOUR, rotate: true, now: at(ROTATE_AFTER_MS + ROTATION_GRACE_MS - 1000) });
    expect(inGrace?.id).toBe(session.id);
    expect(inGrace?.rotatedToken).toBeUndefined();
    expect(await resolveSession(t.db, old, { ttlMs: HOUR, rotate: true, now: at(ROTATE_AFTER_MS + ROTATION_GRACE_MS) })).toBeNull();

    const viaFresh = await resolveSession(t.db, fresh!, { ttlMs: HOUR, rotate: true, now: at(ROTATE_AFTER_MS + ROTATION_GRACE_MS) });
    expect(viaFresh?.id).toBe(session.id);
    expect(viaFresh?.rotatedToken).toBeUndefined();
  });

  it("revokes one session, all of a user's, and prunes expired ones", async () => {
    await t.db.session.deleteMany();
    const a = await createSession(t.db, t.userId, HOUR, meta, t0);
    const b = await createSession(t.db, t.userId, HOUR, meta, t0);
    await revokeSession(t.db, a.session.id);
    expect(await resolveSession(t.db, a.token, { ttlMs: HOUR, rotate: false, now: t0 })).toBeNull();
    expect(await resolveSession(t.db, b.token, { ttlMs: HOUR, rotate: false, now: t0 })).not.toBeNull();

    await createSession(t.db, t.userId, HOUR, meta, t0);
    expect(await revokeAllSessions(t.db, t.userId)).toBe(2);
    expect(await t.db.session.count()).toBe(0);

    await createSession(t.db, t.userId, HOUR, meta, t0);
    await createSession(t.db, t.userId, 3 * HOUR, meta, t0);
    expect(await pruneExpiredSessions(t.db, at(2 * HOUR))).toBe(1);
    expect(await t.db.session.count()).toBe(1);
  });
});
