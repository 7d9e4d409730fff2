// Keeps long-lived responses (live event streams) tied to the credentials that opened them: a
// watch ends when its session or API token is revoked (the in-process revocation signal, at
// once), expires, or no longer allows `read` (a token: within its owner's role) (a periodic re-check every CREDENTIAL_RECHECK_MS,
// batched over all watches). One watcher per process, on globalThis.
import type { Db } from "@/lib/db";
import { RowParseError } from "@/lib/db/rows";
import { log } from "@/lib/log";
import { hasScope } from "./api-tokens";
import { apiTokenRows, userRows } from "./rows";
import { sessionScopes, type Actor } from "./context";
import { effectiveScopes, type Scope } from "./schemas";
import { ABSOLUTE_LIFETIME_MS } from "./sessions";
import { onRevocation, type Revocation } from "./revocation";

export const CREDENTIAL_RECHECK_MS = 2_000;

export type WatchedCredential =
  | { kind: "session"; sessionId: string; userId: string }
  | { kind: "token"; tokenId: string; userId: string };

export type CredentialEnd = "revoked" | "expired" | "forbidden";

interface Watch {
  db: Db;
  cred: WatchedCredential;
  onEnd: (reason: CredentialEnd) => void;
}

export function credentialOf(actor: Actor): WatchedCredential {
  return actor.type === "user"
    ? { kind: "session", sessionId: actor.sessionId, userId: actor.userId }
    : { kind: "token", tokenId: actor.tokenId, userId: actor.userId };
}

function revokes(r: Revocation, c: WatchedCredential): boolean {
  switch (r.kind) {
    case "sessions":
      return c.kind === "session" && r.sessionIds.includes(c.sessionId);
    case "user-sessions":
      return c.kind === "session" && c.userId === r.userId;
    case "token":
      return c.kind === "token" && c.tokenId === r.tokenId;
    case "user":
      return c.userId === r.userId;
  }
}

/** Whether a credential's stored scopes still grant reading; a row that does not parse grants nothing (logged). */
function grantsRead(scopes: () => Scope[]): boolean {
  try {
    return hasScope(scopes(), "read");
  } catch (err) {
    if (!(err instanceof RowParseError)) throw err;
    log.warn("auth", "a watched credential's row does not parse; its stream ends", { error: err.message });
    return false;
  }
}

/** Why a credential no longer holds at `now`, from its current row (null: row gone). */
async function endsOf(db: Db, watches: Watch[], now: Date): Promise<Map<Watch, CredentialEnd>> {
  const ends = new Map<Watch, CredentialEnd>();
  const sessionIds = watches.flatMap((w) => (w.cred.kind === "session" ? [w.cred.sessionId] : []));
  const tokenIds = watches.flatMap((w) => (w.cred.kind === "token" ? [w.cred.tokenId] : []));
  const [sessions, tokens] = await Promise.all([
    sessionIds.length ? db.session.findMany({ where: { id: { in: sessionIds } }, select: { id: true, expiresAt: true, createdAt: true, user: { select: { id: true, role: true } } } }) : [],
    tokenIds.length ? db.apiToken.findMany({ where: { id: { in: tokenIds } }, select: { id: true, expiresAt: true, scopes: true, user: { select: { id: true, role: true } } } }) : [],
  ]);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const tokenById = new Map(tokens.map((t) => [t.id, t]));
  for (const w of watches) {
    if (w.cred.kind === "session") {
      const s = sessionById.get(w.cred.sessionId);
      if (!s) ends.set(w, "revoked");
      else if (s.expiresAt <= now || s.createdAt.getTime() + ABSOLUTE_LIFETIME_MS <= now.getTime()) ends.set(w, "expired");
      else if (!grantsRead(() => sessionScopes(userRows.columns(s.user).role))) ends.set(w, "forbidden");
    } else {
      const t = tokenById.get(w.cred.tokenId);
      if (!t) ends.set(w, "revoked");
      else if (t.expiresAt && t.expiresAt <= now) ends.set(w, "expired");
      else if (!grantsRead(() => effectiveScopes(apiTokenRows.columns(t).scopes, userRows.columns(t.user).role))) ends.set(w, "forbidden");
    }
  }
  return ends;
}

export class CredentialWatcher {
  private readonly watches = new Set<Watch>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private checking = false;

  constructor(private readonly recheckMs = CREDENTIAL_RECHECK_MS) {}

  /** Calls `onEnd` once when the credential ends; returns the function that stops watching. */
  watch(db: Db, cred: WatchedCredential, onEnd: (reason: CredentialEnd) => void): () => void {
    const w: Watch = { db, cred, onEnd };
    this.watches.add(w);
    if (!this.timer) {
      this.timer = setInterval(() => void this.recheck(), this.recheckMs);
      this.timer.unref();
      this.unsubscribe = onRevocation((r) => {
        for (const x of [...this.watches]) if (revokes(r, x.cred)) this.finish(x, "revoked");
      });
    }
    return () => this.stop(w);
  }

  get size(): number {
    return this.watches.size;
  }

  /** One pass over every watch (also run by the timer). */
  async recheck(now = new Date()): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const byDb = new Map<Db, Watch[]>();
      for (const w of this.watches) byDb.set(w.db, [...(byDb.get(w.db) ?? []), w]);
      for (const [db, watches] of byDb) {
        for (const [w, reason] of await endsOf(db, watches, now)) this.finish(w, reason);
      }
    } catch (err) {
      // A database hiccup must not end streams; the next pass tries again.
      log.warn("auth", "credential re-check failed", { error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.checking = false;
    }
  }

  private finish(w: Watch, reason: CredentialEnd): void {
    if (!this.watches.has(w)) return;
    this.stop(w);
    try {
      w.onEnd(reason);
    } catch (err) {
      log.warn("auth", "credential end handler failed", { error: err instanceof Error ? err.message : String(err) });
    }
  }

  private stop(w: Watch): void {
    this.watches.delete(w);
    if (this.watches.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
  }
}

type GlobalWithWatcher = typeof globalThis & { __homeportCredentialWatcher?: CredentialWatcher };

export function getCredentialWatcher(): CredentialWatcher {
  const g = globalThis as GlobalWithWatcher;
  g.__homeportCredentialWatcher ??= new CredentialWatcher();
  return g.__homeportCredentialWatcher;
}

/** Watches the credentials `actor` authenticated with; see CredentialWatcher.watch. */
export function watchCredential(db: Db, actor: Actor, onEnd: (reason: CredentialEnd) => void): () => void {
  return getCredentialWatcher().watch(db, credentialOf(actor), onEnd);
}
