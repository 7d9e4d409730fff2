// Per-address throttle for unauthenticated endpoints (first-run setup, agent enrollment, agent
// WebSocket connections): each refused attempt spends a token from the address's bucket
// (ADDRESS_BURST tokens, one back every ADDRESS_REFILL_MS); an empty bucket is answered 429 with
// Retry-After before any work is done. In memory and bounded: at most MAX_TRACKED_ADDRESSES
// buckets, least recently used evicted first, so a flood of source addresses cannot grow it. One
// throttle per process, on globalThis, shared by server.ts and Next's route bundles.
import { DomainError } from "@/lib/errors";

export const ADDRESS_BURST = 20;
export const ADDRESS_REFILL_MS = 6_000;
export const MAX_TRACKED_ADDRESSES = 10_000;
/** Share of the tracked addresses dropped at once when the cap is reached. */
const EVICT_FRACTION = 0.1;

export type UnauthenticatedEndpoint = "setup" | "enroll" | "agent-connect";

interface Bucket {
  tokens: number;
  at: number;
}

export class AddressThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly burst = ADDRESS_BURST,
    readonly refillMs = ADDRESS_REFILL_MS,
    readonly maxTracked = MAX_TRACKED_ADDRESSES,
  ) {}

  private key(endpoint: UnauthenticatedEndpoint, ip: string | null): string {
    return `${endpoint} ${ip ?? "unknown"}`;
  }

  /** The bucket refilled up to `now`; a full bucket is not kept (it holds no information). */
  private read(key: string, now: number): Bucket {
    const b = this.buckets.get(key);
    if (!b) return { tokens: this.burst, at: now };
    return { tokens: Math.min(this.burst, b.tokens + Math.max(0, now - b.at) / this.refillMs), at: now };
  }

  /** Milliseconds until `ip` may try `endpoint` again; 0 when it may now. */
  retryAfterMs(endpoint: UnauthenticatedEndpoint, ip: string | null, now = Date.now()): number {
    const b = this.read(this.key(endpoint, ip), now);
    return b.tokens >= 1 ? 0 : Math.ceil((1 - b.tokens) * this.refillMs);
  }

  /** Counts one refused attempt of `ip` at `endpoint`. */
  refuse(endpoint: UnauthenticatedEndpoint, ip: string | null, now = Date.now()): void {
    const key = this.key(endpoint, ip);
    const b = this.read(key, now);
    this.buckets.delete(key); // re-inserted last: Map order is the LRU order
    this.buckets.set(key, { tokens: Math.max(0, b.tokens - 1), at: now });
    if (this.buckets.size > this.maxTracked) this.evictOldest();
  }

  /**
   * Drops the least recently used tenth in one pass: evicting one entry per refusal would walk
   * the Map's deleted slots from its start every time.
   */
  private evictOldest(): void {
    const target = Math.floor(this.maxTracked * (1 - EVICT_FRACTION));
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= target) break;
      this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }

  clear(): void {
    this.buckets.clear();
  }
}

type GlobalWithThrottle = typeof globalThis & { __homeportAddressThrottle?: AddressThrottle };

export function getAddressThrottle(): AddressThrottle {
  const g = globalThis as GlobalWithThrottle;
  g.__homeportAddressThrottle ??= new AddressThrottle();
  return g.__homeportAddressThrottle;
}

/** The 429 answered to an address that ran out of attempts. */
export function tooManyAttempts(retryAfterMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError("rate_limited", `Too many refused attempts from your address. Try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
  });
}

/** Throws 429 (with Retry-After) when `ip` has no attempts left at `endpoint`. */
export function assertAddressAllowed(endpoint: UnauthenticatedEndpoint, ip: string | null): void {
  const wait = getAddressThrottle().retryAfterMs(endpoint, ip);
  if (wait > 0) throw tooManyAttempts(wait);
}
