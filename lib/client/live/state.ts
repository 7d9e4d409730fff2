// The connection state of the page's live event stream as a pure reducer: what the indicator says
// ("Live", "Reconnecting…", "Offline"), when the page last heard from the server, and how long to
// wait before reopening a stream the browser gave up on.

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

export interface LiveState {
  status: LiveStatus;
  /** Browser clock (ms) of the last open or event; null before the first. */
  lastHeardAt: number | null;
  /** Failed attempts since the stream was last open; drives the reopen backoff. */
  failures: number;
  /** Whether the browser reports a network. */
  online: boolean;
}

export type LiveAction =
  | { type: "open"; at: number }
  | { type: "event"; at: number }
  /** The stream dropped or could not open (the browser may be retrying by itself). */
  | { type: "error" }
  | { type: "network"; online: boolean }
  /** The last subscriber left: the next page starts from "connecting". */
  | { type: "idle" };

export const INITIAL_LIVE_STATE: LiveState = { status: "connecting", lastHeardAt: null, failures: 0, online: true };

/** First wait before reopening a stream the browser closed; doubles per failure up to REOPEN_MAX_MS. */
export const REOPEN_MIN_MS = 2_000;
export const REOPEN_MAX_MS = 30_000;

export function liveReducer(s: LiveState, a: LiveAction): LiveState {
  switch (a.type) {
    case "open":
      // A stream that opens proves the network, whatever the browser said before.
      return { ...s, status: "live", online: true, lastHeardAt: a.at, failures: 0 };
    case "event":
      return { ...s, lastHeardAt: a.at };
    case "error":
      return { ...s, status: s.online ? "reconnecting" : "offline", failures: s.failures + 1 };
    case "network":
      if (a.online === s.online) return s;
      // Back online: the stream is reopened at once, so the backoff starts over.
      return a.online ? { ...s, online: true, status: s.status === "live" ? "live" : "reconnecting", failures: 0 } : { ...s, online: false, status: "offline" };
    case "idle":
      return { ...INITIAL_LIVE_STATE, online: s.online, lastHeardAt: s.lastHeardAt };
  }
}

/** How long to wait before reopening after `failures` failed attempts (at least one). */
export function reopenDelayMs(failures: number): number {
  return Math.min(REOPEN_MIN_MS * 2 ** Math.max(0, failures - 1), REOPEN_MAX_MS);
}

const LABELS: Record<LiveStatus, string> = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", offline: "Offline" };

/** The words the indicator shows for a status. */
export function liveLabel(status: LiveStatus): string {
  return LABELS[status];
}
