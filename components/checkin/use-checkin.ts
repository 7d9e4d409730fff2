// The check-in page's data: the summary from GET /api/v1/checkin (network first; the service
// worker answers a marked copy when the server cannot be reached), the last copy from
// localStorage until then, and the check-in recorded once per visit. Live events refetch it.
"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { CheckInSummary } from "@/lib/checkin/schemas";
import type { LiveEvent } from "@/lib/events/schemas";
import { useApi } from "@/lib/client/api";
import { readStoredSummary, writeStoredSummary } from "./offline-store";

export const CHECKIN_QUERY_KEY = ["checkin"] as const;
/** Refetch this often even without events (host agents going silent publish nothing). */
export const CHECKIN_REFRESH_MS = 30_000;
/** While the last attempt failed, try again this often (the server or the network comes back). */
export const CHECKIN_RETRY_MS = 5_000;
/** Events arrive in bursts (a batch of probe results); one refetch per burst. */
const EVENT_DEBOUNCE_MS = 400;
/** Events that can change the summary; stats samples and deploy log lines cannot. */
const RELEVANT: ReadonlySet<LiveEvent["type"]> = new Set([
  "host/status", "host/snapshot", "container/state", "container/removed", "deploy/status",
  "incident/opened", "incident/updated", "incident/resolved", "incident/acknowledged", "checks/status",
]);

export interface LoadedSummary {
  summary: CheckInSummary;
  /** Browser clock, ms. */
  fetchedAt: number;
  /** A copy kept from before (service worker cache or localStorage), not a fresh answer. */
  cached: boolean;
}

export class OfflineError extends Error {}

export type CheckInMode = "live" | "updating" | "offline" | "error";

async function fetchSummary(since: string | undefined, signal: AbortSignal): Promise<LoadedSummary> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/checkin${since ? `?since=${encodeURIComponent(since)}` : ""}`, { headers: { accept: "application/json" }, credentials: "same-origin", cache: "no-store", signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new OfflineError("Homeport cannot be reached");
  }
  if (res.status === 401) {
    window.location.assign(`/login?next=${encodeURIComponent("/check-in")}`);
    throw new Error("Signed out");
  }
  if (!res.ok) throw new Error(`The check-in could not be loaded (HTTP ${res.status})`);
  const summary = (await res.json()) as CheckInSummary;
  // The service worker marks a copy it answers from its cache (see public/sw.js).
  const cachedAt = res.headers.get("x-homeport-cached-at");
  if (res.headers.get("x-homeport-offline") === "1" && cachedAt) return { summary, fetchedAt: Number(cachedAt) || Date.parse(summary.generatedAt), cached: true };
  return { summary, fetchedAt: Date.now(), cached: false };
}

export function useCheckIn(username: string) {
  const api = useApi();
  const qc = useQueryClient();
  // "Since your last check-in" keeps the window it opened with while the page stays open.
  const since = useRef<string | undefined>(undefined);
  const recorded = useRef(false);
  // Whether this visit is the user's first check-in (then "since" means the last 24 hours).
  const [firstCheckIn, setFirstCheckIn] = useState<boolean | null>(null);
  const [stored, setStored] = useState<LoadedSummary | null>(null);

  useEffect(() => {
    const s = readStoredSummary(username);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration
    if (s) setStored({ summary: s.summary, fetchedAt: s.fetchedAt, cached: true });
  }, [username]);

  const query = useQuery({
    queryKey: CHECKIN_QUERY_KEY,
    queryFn: ({ signal }) => fetchSummary(since.current, signal),
    refetchInterval: (q) => (q.state.status === "error" || q.state.data?.cached ? CHECKIN_RETRY_MS : CHECKIN_REFRESH_MS),
    refetchOnWindowFocus: true,
    staleTime: 0,
    retry: false,
    // Fetch even when the browser says it is offline: the service worker may answer with its
    // marked copy, and a failure is what turns the page to "Offline" (a paused query would
    // leave the last answer looking live).
    networkMode: "always",
  });

  const fresh = query.data && !query.data.cached ? query.data : null;
  useEffect(() => {
    if (!fresh) return;
    if (since.current === undefined) {
      since.current = fresh.summary.since.windowStart;
      setFirstCheckIn(fresh.summary.since.from === null);
    }
    writeStoredSummary({ username, fetchedAt: fresh.fetchedAt, summary: fresh.summary });
    if (!recorded.current) {
      recorded.current = true;
      void api.post("/api/v1/checkin/seen", { seenAt: fresh.summary.generatedAt }).catch(() => {
        recorded.current = false; // try again with the next fresh summary
      });
    }
  }, [fresh, api, username]);

  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refetch = useCallback(() => void qc.invalidateQueries({ queryKey: CHECKIN_QUERY_KEY }), [qc]);
  const onEvent = useCallback(
    (e: LiveEvent) => {
      if (!RELEVANT.has(e.type)) return;
      if (debounce.current) clearTimeout(debounce.current);
      debounce.current = setTimeout(refetch, EVENT_DEBOUNCE_MS);
    },
    [refetch],
  );
  useEffect(() => () => {
    if (debounce.current) clearTimeout(debounce.current);
  }, []);
  // Back online: an open event stream may never have noticed the gap, so refetch right away.
  useEffect(() => {
    window.addEventListener("online", refetch);
    return () => window.removeEventListener("online", refetch);
  }, [refetch]);

  const shown: LoadedSummary | null = query.data ?? stored;
  // live: the newest answer came from the server just now; anything else shows the last known state.
  const mode: CheckInMode = query.isError
    ? query.error instanceof OfflineError ? "offline" : "error"
    : query.data ? (query.data.cached ? "offline" : "live") : "updating";
  return { shown, mode, error: query.isError ? query.error : null, refetch, refetching: query.isFetching, onEvent, firstCheckIn: firstCheckIn ?? shown?.summary.since.from === null };
}
