// The last summary this browser saw, with when it was fetched, kept in localStorage so the page
// renders at once (marked as last known, never as live) before the network answers or without it.
// Scoped to the signed-in user; cleared when the service worker reports a sign-out.
import type { CheckInSummary } from "@/lib/checkin/schemas";

export const STORE_KEY = "homeport.checkin.v1";

export interface StoredSummary {
  username: string;
  /** Browser clock, ms: when this copy came from the server. */
  fetchedAt: number;
  summary: CheckInSummary;
}

export function readStoredSummary(username: string): StoredSummary | null {
  try {
    const raw = window.localStorage.getItem(STORE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<StoredSummary>;
    if (v.username !== username || typeof v.fetchedAt !== "number" || !v.summary || typeof v.summary.headline !== "string") return null;
    return v as StoredSummary;
  } catch {
    return null; // storage disabled or a copy from an older version: render without it
  }
}

export function writeStoredSummary(s: StoredSummary): void {
  try {
    window.localStorage.setItem(STORE_KEY, JSON.stringify(s));
  } catch {
    // quota or private mode: the page still works, it just cannot start from a copy next time
  }
}

export function clearStoredSummary(): void {
  try {
    window.localStorage.removeItem(STORE_KEY);
  } catch {
    // nothing stored
  }
}
