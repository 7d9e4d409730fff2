// Login throttling with lockout backoff, per client address and per username, kept in the
// database so a restart does not reset it. After FREE_ATTEMPTS failures each further failure locks
// the key for twice as long as the last, up to MAX_LOCK_MS.
import type { Db, Prisma } from "@/lib/db";

type DbOrTx = Db | Prisma.TransactionClient;

export const FREE_ATTEMPTS = 5;
export const BASE_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
/** Counters older than this are forgotten. */
export const FORGET_AFTER_MS = 24 * 3600_000;

/** Pure: how long a key is locked after its `failures`-th failure (0 = not locked). */
export function lockDurationMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export const throttleKeys = (ip: string | null, username: string) => [
  `ip:${ip ?? "unknown"}`,
  `user:${username.toLowerCase()}`,
];

/** Milliseconds until any of the keys is unlocked; 0 when login may be attempted. */
export async function lockedForMs(db: DbOrTx, keys: string[], now = new Date()): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } });
  let wait = 0;
  for (const r of rows) {
    if (r.lockedUntil && r.lockedUntil > now) wait = Math.max(wait, r.lockedUntil.getTime() - now.getTime());
  }
  return wait;
}

export async function recordFailure(db: DbOrTx, keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const row = await db.loginThrottle.findUnique({ where: { key } });
    const stale = row && now.getTime() - row.updatedAt.getTime() > FORGET_AFTER_MS;
    const failures = (row && !stale ? row.failures : 0) + 1;
    const lock = lockDurationMs(failures);
    const lockedUntil = lock > 0 ? new Date(now.getTime() + lock) : null;
    await db.loginThrottle.upsert({
      where: { key },
      create: { key, failures, lockedUntil },
      update: { failures, lockedUntil },
    });
  }
}

/**
 * Checks the keys and, when they are open, counts this attempt as a failure in one transaction,
 * before the slow password check: guesses sent in parallel see each other instead of all passing
 * the check at once. A successful sign-in clears the count again (recordSuccess). Returns the
 * milliseconds until unlock; 0 means the attempt may proceed (and has been counted).
 */
export async function beginAttempt(db: Db, keys: string[], now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const wait = await lockedForMs(tx, keys, now);
    if (wait === 0) await recordFailure(tx, keys, now);
    return wait;
  });
}

export async function recordSuccess(db: Db, keys: string[]): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: { in: keys } } });
}
