// Rate limits of the public push URL, in memory and bounded in keys: per address (every call), per
// address for unknown tokens (guessing is slowed to a crawl long before it could succeed) and per
// token (a runaway cron job cannot flood the results table).
export interface BucketRate {
  burst: number;
  refillMs: number;
}

/** Every push call from one address. */
export const PUSH_ADDRESS_RATE: BucketRate = { burst: 60, refillMs: 1_000 };
/** Calls with a token that matches no check, from one address: 10, then one per 30 s. */
export const PUSH_MISS_RATE: BucketRate = { burst: 10, refillMs: 30_000 };
/** Calls to one push URL: 10, then one every 5 s (checks run at most every 10 s). */
export const PUSH_TOKEN_RATE: BucketRate = { burst: 10, refillMs: 5_000 };
export const MAX_TRACKED_KEYS = 10_000;

/** Token buckets by key: `take` spends one and says how long to wait when none is left. */
export class Buckets {
  private readonly map = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly rate: BucketRate) {}

  private level(key: string, now: number): number {
    const b = this.map.get(key);
    return b ? Math.min(this.rate.burst, b.tokens + (now - b.at) / this.rate.refillMs) : this.rate.burst;
  }

  /** Milliseconds until one request is allowed (0: now), without spending. */
  waitMs(key: string, now: number = Date.now()): number {
    const tokens = this.level(key, now);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) * this.rate.refillMs);
  }

  /** Spends one request; returns the milliseconds to wait when none is left (0 = allowed). */
  take(key: string, now: number = Date.now()): number {
    const wait = this.waitMs(key, now);
    if (wait > 0) return wait;
    const tokens = this.level(key, now);
    this.map.delete(key);
    this.map.set(key, { tokens: tokens - 1, at: now });
    if (this.map.size > MAX_TRACKED_KEYS) this.map.delete(this.map.keys().next().value!);
    return 0;
  }

  clear(): void {
    this.map.clear();
  }
}

type GlobalWithPush = typeof globalThis & { __homeportPushBuckets?: { address: Buckets; miss: Buckets; token: Buckets } };

/** One set per process (Next.js may load route modules more than once). */
export function pushBuckets(): { address: Buckets; miss: Buckets; token: Buckets } {
  const g = globalThis as GlobalWithPush;
  g.__homeportPushBuckets ??= { address: new Buckets(PUSH_ADDRESS_RATE), miss: new Buckets(PUSH_MISS_RATE), token: new Buckets(PUSH_TOKEN_RATE) };
  return g.__homeportPushBuckets;
}
