// Sign-in throttling, kept in the database so a restart does not reset it. Three counters per
// attempt, all counted up front in one transaction:
// - (address, username): the lock-out. After PAIR_FREE_ATTEMPTS failures each further failure
//   locks the pair for twice as long as the last, up to MAX_LOCK_MS. Only that address is locked
//   out of that account: the real owner elsewhere still gets in.
// - address, across usernames (password spraying): the same doubling lock after
//   ADDRESS_FREE_ATTEMPTS failures. It never affects other addresses.
// - username, across addresses: never a lock, only a soft delay before the password check that
//   grows with recent failures and is capped at MAX_SOFT_DELAY_MS.
import type { Db, Prisma } from "@/lib/db";

type DbOrTx = Db | Prisma.TransactionClient;

export const PAIR_FREE_ATTEMPTS = 5;
export const ADDRESS_FREE_ATTEMPTS = 20;
export const BASE_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
/** Failures of a username (from any address) before its soft delay starts. */
export const SOFT_DELAY_FREE_FAILURES = 5;
export const SOFT_DELAY_BASE_MS = 250;
export const MAX_SOFT_DELAY_MS = 3_000;
/** Lock counters (pair, address) older than this are forgotten. */
export const FORGET_AFTER_MS = 24 * 3600_000;
/** A username's failures older than this no longer slow its sign-in. */
export const USER_FORGET_AFTER_MS = 15 * 60_000;

export interface ThrottleKeys {
  pair: string;
  address: string;
  user: string;
}

/** Pure: how long a key is locked after its `failures`-th failure (0 = not locked). */
export function lockDurationMs(failures: number, freeAttempts = PAIR_FREE_ATTEMPTS): number {
  if (failures < freeAttempts) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(failures - freeAttempts, 32));
}

/** Pure: the delay before checking a password for a username with `failures` recent failures. */
export function softDelayMs(failures: number): number {
  if (failures < SOFT_DELAY_FREE_FAILURES) return 0;
  return Math.min(MAX_SOFT_DELAY_MS, SOFT_DELAY_BASE_MS * 2 ** Math.min(failures - SOFT_DELAY_FREE_FAILURES, 32));
}

export function throttleKeys(ip: string | null, username: string): ThrottleKeys {
  const address = ip ?? "unknown";
  const user = username.toLowerCase();
  return { pair: `pair:${address}|${user}`, address: `ip:${address}`, user: `user:${user}` };
}

const freeAttemptsOf = (keys: ThrottleKeys, key: string) => (key === keys.address ? ADDRESS_FREE_ATTEMPTS : PAIR_FREE_ATTEMPTS);

/** Milliseconds until the pair and the address are both unlocked; 0 when sign-in may be tried. */
export async function lockedForMs(db: DbOrTx, keys: ThrottleKeys, now = new Date()): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: [keys.pair, keys.address] } } });
  let wait = 0;
  for (const r of rows) {
    if (r.lockedUntil && r.lockedUntil > now) wait = Math.max(wait, r.lockedUntil.getTime() - now.getTime());
  }
  return wait;
}

/** Counts one failure on every key; returns the username's failures before this one (recent only). */
export async function recordFailure(db: DbOrTx, keys: ThrottleKeys, now = new Date()): Promise<number> {
  let userFailuresBefore = 0;
  for (const key of [keys.pair, keys.address, keys.user]) {
    const row = await db.loginThrottle.findUnique({ where: { key } });
    const forgetAfter = key === keys.user ? USER_FORGET_AFTER_MS : FORGET_AFTER_MS;
    const stale = row && now.getTime() - row.updatedAt.getTime() > forgetAfter;
    const before = row && !stale ? row.failures : 0;
    if (key === keys.user) userFailuresBefore = before;
    const failures = before + 1;
    const lock = key === keys.user ? 0 : lockDurationMs(failures, freeAttemptsOf(keys, key));
    const lockedUntil = lock > 0 ? new Date(now.getTime() + lock) : null;
    await db.loginThrottle.upsert({
      where: { key },
      create: { key, failures, lockedUntil, updatedAt: now },
      update: { failures, lockedUntil, updatedAt: now },
    });
  }
  return userFailuresBefore;
}

export interface AttemptVerdict {
  /** > 0: refused, locked for this long (the attempt was not counted). */
  lockedMs: number;
  /** When allowed: wait this long before checking the password (the username is under attack). */
  delayMs: number;
}

/**
 * Checks the locks and, when open, counts this attempt as a failure in one transaction, before
 * the slow password check: guesses sent in parallel see each other instead of all passing the
 * check at once. A successful sign-in clears the pair and username counts (recordSuccess).
 */
export async function beginAttempt(db: Db, keys: ThrottleKeys, now = new Date()): Promise<AttemptVerdict> {
  return db.$transaction(async (tx) => {
    const lockedMs = await lockedForMs(tx, keys, now);
    if (lockedMs > 0) return { lockedMs, delayMs: 0 };
    return { lockedMs: 0, delayMs: softDelayMs(await recordFailure(tx, keys, now)) };
  });
}

/**
 * The owner proved themselves: the pair and the username start afresh. The address only gets
 * this attempt's up-front count back (so sign-ins never add up to a lock), not its earlier
 * failures: one valid account cannot be used to reset a spraying address.
 */
export async function recordSuccess(db: Db, keys: ThrottleKeys): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.loginThrottle.deleteMany({ where: { key: { in: [keys.pair, keys.user] } } });
    const row = await tx.loginThrottle.findUnique({ where: { key: keys.address } });
    if (!row || row.failures <= 0) return;
    const failures = row.failures - 1;
    // The attempt was allowed, so a lock on the address can only have come from its own count.
    const lockedUntil = failures < ADDRESS_FREE_ATTEMPTS ? null : row.lockedUntil;
    await tx.loginThrottle.update({ where: { key: keys.address }, data: { failures, lockedUntil, updatedAt: row.updatedAt } });
  });
}

/** Deletes counters nobody would read any more (older than their window and unlocked). */
export async function pruneLoginThrottle(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.loginThrottle.deleteMany({
    where: { updatedAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
  return count;
}
