// The agent's TCP connect scanner (exposure reports): connects to each address and port from this
// host, bounded in concurrency and paced by a token bucket, and counts open, closed and filtered.
import net from "node:net";
import type { ScanTcpParams, ScanTcpResult } from "@/lib/protocol";

/** Most connection attempts in flight at once, whatever the rate. */
export const SCAN_MAX_IN_FLIGHT = 256;
/** The bucket holds at most this share of a second's tokens: a short burst, then the steady rate. */
const BURST_SECONDS = 0.05;

export type PortState = "open" | "closed" | "filtered";

/** A token bucket: `take()` resolves when a token is available (refilled at `ratePerSec`). */
export class TokenBucket {
  private tokens: number;
  private last: number;
  readonly capacity: number;
  constructor(readonly ratePerSec: number, private readonly now: () => number = () => performance.now()) {
    this.capacity = Math.max(1, Math.floor(ratePerSec * BURST_SECONDS));
    this.tokens = this.capacity;
    this.last = this.now();
  }
  private refill() {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.ratePerSec);
    this.last = t;
  }
  async take(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      const waitMs = ((1 - this.tokens) / this.ratePerSec) * 1000;
      await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(waitMs))));
    }
  }
}

/** One TCP connect: open on connect, closed on a reset, filtered on silence or unreachability. */
export function probePort(address: string, port: number, timeoutMs: number): Promise<PortState> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: address, port });
    let done = false;
    const finish = (s: PortState) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(s);
    };
    const timer = setTimeout(() => finish("filtered"), timeoutMs);
    sock.once("connect", () => finish("open"));
    sock.once("error", (err: NodeJS.ErrnoException) => finish(err.code === "ECONNREFUSED" ? "closed" : "filtered"));
  });
}

/** Scans every target on every port; `probe` is replaceable for tests. */
export async function scanTcp(
  p: ScanTcpParams,
  probe: (address: string, port: number, timeoutMs: number) => Promise<PortState> = probePort,
): Promise<ScanTcpResult> {
  const started = performance.now();
  const ports = [...new Set(p.ports)].sort((a, b) => a - b);
  const targets = [...new Set(p.targets)];
  const tally = new Map(targets.map((a) => [a, { open: [] as number[], closed: 0, filtered: 0 }]));
  const bucket = new TokenBucket(p.ratePerSec);
  const inFlight = new Set<Promise<void>>();
  // Interleave targets so one slow host does not take the whole budget at once.
  for (const port of ports) {
    for (const address of targets) {
      while (inFlight.size >= SCAN_MAX_IN_FLIGHT) await Promise.race(inFlight);
      await bucket.take();
      const t = tally.get(address)!;
      const job: Promise<void> = probe(address, port, p.connectTimeoutMs).then((s) => {
        if (s === "open") t.open.push(port);
        else if (s === "closed") t.closed += 1;
        else t.filtered += 1;
      }).finally(() => inFlight.delete(job));
      inFlight.add(job);
    }
  }
  await Promise.all(inFlight);
  return {
    results: targets.map((address) => {
      const t = tally.get(address)!;
      return { address, open: t.open.sort((a, b) => a - b), closed: t.closed, filtered: t.filtered };
    }),
    durationMs: Math.round(performance.now() - started),
  };
}
