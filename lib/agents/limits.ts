// What one agent may send, and how fast: token buckets per message kind, a count of violations
// that cuts a flooding agent off, and a penalty box that keeps it out for a while after. Pure
// bookkeeping with an injectable clock, so the rules are unit-tested apart from the sockets.

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly perSecond: number, private readonly burst: number, now = Date.now()) {
    this.tokens = burst;
    this.last = now;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until one token is available. */
  waitMs(now = Date.now()): number {
    const tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.perSecond) * 1000);
  }
}

/** Per-kind rates an honest agent stays far below (it sends stats every 15 s, heartbeats every 10 s). */
export const AGENT_RATES = {
  /**
   * Full snapshots: an agent sends one on (re)connect and when its Docker event stream restarts.
   * Extra ones are coalesced: the newest is applied when the rate allows.
   */
  snapshot: { perSecond: 1 / 30, burst: 3 },
  heartbeat: { perSecond: 1, burst: 3 },
  stats: { perSecond: 0.5, burst: 4 },
  /** Docker events: a stack starting is a burst of a few hundred. */
  dockerEvent: { perSecond: 100, burst: 600 },
  deployLog: { perSecond: 200, burst: 1000 },
  /** Probe result batches (an agent flushes its offline buffer in a few of them). */
  probeResults: { perSecond: 5, burst: 40 },
  /** Console output and exits: an agent flushes each console every 15 ms and runs at most 4. */
  exec: { perSecond: 400, burst: 800 },
  hello: { perSecond: 0.2, burst: 2 },
  /** Followed log batches: the agent flushes each stream at most every 100 ms, and follows at most 32. */
  logs: { perSecond: 400, burst: 1000 },
} as const;
export type RateKind = keyof typeof AGENT_RATES;

/** Violations (refused frames, dropped messages) tolerated per window before the link is cut. */
export const MAX_VIOLATIONS = 100;
export const VIOLATION_WINDOW_MS = 60_000;

export class AgentLimits {
  private readonly buckets = new Map<RateKind, TokenBucket>();
  private violations: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** True if a message of this kind may be handled now. */
  allow(kind: RateKind): boolean {
    let b = this.buckets.get(kind);
    if (!b) {
      const r = AGENT_RATES[kind];
      b = new TokenBucket(r.perSecond, r.burst, this.now());
      this.buckets.set(kind, b);
    }
    return b.take(this.now());
  }

  waitMs(kind: RateKind): number {
    return this.buckets.get(kind)?.waitMs(this.now()) ?? 0;
  }

  /** Counts a violation; true once the agent has earned being cut off. */
  violate(count = 1): boolean {
    const t = this.now();
    this.violations = this.violations.filter((v) => t - v < VIOLATION_WINDOW_MS);
    for (let i = 0; i < count && this.violations.length <= MAX_VIOLATIONS; i++) this.violations.push(t);
    return this.violations.length > MAX_VIOLATIONS;
  }

  get recentViolations(): number {
    const t = this.now();
    return this.violations.filter((v) => t - v < VIOLATION_WINDOW_MS).length;
  }
}

/** First time out for a host cut off for flooding; doubles on each repeat, up to the cap. */
export const PENALTY_BASE_MS = 30_000;
export const PENALTY_MAX_MS = 15 * 60_000;
/** A host that behaves this long after its penalty starts again from the base. */
export const PENALTY_FORGET_MS = 60 * 60_000;

/** Hosts cut off for flooding, refused at the door until their time is up. Bounded by the host count. */
export class PenaltyBox {
  private readonly entries = new Map<string, { until: number; strikes: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Puts the host out; returns for how long. */
  punish(hostId: string): number {
    const t = this.now();
    const prev = this.entries.get(hostId);
    const strikes = prev && t - prev.at < PENALTY_FORGET_MS ? prev.strikes + 1 : 1;
    const ms = Math.min(PENALTY_MAX_MS, PENALTY_BASE_MS * 2 ** (strikes - 1));
    this.entries.set(hostId, { until: t + ms, strikes, at: t });
    return ms;
  }

  /** Milliseconds the host still has to wait (0 = welcome). */
  remainingMs(hostId: string): number {
    const e = this.entries.get(hostId);
    if (!e) return 0;
    const left = e.until - this.now();
    if (left <= 0 && this.now() - e.at > PENALTY_FORGET_MS) this.entries.delete(hostId);
    return Math.max(0, left);
  }

  forget(hostId: string): void {
    this.entries.delete(hostId);
  }
}
