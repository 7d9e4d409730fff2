// The arithmetic of the capacity monitor: a time window of samples that rolls forward, percentiles,
// and CPU in cores from cumulative `process.cpuUsage` readings. Pure, so it is tested without timers.

/** One reading at time `t` (ms since the epoch or any monotonic clock, as long as one clock is used). */
export interface Sample {
  t: number;
  v: number;
}

/**
 * Samples from the last `spanMs`. `keepBefore` keeps the newest sample older than the window too:
 * a cumulative counter (CPU time) needs a reading at or before the window's start to measure across it.
 */
export class RollingWindow {
  private samples: Sample[] = [];

  constructor(readonly spanMs: number, private readonly keepBefore = false) {}

  add(t: number, v: number): void {
    this.samples.push({ t, v });
  }

  /** The samples inside (now - spanMs, now], plus the one just before it when `keepBefore`. Drops older ones. */
  read(now: number): Sample[] {
    const from = now - this.spanMs;
    let first = this.samples.findIndex((s) => s.t > from);
    if (first === -1) first = this.samples.length;
    if (this.keepBefore && first > 0) first -= 1;
    if (first > 0) this.samples = this.samples.slice(first);
    return this.samples.filter((s) => s.t <= now);
  }

  values(now: number): number[] {
    return this.read(now).map((s) => s.v);
  }

  get size(): number {
    return this.samples.length;
  }
}

/** The p-th percentile (0–100) by nearest rank; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

/**
 * Mean CPU in cores between the oldest and the newest reading of cumulative CPU time (µs, user +
 * system): 1.0 is one core busy the whole time. Null with fewer than two readings or no time between.
 */
export function cpuCores(readings: readonly Sample[]): number | null {
  if (readings.length < 2) return null;
  const a = readings[0]!;
  const b = readings.at(-1)!;
  const wallMs = b.t - a.t;
  if (wallMs <= 0) return null;
  return Math.max(0, (b.v - a.v) / 1000 / wallMs);
}

/** Sum of counts per second over the window (counts are per slot, `elapsedMs` is how long was counted). */
export function ratePerSecond(counts: readonly number[], elapsedMs: number): number {
  if (elapsedMs <= 0) return 0;
  return counts.reduce((a, b) => a + b, 0) / (elapsedMs / 1000);
}

/** Rounds to `digits` decimals (figures shown to people, not raw floats). */
export function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
