// One worker, many producers: jobs run one at a time (each is a write transaction), taken round
// robin across keys (hosts), with a bounded queue per key. A host that sends faster than the
// database writes fills only its own queue; every other host still gets its turn.

/** Jobs waiting per key at most; more are refused (the caller counts it against the sender). */
export const MAX_JOBS_PER_KEY = 8;

export class FairQueue {
  private readonly queues = new Map<string, (() => Promise<void>)[]>();
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};

  constructor(private readonly onError: (key: string, err: unknown) => void, private readonly maxPerKey = MAX_JOBS_PER_KEY) {}

  /** Queues a job for `key`; false (and nothing queued) when that key's queue is full. */
  push(key: string, job: () => Promise<void>): boolean {
    const q = this.queues.get(key) ?? [];
    if (q.length >= this.maxPerKey) return false;
    q.push(job);
    this.queues.set(key, q);
    if (!this.running) void this.drain();
    return true;
  }

  /** Jobs waiting for `key` (or for all keys). */
  pending(key?: string): number {
    if (key !== undefined) return this.queues.get(key)?.length ?? 0;
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  /** Resolves when no job is queued or running. */
  whenIdle(): Promise<void> {
    return this.running ? this.idle : Promise.resolve();
  }

  private async drain(): Promise<void> {
    this.running = true;
    this.idle = new Promise((r) => (this.markIdle = r));
    try {
      while (this.queues.size > 0) {
        // One job per key per round: Map iteration order is insertion order, and a key whose queue
        // empties is deleted, so a busy key cannot starve the others.
        for (const [key, q] of [...this.queues]) {
          const job = q.shift();
          if (q.length === 0) this.queues.delete(key);
          if (!job) continue;
          try {
            await job();
          } catch (err) {
            this.onError(key, err);
          }
        }
      }
    } finally {
      this.running = false;
      this.markIdle();
    }
  }
}
