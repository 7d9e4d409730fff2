// Turns a burst of "something changed" signals into few refetches: the first signal waits
// `settleMs` for the rest of its burst, and runs are at least the caller's gap apart. A more urgent
// signal (a smaller gap) moves a waiting run earlier, never later.

export interface Clock {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface Coalescer {
  /** Asks for a run no sooner than `minGapMs` after the previous one. */
  trigger(minGapMs: number): void;
  /** Drops a waiting run (on unmount). */
  cancel(): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function createCoalescer(run: () => void, settleMs: number, clock: Clock = realClock): Coalescer {
  let lastRun = -Infinity;
  let timer: unknown = null;
  let dueAt = Infinity;
  const fire = () => {
    timer = null;
    dueAt = Infinity;
    lastRun = clock.now();
    run();
  };
  return {
    trigger(minGapMs) {
      const at = Math.max(clock.now() + settleMs, lastRun + minGapMs);
      if (timer !== null) {
        if (dueAt <= at) return;
        clock.clear(timer);
      }
      dueAt = at;
      timer = clock.set(fire, at - clock.now());
    },
    cancel() {
      if (timer !== null) clock.clear(timer);
      timer = null;
      dueAt = Infinity;
    },
  };
}
