// The in-process signal that credentials ended: sign-out, sign-out everywhere, a password change
// a deleted API token, or a user deleted or given another role announce it here, and whatever runs on those credentials (live event
// streams) stops at once. On globalThis: server.ts and Next's route bundles load separate module
// instances. Expiry is not announced; credential-watch.ts re-checks for it.
import { log } from "@/lib/log";

export type Revocation =
  | { kind: "sessions"; sessionIds: string[] }
  | { kind: "user-sessions"; userId: string }
  | { kind: "token"; tokenId: string }
  /** Every session and API token of the user (deleted, or their role changed). */
  | { kind: "user"; userId: string };

export type RevocationListener = (r: Revocation) => void;

type GlobalWithRevocations = typeof globalThis & { __homeportRevocationListeners?: Set<RevocationListener> };

function listeners(): Set<RevocationListener> {
  const g = globalThis as GlobalWithRevocations;
  g.__homeportRevocationListeners ??= new Set();
  return g.__homeportRevocationListeners;
}

/** Tells every listener that these credentials ended. Never throws. */
export function announceRevocation(r: Revocation): void {
  for (const l of listeners()) {
    try {
      l(r);
    } catch (err) {
      log.warn("auth", "revocation listener failed", { kind: r.kind, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

/** Returns the unsubscribe function. */
export function onRevocation(l: RevocationListener): () => void {
  listeners().add(l);
  return () => listeners().delete(l);
}
