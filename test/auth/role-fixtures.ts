// Users of each role and their credentials for the role tests: users are created straight in the
// database (no password hashing per test), sessions and tokens through the real auth code.
import { createApiToken, createSession, type Scope, type UserRole } from "@/lib/auth";
import type { Db } from "@/lib/db";
import { sessionAuth, type Auth } from "../helpers/api";

/** A stored hash no password matches (the role tests never sign in with a password). */
const NO_PASSWORD = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

const META = { ip: "198.51.100.9", userAgent: "vitest" };

export async function createRoleUser(db: Db, username: string, role: UserRole): Promise<string> {
  const u = await db.user.create({ data: { username, role, passwordHash: NO_PASSWORD } });
  return u.id;
}

/** A fresh signed-in session (cookie + CSRF token) for the user. */
export async function freshSession(db: Db, userId: string): Promise<{ cookie: string; csrf: string }> {
  const { token } = await createSession(db, userId, 3600_000, META);
  return sessionAuth(db, token);
}

/** A fresh API token of the user, with the given scopes, as a bearer credential. */
export async function freshToken(db: Db, userId: string, scopes: Scope[]): Promise<{ bearer: string; id: string }> {
  const t = await createApiToken(db, { userId, name: `t-${scopes.join("-")}-${Math.random().toString(36).slice(2, 8)}`, scopes, expiresAt: null });
  return { bearer: t.token, id: t.id };
}

export type { Auth };
