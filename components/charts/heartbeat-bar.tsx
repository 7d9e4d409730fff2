// The heartbeat bar (as in Uptime Kuma): the latest rounds of a check as small bars, newest on the
// right, green up / red down / amber degraded / grey no data or paused. The bar count follows the
// width (~30 on a phone, up to 90 on a desktop). Each bar has an accessible label and a tooltip;
// the full bar is one keyboard stop where the arrow keys walk the bars and a caption reads the one
// in focus. Drawn after mount (width and local time are the browser's), a placeholder before.
"use client";

import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import type { HeartbeatResult } from "@/lib/probes/heartbeats";
import { errorWords } from "@/components/reachability/status";
import { barsForWidth, summarise, toBeats, type Beat, type BeatStatus } from "./heartbeat-model";
import { formatMs } from "./scale";

const BAR_LOOK: Record<BeatStatus, { cls: string; word: string }> = {
  up: { cls: "bg-emerald-500 dark:bg-emerald-500", word: "Up" },
  down: { cls: "bg-red-500 dark:bg-red-500", word: "Down" },
  degraded: { cls: "bg-amber-500 dark:bg-amber-400", word: "Degraded" },
  none: { cls: "bg-zinc-200 dark:bg-zinc-700", word: "No data" },
  paused: { cls: "bg-zinc-400 dark:bg-zinc-500", word: "Paused" },
};

const noop = () => () => undefined;
/** How often the bar re-reads the clock (a silent check greys its newest bar). */
const CLOCK_TICK_MS = 30_000;
const fmtTime = (t: number) => new Date(t).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** What a bar says: its time, state, latency or error class, and how many probes passed. */
export function beatLabel(b: Beat): string {
  if (b.at === null) return "No data";
  if (b.status === "paused") return `Paused since ${fmtTime(b.at)}`;
  if (b.status === "none") return `No results from ${fmtTime(b.at)}${b.until !== null ? ` to ${fmtTime(b.until)}` : ""}`;
  const parts = [fmtTime(b.at), BAR_LOOK[b.status].word];
  if (b.latencyMs !== null) parts.push(formatMs(b.latencyMs));
  if (b.errorClass) parts.push(errorWords(b.errorClass));
  if (b.total > 1) parts.push(`${b.ok} of ${b.total} vantage points passed`);
  return parts.join(" · ");
}

export interface HeartbeatBarProps {
  results: readonly HeartbeatResult[];
  intervalSec: number;
  pausedAt?: string | null;
  enabled?: boolean;
  vantageIds?: readonly string[];
  /** What the bar is of, for its accessible name ("web: heartbeat"). */
  label: string;
  /** Thin bars and no caption (list rows). */
  compact?: boolean;
  maxBars?: number;
  className?: string;
}

export function HeartbeatBar({ results, intervalSec, pausedAt, enabled, vantageIds, label, compact, maxBars, className }: HeartbeatBarProps) {
  const inBrowser = useSyncExternalStore(noop, () => true, () => false);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [active, setActive] = useState<number | null>(null);
  // The clock that tells silence from a gap: reset by new results, and ticking locally (no fetch).
  const [now, setNow] = useState(0);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const id = setInterval(tick, CLOCK_TICK_MS);
    return () => clearInterval(id);
  }, [results]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(([e]) => setWidth(e ? e.contentRect.width : el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const barPx = compact ? 4 : 6;
  const gapPx = compact ? 1 : 2;
  const count = barsForWidth(width, barPx, gapPx, maxBars ?? (compact ? 40 : undefined));
  const beats = inBrowser && width > 0 && now > 0 ? toBeats(results, { intervalSec, now, count, pausedAt, enabled, vantageIds }) : [];
  const s = summarise(beats);
  const newest = beats.at(-1);
  const summary = beats.length === 0 ? `${label}: loading` : s.rounds === 0 ? `${label}: no results yet` : `${label}: last ${s.rounds} rounds, ${s.up} up, ${s.down} down${s.degraded ? `, ${s.degraded} degraded` : ""}`;
  const shown = active !== null && beats[active] ? beats[active] : newest;

  function onKey(e: KeyboardEvent<HTMLDivElement>) {
    if (beats.length === 0) return;
    const cur = active ?? beats.length - 1;
    const next = e.key === "ArrowLeft" ? cur - 1 : e.key === "ArrowRight" ? cur + 1 : e.key === "Home" ? 0 : e.key === "End" ? beats.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    setActive(Math.max(0, Math.min(beats.length - 1, next)));
  }

  return (
    <div className={cn("min-w-0", className)}>
      <div
        ref={box}
        role="group"
        aria-label={summary}
        tabIndex={compact ? undefined : 0}
        onKeyDown={compact ? undefined : onKey}
        onBlur={() => setActive(null)}
        data-testid="heartbeat-bar"
        data-newest={newest?.status ?? "loading"}
        className={cn("w-full rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500", compact ? "h-4" : "h-8")}
      >
        <ol className="flex h-full items-stretch justify-end" style={{ gap: `${gapPx}px` }} onMouseLeave={() => setActive(null)}>
          {beats.map((b, i) => {
            const text = beatLabel(b);
            return (
              <li
                key={b.key}
                aria-label={text}
                title={text}
                data-status={b.status}
                onMouseEnter={compact ? undefined : () => setActive(i)}
                className={cn("shrink-0 rounded-sm", BAR_LOOK[b.status].cls, active === i && "ring-2 ring-indigo-500 ring-offset-1 dark:ring-offset-zinc-900")}
                style={{ width: `${barPx}px` }}
              />
            );
          })}
        </ol>
      </div>
      {!compact && (
        <p className="mt-1 flex justify-between gap-2 text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
          <span className="truncate">{shown && shown.at !== null ? beatLabel(shown) : s.rounds === 0 && beats.length > 0 ? `No results yet: the first check runs within ${intervalSec} s.` : " "}</span>
          <span className="shrink-0" aria-hidden>
            {beats.length > 0 ? "now →" : ""}
          </span>
        </p>
      )}
    </div>
  );
}
