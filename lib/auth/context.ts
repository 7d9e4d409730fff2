// Authenticates a request from its bearer token or session cookie, and enforces CSRF on
// cookie-authenticated mutations.
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { getConfig } from "@/lib/config";
import { SESSION_COOKIE, resolveSession } from "./sessions";
import { hasScope, verifyApiToken } from "./api-tokens";
import { ROLE_SCOPES, type Scope, type UserRole } from "./schemas";
import { safeEqual } from "./tokens";

export const CSRF_HEADER = "x-csrf-token";

export type Actor =
  | { type: "user"; userId: string; username: string; sessionId: string; csrfToken: string; scopes: Scope[]; rotatedToken?: string; expiresAt: Date }
  | { type: "token"; userId: string; username: string; tokenId: string; scopes: Scope[] };

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);


/** What a signed-in user's session may do, from the user's role. */
export function sessionScopes(role: UserRole): Scope[] {
  return ROLE_SCOPES[role];
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        // A malformed %-escape cannot be one of our tokens (base64url); treat it as absent.
        return null;
      }
    }
  }
  return null;
}

export async function authenticate(db: Db, req: Request): Promise<Actor | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m?.[1]) throw new DomainError("unauthorized", "Authorization header must be 'Bearer <token>'");
    const t = await verifyApiToken(db, m[1]);
    if (!t) throw new DomainError("unauthorized", "The API token is invalid, revoked or expired");
    return { type: "token", ...t };
  }
  const token = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  if (!token) return null;
  const s = await resolveSession(db, token, { ttlMs: getConfig().sessionTtlMs, rotate: true });
  if (!s) return null;
  return {
    type: "user",
    userId: s.userId,
    username: s.username,
    sessionId: s.id,
    csrfToken: s.csrfToken,
    scopes: sessionScopes(s.role),
    rotatedToken: s.rotatedToken,
    expiresAt: s.expiresAt,
  };
}

/** Throws unless the actor may act with `needed` on this request. */
export function authorize(req: Request, actor: Actor | null, needed: Scope): Actor {
  if (!actor) throw new DomainError("unauthorized", "Sign in or send an API token");
  if (!hasScope(actor.scopes, needed)) throw new DomainError("forbidden", `This needs the '${needed}' scope`);
  if (actor.type === "user" && MUTATING.has(req.method)) assertSameOrigin(req, actor.csrfToken);
  return actor;
}

/** Cookie-authenticated mutations must carry the session's CSRF token and come from our origin. */
export function assertSameOrigin(req: Request, csrfToken?: string): void {
  const origin = req.headers.get("origin");
  if (origin) {
    const host = req.headers.get("x-forwarded-host") && getConfig().trustProxy ? req.headers.get("x-forwarded-host") : req.headers.get("host");
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new DomainError("csrf", "Cross-origin request refused");
    }
    if (!host || originHost !== host) throw new DomainError("csrf", "Cross-origin request refused");
  }
  if (csrfToken !== undefined) {
    const sent = req.headers.get(CSRF_HEADER);
    if (!sent || !safeEqual(sent, csrfToken)) throw new DomainError("csrf", "Missing or wrong CSRF token; reload the page");
  }
}

/**
 * Own API tokens are managed from a signed-in session (any role, see token-admin) or with an
 * admin-scoped token; a read or write token cannot mint further tokens.
 */
export function assertMayManageTokens(actor: Actor): void {
  if (actor.type === "token" && !hasScope(actor.scopes, "admin")) {
    throw new DomainError("forbidden", "Manage API tokens from a signed-in session or with an admin token");
  }
}

/** The admin acting on users, for lib/auth/users (the acting credential's id and the acting user). */
export function userAdminActor(a: Actor) {
  return { type: a.type, id: a.type === "user" ? a.userId : a.tokenId, userId: a.userId, name: a.username };
}

export function actorForAudit(a: Actor) {
  return a.type === "user"
    ? { type: "user" as const, id: a.userId, name: a.username }
    : { type: "token" as const, id: a.tokenId, name: a.username };
}
