// Heartbeat bucketing (pure): a check's latest results become rounds (one result per vantage point
// taken together: all passed → up, all failed → down, some of each → degraded), with grey bars where
// results are missing (a gap, silence) or the check is paused, newest last, padded to the bar count.
import type { HeartbeatResult } from "@/lib/probes/heartbeats";

export type BeatStatus = "up" | "down" | "degraded" | "none" | "paused";

export interface Beat {
  /** Stable key for React. */
  key: string;
  status: BeatStatus;
  /** When the round (or the gap, or the pause) started; null for padding. */
  at: number | null;
  /** End of a gap; null otherwise. */
  until: number | null;
  /** Mean latency of the passing probes of the round, ms. */
  latencyMs: number | null;
  /** Why the round failed (the first failing probe's error class). */
  errorClass: string | null;
  /** How many probes of the round passed, and how many there were. */
  ok: number;
  total: number;
}

/** Results further apart than this many intervals leave a grey "no data" bar between them. */
export const GAP_INTERVALS = 2.5;
/** Bars: ~30 on a phone, 60-90 on a desktop. */
export const MIN_BARS = 12;
export const MAX_BARS = 90;
/** Results asked for per check and vantage point: enough for the widest bar. */
export const HEARTBEAT_RESULTS = MAX_BARS;

export interface BeatOptions {
  intervalSec: number;
  now: number;
  /** Bars to return (padded with "none" on the left). */
  count: number;
  pausedAt?: string | null;
  enabled?: boolean;
  /** Only these vantage points' results (a route side, one row of the check page). */
  vantageIds?: readonly string[];
}

/** How many bars of `barPx` with `gapPx` between fit in `widthPx`, within MIN_BARS..max. */
export function barsForWidth(widthPx: number, barPx: number, gapPx: number, max = MAX_BARS): number {
  if (!(widthPx > 0)) return MIN_BARS;
  return Math.max(MIN_BARS, Math.min(max, Math.floor((widthPx + gapPx) / (barPx + gapPx))));
}

const empty = (key: string, status: BeatStatus, at: number | null, until: number | null = null): Beat => ({ key, status, at, until, latencyMs: null, errorClass: null, ok: 0, total: 0 });

interface Round {
  start: number;
  vantages: Set<string>;
  ok: number;
  total: number;
  latencySum: number;
  latencyCount: number;
  errorClass: string | null;
}

function toRounds(results: readonly HeartbeatResult[], intervalMs: number): Round[] {
  const sorted = [...results].map((r) => ({ ...r, t: Date.parse(r.at) })).filter((r) => Number.isFinite(r.t)).sort((a, b) => a.t - b.t);
  const rounds: Round[] = [];
  for (const r of sorted) {
    let cur = rounds.at(-1);
    // A round gathers one result per vantage point, all within half an interval of its first.
    if (!cur || r.t - cur.start >= intervalMs / 2 || cur.vantages.has(r.vantageId)) {
      cur = { start: r.t, vantages: new Set(), ok: 0, total: 0, latencySum: 0, latencyCount: 0, errorClass: null };
      rounds.push(cur);
    }
    cur.vantages.add(r.vantageId);
    cur.total++;
    if (r.ok) {
      cur.ok++;
      if (r.latencyMs !== null) {
        cur.latencySum += r.latencyMs;
        cur.latencyCount++;
      }
    } else if (!cur.errorClass) cur.errorClass = r.errorClass ?? "error";
  }
  return rounds;
}

/** The bars for a check's results, oldest first, exactly `count` long. */
export function toBeats(results: readonly HeartbeatResult[], o: BeatOptions): Beat[] {
  const intervalMs = Math.max(1, o.intervalSec) * 1000;
  const mine = o.vantageIds ? results.filter((r) => o.vantageIds!.includes(r.vantageId)) : results;
  const rounds = toRounds(mine, intervalMs);
  const beats: Beat[] = [];
  let prev: Round | undefined;
  for (const r of rounds) {
    if (prev && r.start - prev.start > GAP_INTERVALS * intervalMs) beats.push(empty(`gap-${prev.start}`, "none", prev.start + intervalMs, r.start));
    beats.push({
      key: `r-${r.start}`,
      status: r.ok === r.total ? "up" : r.ok === 0 ? "down" : "degraded",
      at: r.start,
      until: null,
      latencyMs: r.latencyCount ? Math.round(r.latencySum / r.latencyCount) : null,
      errorClass: r.ok === r.total ? null : r.errorClass,
      ok: r.ok,
      total: r.total,
    });
    prev = r;
  }
  const pausedAt = o.pausedAt ? Date.parse(o.pausedAt) : NaN;
  if (Number.isFinite(pausedAt) || o.enabled === false) {
    beats.push(empty("paused", "paused", Number.isFinite(pausedAt) ? pausedAt : null));
  } else if (prev && o.now - prev.start > GAP_INTERVALS * intervalMs) {
    beats.push(empty("silent", "none", prev.start + intervalMs, o.now));
  }
  const shown = beats.slice(-o.count);
  const pad = Array.from({ length: o.count - shown.length }, (_, i) => empty(`pad-${i}`, "none", null));
  return [...pad, ...shown];
}

export interface BeatSummary {
  up: number;
  down: number;
  degraded: number;
  /** Rounds with results. */
  rounds: number;
}

export function summarise(beats: readonly Beat[]): BeatSummary {
  const s = { up: 0, down: 0, degraded: 0, rounds: 0 };
  for (const b of beats) {
    if (b.status === "up" || b.status === "down" || b.status === "degraded") {
      s[b.status]++;
      s.rounds++;
    }
  }
  return s;
}
