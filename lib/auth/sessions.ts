// Server-side sessions: the cookie holds a random token, the database only its SHA-256. Sessions
// slide forward on use up to an absolute lifetime, and the token is rotated every ROTATE_AFTER_MS;
// the previous token stays valid for ROTATION_GRACE_MS so that requests already in flight succeed.
import type { Db } from "@/lib/db";
import { randomToken, sha256 } from "./tokens";
import { announceRevocation } from "./revocation";
import { sessionRows, userRows } from "./rows";
import type { UserRole } from "./schemas";

export const SESSION_COOKIE = "hp_session";
export const ROTATE_AFTER_MS = 15 * 60_000;
export const ROTATION_GRACE_MS = 60_000;
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600_000;
/** lastSeenAt is written at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionInfo {
  id: string;
  userId: string;
  username: string;
  role: UserRole;
  csrfToken: string;
  expiresAt: Date;
  /** Set when the caller should send this new token to the client. */
  rotatedToken?: string;
}

/** The session's user as SessionInfo carries it (the row parsed: an unknown role is an error, not a guess). */
function userInfo(user: Parameters<typeof userRows.parse>[0]): { username: string; role: UserRole } {
  const u = userRows.parse(user);
  return { username: u.username, role: u.role };
}

export async function createSession(
  db: Db,
  userId: string,
  ttlMs: number,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<{ token: string; session: SessionInfo }> {
  const token = randomToken();
  const row = await db.session.create({
    data: {
      userId,
      tokenHash: sha256(token),
      csrfToken: randomToken(24),
      expiresAt: new Date(now.getTime() + ttlMs),
      createdAt: now,
      rotatedAt: now,
      lastSeenAt: now,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 256) ?? null,
    },
    include: { user: true },
  });
  return {
    token,
    session: { id: row.id, userId, ...userInfo(row.user), csrfToken: row.csrfToken, expiresAt: row.expiresAt },
  };
}

/**
 * Looks a session up by its cookie token. Expired sessions are deleted and yield null. With
 * `rotate`, a session due for rotation gets a new token (returned as `rotatedToken`).
 */
export async function resolveSession(
  db: Db,
  token: string,
  opts: { ttlMs: number; rotate: boolean; now?: Date },
): Promise<SessionInfo | null> {
  const now = opts.now ?? new Date();
  const hash = sha256(token);
  let found = await db.session.findUnique({ where: { tokenHash: hash }, include: { user: true } });
  let isCurrent = true;
  if (!found) {
    found = await db.session.findUnique({ where: { previousTokenHash: hash }, include: { user: true } });
    if (!found || !found.previousValidUntil || found.previousValidUntil <= now) return null;
    isCurrent = false;
  }
  const row = sessionRows.parse(found);
  const absoluteEnd = row.createdAt.getTime() + ABSOLUTE_LIFETIME_MS;
  if (row.expiresAt <= now || absoluteEnd <= now.getTime()) {
    await db.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  const info: SessionInfo = {
    id: row.id,
    userId: row.userId,
    ...userInfo(found.user),
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
  const dueForRotation = now.getTime() - row.rotatedAt.getTime() >= ROTATE_AFTER_MS;
  if (opts.rotate && isCurrent && dueForRotation) {
    const fresh = randomToken();
    const expiresAt = new Date(Math.min(absoluteEnd, now.getTime() + opts.ttlMs));
    await db.session.update({
      where: { id: row.id },
      data: {
        tokenHash: sha256(fresh),
        previousTokenHash: hash,
        previousValidUntil: new Date(now.getTime() + ROTATION_GRACE_MS),
        rotatedAt: now,
        lastSeenAt: now,
        expiresAt,
      },
    });
    info.rotatedToken = fresh;
    info.expiresAt = expiresAt;
  } else if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    const expiresAt = new Date(Math.min(absoluteEnd, now.getTime() + opts.ttlMs));
    await db.session.update({ where: { id: row.id }, data: { lastSeenAt: now, expiresAt } });
    info.expiresAt = expiresAt;
  }
  return info;
}

/** Ends one session; its live streams close (revocation signal). */
export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
  announceRevocation({ kind: "sessions", sessionIds: [sessionId] });
}

/** Signs the user out everywhere (live streams included); returns how many sessions ended. */
export async function revokeAllSessions(db: Db, userId: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId } });
  announceRevocation({ kind: "user-sessions", userId });
  return count;
}

export async function pruneExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
