// API tokens for the REST API: shown once at creation (`hp_<id>_<secret>`), stored as SHA-256,
// with scopes and an optional expiry.
import type { Db } from "@/lib/db";
import { randomToken, sha256 } from "./tokens";
import { apiTokenRows, ScopesColumn, userRows } from "./rows";
import { effectiveScopes, scopeCovers, type Scope } from "./schemas";

export const TOKEN_PREFIX = "hp_";
/** A token's lastUsedAt is written at most this often. */
const LAST_USED_EVERY_MS = 60_000;

export interface TokenActor {
  tokenId: string;
  userId: string;
  username: string;
  scopes: Scope[];
}

/** A stored scopes column as scopes (unknown ones dropped, see ScopesColumn). */
export function parseScopes(stored: string): Scope[] {
  return ScopesColumn.parse(stored);
}

/** `write` implies `read`; `admin` implies both. */
export function hasScope(granted: Scope[], needed: Scope): boolean {
  return scopeCovers(granted, needed);
}

export async function createApiToken(
  db: Db,
  input: { userId: string; name: string; scopes: Scope[]; expiresAt: Date | null },
): Promise<{ token: string; id: string; prefix: string }> {
  const secret = randomToken();
  const token = `${TOKEN_PREFIX}${secret}`;
  const row = await db.apiToken.create({
    data: {
      userId: input.userId,
      name: input.name,
      prefix: token.slice(0, 10),
      tokenHash: sha256(token),
      scopes: [...new Set(input.scopes)].join(","),
      expiresAt: input.expiresAt,
    },
  });
  return { token, id: row.id, prefix: row.prefix };
}

export async function verifyApiToken(db: Db, token: string, now = new Date()): Promise<TokenActor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 128) return null;
  const found = await db.apiToken.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!found) return null;
  const row = apiTokenRows.parse(found);
  if (row.expiresAt && row.expiresAt <= now) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  // A token never holds more than its owner's role grants now (a demoted admin's admin token stops working for admin routes).
  const owner = userRows.parse(found.user);
  return { tokenId: row.id, userId: row.userId, username: owner.username, scopes: effectiveScopes(row.scopes, owner.role) };
}
