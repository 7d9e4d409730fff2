// The state of the page's live stream for pages that follow it: a dot and "Live",
// "Connecting…", "Reconnecting…" or "Offline", and when the data shown was last updated.
"use client";

import { useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn";
import { liveLabel, type LiveState, type LiveStatus } from "@/lib/client/live";

const DOT: Record<LiveStatus, string> = { live: "bg-emerald-500", connecting: "bg-amber-500", reconnecting: "bg-amber-500", offline: "bg-zinc-500" };
const noop = () => () => undefined;

export function LiveIndicator({ state, updatedAt, className }: { state: LiveState; updatedAt?: number; className?: string }) {
  // Clock times differ between the server and the browser: shown after hydration only.
  const inBrowser = useSyncExternalStore(noop, () => true, () => false);
  return (
    // A span, not a <p>: page headers put it inside their description paragraph (a <p> there breaks hydration).
    <span role="status" aria-label="Live updates" data-testid="live-state" data-status={state.status} className={cn("flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400", className)}>
      <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", DOT[state.status])} />
      <span className="font-medium text-zinc-800 dark:text-zinc-200">{liveLabel(state.status)}</span>
      {inBrowser && updatedAt ? <span className="tabular-nums">· updated {new Date(updatedAt).toLocaleTimeString([], { hour12: false })}</span> : null}
    </span>
  );
}
