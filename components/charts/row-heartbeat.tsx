// The compact heartbeat of a row in the checks list: the latest rounds as thin bars and the 24 h
// uptime. One request for all the rows shown (useRowHeartbeats), refreshed by the live stream.
"use client";

import type { HeartbeatCheck } from "@/lib/probes/heartbeats";
import { cn } from "@/components/ui/cn";
import { HeartbeatBar } from "./heartbeat-bar";
import { formatPercent } from "./scale";
import { useHeartbeats } from "./use-heartbeats";

/** Rounds a list row can show. */
const ROW_RESULTS = 40;
/** Results of any listed check refetch the bars at most this often (a list has many checks). */
const ROW_GAP_MS = 5_000;

/** The heartbeats of the listed checks, by check id. */
export function useRowHeartbeats(checkIds: readonly string[]): Map<string, HeartbeatCheck> {
  const { data } = useHeartbeats({ ids: checkIds }, { limit: ROW_RESULTS, gapMs: ROW_GAP_MS, uptime: "24h" });
  return new Map((data?.checks ?? []).map((c) => [c.checkId, c]));
}

export function RowHeartbeat({ name, beat, className }: { name: string; beat: HeartbeatCheck | undefined; className?: string }) {
  if (!beat) return <div className={cn("h-4", className)} aria-hidden />;
  const day = beat.uptime["24h"];
  return (
    <div className={cn("flex items-center gap-2", className)} data-testid="row-heartbeat">
      <HeartbeatBar compact maxBars={ROW_RESULTS} className="min-w-0 flex-1" label={`${name}: heartbeat`} results={beat.results} intervalSec={beat.intervalSec} pausedAt={beat.pausedAt} enabled={beat.enabled} />
      <span className="w-14 shrink-0 text-right font-mono text-xs tabular-nums text-zinc-500 dark:text-zinc-400" title="Uptime over 24 h">
        {formatPercent(day)}
      </span>
    </div>
  );
}
