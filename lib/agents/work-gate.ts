// A small concurrency gate for the hub's heavy per-agent work (snapshots, hello follow-ups): at
// most `limit` run at once, and a waiting one starts only after the event loop had a full turn.
// SQLite calls are synchronous under Prisma's promise chains, so without the turn a thousand
// agents' work started together runs back to back as microtasks, starving sockets and timers.

export class WorkGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Work waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) setImmediate(next); // the slot passes on after I/O and timers had their turn
    else this.active--;
  }
}
