// What an agent probed while it could not reach the control plane: kept in memory, oldest first,
// bounded by count and by age (the oldest go first, and are counted), and handed back in one piece
// once the control plane can take them again. Only used while offline: connected, results go
// straight out in batches without passing through here.
import type { VantageResult } from "@/lib/probes/engine";

/** Results kept while offline; beyond this the oldest are dropped. */
export const MAX_OFFLINE_RESULTS = 5_000;
/** Results older than this are dropped: an hour-old verdict is history, and memory is finite. */
export const MAX_OFFLINE_AGE_MS = 60 * 60_000;
/** Dropped slots at the front are reclaimed once there are this many (and they are half the array). */
const COMPACT_AFTER = 1_024;

export interface OfflineBufferLimits {
  maxResults: number;
  maxAgeMs: number;
}

export class OfflineResultBuffer {
  /** Sorted by `at` (ISO strings in UTC compare as times), oldest first, from `head` on. */
  private items: VantageResult[] = [];
  private head = 0;
  private droppedSinceTake = 0;
  /** Dropped over the buffer's lifetime (the count and age caps only). */
  droppedTotal = 0;

  constructor(
    private readonly limits: OfflineBufferLimits = { maxResults: MAX_OFFLINE_RESULTS, maxAgeMs: MAX_OFFLINE_AGE_MS },
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Dropped (over the count cap or too old) since the last take(). */
  get dropped(): number {
    return this.droppedSinceTake;
  }

  /** Keeps results in time order (they usually come in order: appending is the common case). */
  add(results: readonly VantageResult[]): void {
    for (const r of results) {
      const n = this.items.length;
      if (n === this.head || this.items[n - 1]!.at <= r.at) this.items.push(r);
      else this.items.splice(this.insertionPoint(r.at), 0, r);
    }
    this.enforce();
  }

  /** Everything kept, oldest first, and how many were dropped since the last take; empties the buffer. */
  take(): { results: VantageResult[]; dropped: number } {
    this.pruneOld();
    const results = this.head === 0 ? this.items : this.items.slice(this.head);
    const dropped = this.droppedSinceTake;
    this.items = [];
    this.head = 0;
    this.droppedSinceTake = 0;
    return { results, dropped };
  }

  /** Counts results that were taken but could not be delivered after all (reported with the next take). */
  countDropped(n: number): void {
    this.droppedSinceTake += n;
  }

  /** First index (from head) whose result is newer than `at`: equal times keep their arrival order. */
  private insertionPoint(at: string): number {
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]!.at <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private enforce(): void {
    this.pruneOld();
    const over = this.size - this.limits.maxResults;
    if (over > 0) {
      this.head += over;
      this.droppedSinceTake += over;
      this.droppedTotal += over;
    }
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  private pruneOld(): void {
    const cutoff = new Date(this.now() - this.limits.maxAgeMs).toISOString();
    const start = this.head;
    while (this.head < this.items.length && this.items[this.head]!.at < cutoff) this.head++;
    this.droppedSinceTake += this.head - start;
    this.droppedTotal += this.head - start;
    if (this.head === this.items.length && this.head > 0) {
      this.items = [];
      this.head = 0;
    }
  }
}
