// The bar at the bottom of the check-in page, in the thumb's reach: whether the page is live
// (role=status, so screen readers hear "Reconnecting…"), when the data shown was fetched and
// how long ago, and a refresh button.
"use client";

import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/components/ui/cn";
import type { CheckInMode } from "./use-checkin";
import { liveLabel, type LiveStatus } from "@/lib/client/live";
import { ageText, clockTime, useNow } from "./freshness";

const TICK_MS = 1_000;
const STREAM_DOT: Record<LiveStatus, string> = { live: "bg-emerald-500", connecting: "bg-amber-500", reconnecting: "bg-amber-500", offline: "bg-zinc-500" };

export function StatusBar({ fetchedAt, mode, stream, refreshing, onRefresh }: { fetchedAt: number | null; mode: CheckInMode; stream: LiveStatus; refreshing: boolean; onRefresh: () => void }) {
  const now = useNow(TICK_MS);
  const indicator =
    mode === "offline" ? { label: "Offline", dot: "bg-zinc-500" }
    : mode === "error" ? { label: "Server error", dot: "bg-red-600" }
    : mode === "updating" ? { label: "Connecting…", dot: "bg-amber-500" }
    : { label: liveLabel(stream), dot: STREAM_DOT[stream] };
  return (
    <div className="fixed inset-x-0 bottom-0 z-20 border-t border-zinc-300 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur lg:left-64 dark:border-zinc-700 dark:bg-zinc-900/95">
      <div className="mx-auto flex max-w-2xl items-center gap-3 px-4 py-2">
        <div className="min-w-0 flex-1">
          <p role="status" aria-label="Connection" data-testid="live-indicator" className="flex items-center gap-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            <span aria-hidden="true" className={cn("size-2.5 shrink-0 rounded-full", indicator.dot, indicator.label === "Live" && "animate-pulse")} />
            {indicator.label}
          </p>
          <p className="truncate text-xs text-zinc-700 tabular-nums dark:text-zinc-300" data-testid="last-updated">
            {fetchedAt === null ? "Not loaded yet" : `Last updated ${clockTime(fetchedAt)}${now === null ? "" : ` (${ageText(now - fetchedAt)})`}`}
          </p>
        </div>
        <button
          type="button"
          onClick={onRefresh}
          disabled={refreshing}
          className="inline-flex h-11 min-w-11 items-center justify-center gap-2 rounded-lg border border-zinc-300 bg-white px-4 text-sm font-medium text-zinc-900 shadow-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-70 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700"
        >
          {refreshing ? <Spinner className="size-4" /> : null}
          Refresh
        </button>
      </div>
    </div>
  );
}
