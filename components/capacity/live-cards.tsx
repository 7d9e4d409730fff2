// Settings → Capacity's live headroom: what this instance carries now and how the process copes,
// refreshed every few seconds while the page is visible; strained figures first, as an alert.
"use client";

import { useQuery } from "@tanstack/react-query";
import { useApi } from "@/lib/client/api";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import type { CapacityLive } from "@/lib/capacity/schemas";
import { formatBytes, LIVE_LIMITS, liveConcerns } from "@/lib/capacity/view";

/** How often the live figures refresh while the page is visible (React Query pauses when hidden). */
export const LIVE_REFRESH_MS = 5_000;
export const CAPACITY_LIVE_QUERY_KEY = ["capacity", "live"] as const;

type Tone = "ok" | "warning" | "danger" | "none";

const TONE_CLASS: Record<Tone, string> = {
  ok: "",
  none: "",
  warning: "border-amber-300 dark:border-amber-700",
  danger: "border-red-300 dark:border-red-800",
};
const VALUE_TONE: Record<Tone, string> = {
  ok: "text-zinc-900 dark:text-zinc-100",
  none: "text-zinc-400 dark:text-zinc-500",
  warning: "text-amber-700 dark:text-amber-400",
  danger: "text-red-700 dark:text-red-400",
};

interface Figure {
  id: string;
  label: string;
  value: string;
  detail: string;
  tone: Tone;
}

const n = (v: number) => v.toLocaleString("en-US");
const ms = (v: number | null) => (v === null ? "—" : v < 10 ? `${v.toFixed(1)} ms` : `${n(Math.round(v))} ms`);
const level = (v: number | null, warn: number, danger = Number.POSITIVE_INFINITY): Tone => (v === null ? "none" : v >= danger ? "danger" : v >= warn ? "warning" : "ok");

export function liveFigures(l: CapacityLive): Figure[] {
  const offline = l.agents.enrolled - l.agents.connected;
  return [
    { id: "agents", label: "Agents connected", value: `${n(l.agents.connected)} / ${n(l.agents.enrolled)}`, detail: l.agents.enrolled === 0 ? "no agent enrolled yet" : offline > 0 ? `${n(offline)} enrolled but not connected` : "every enrolled agent is connected", tone: "ok" },
    { id: "containers", label: "Containers", value: n(l.containers), detail: `${n(l.services)} services`, tone: "ok" },
    { id: "checks", label: "Checks per minute", value: n(l.checksPerMinute), detail: "rounds of enabled, unpaused checks", tone: "ok" },
    {
      id: "events",
      label: "Live events per second",
      value: n(l.eventsPerSecond),
      detail: l.eventsDroppedPerMinute === null ? "over the last minute" : `${n(l.eventsDroppedPerMinute)} dropped for slow browsers in the last minute`,
      tone: l.eventsDroppedPerMinute ? "warning" : "ok",
    },
    { id: "streams", label: "Open event streams", value: n(l.eventStreams), detail: "browser tabs following live events", tone: "ok" },
    { id: "db", label: "Database size", value: formatBytes(l.database.bytes), detail: "SQLite file and its write-ahead log", tone: l.database.bytes === null ? "none" : "ok" },
    { id: "rss", label: "Memory (RSS)", value: formatBytes(l.process.rssMb * 1024 * 1024), detail: `heap ${formatBytes(l.process.heapUsedMb * 1024 * 1024)}`, tone: level(l.process.rssMb, LIVE_LIMITS.rssWarnMb) },
    { id: "cpu", label: "CPU", value: l.process.cpuCores === null ? "—" : `${l.process.cpuCores.toFixed(2)} cores`, detail: l.process.cpuCores === null ? "measured once start-up settles" : "mean over the last minute", tone: level(l.process.cpuCores, LIVE_LIMITS.cpuWarnCores) },
    { id: "lag", label: "Event loop lag", value: ms(l.process.eventLoopLagP99Ms), detail: l.process.eventLoopLagP99Ms === null ? "measured once start-up settles" : "p99 over the last minute", tone: level(l.process.eventLoopLagP99Ms, LIVE_LIMITS.loopLagWarnMs, LIVE_LIMITS.loopLagDangerMs) },
    { id: "write", label: "Database write", value: ms(l.database.writeP95Ms), detail: l.database.writeP95Ms === null ? "measured once start-up settles" : "p95 of a small timed write", tone: level(l.database.writeP95Ms, LIVE_LIMITS.writeWarnMs, LIVE_LIMITS.writeDangerMs) },
  ];
}

/** The live figures, fetched every LIVE_REFRESH_MS while the page is visible (React Query pauses when hidden). */
export function useCapacityLive(initial: CapacityLive) {
  const api = useApi();
  return useQuery({
    queryKey: CAPACITY_LIVE_QUERY_KEY,
    queryFn: ({ signal }) => api.get<CapacityLive>("/api/v1/capacity", signal),
    initialData: initial,
    refetchInterval: LIVE_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}

export function LiveCards({ live, stale }: { live: CapacityLive; stale: boolean }) {
  const concerns = liveConcerns(live);
  return (
    <section aria-labelledby="live-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="live-title" className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
          Live headroom
        </h2>
        <p className="text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
          {stale ? "Could not refresh: showing the last figures" : `Refreshes every ${LIVE_REFRESH_MS / 1000} s · up ${formatUptime(live.process.uptimeSeconds)}`}
        </p>
      </div>
      {concerns.length > 0 && (
        <Alert tone={concerns[0]!.tone === "danger" ? "error" : "warning"} title="Under strain now">
          <ul className="list-disc space-y-0.5 pl-5" data-testid="capacity-concerns">
            {concerns.map((c) => (
              <li key={c.text}>{c.text}</li>
            ))}
          </ul>
        </Alert>
      )}
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="capacity-live">
        {liveFigures(live).map((f) => (
          <li key={f.id} data-testid={`live-${f.id}`} data-tone={f.tone} className={cn("min-w-0 rounded-xl border border-zinc-200 bg-white p-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900", TONE_CLASS[f.tone])}>
            <p className="truncate text-xs font-medium text-zinc-500 dark:text-zinc-400">{f.label}</p>
            <p className={cn("mt-1 text-xl font-semibold tabular-nums", VALUE_TONE[f.tone])}>{f.value}</p>
            <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{f.detail}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function formatUptime(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}
