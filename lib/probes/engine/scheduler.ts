// The probe scheduler: runs each check every `intervalMs` on a fixed-rate grid (next due = last
// due + interval, so delays never accumulate), with a random phase and a small per-run jitter to
// spread load, and a concurrency limit. A run still in progress when its next turn comes is
// skipped, not stacked. Drift = how late a run started after its due time. No database here: the
// control plane and agents both use it and decide what to do with results.
import { setMaxListeners } from "node:events";
import { performance } from "node:perf_hooks";
import { MinHeap } from "./heap";
import { runCheck, type RunOptions } from "./run";
import { PROBED_CHECK_TYPES, type CheckResult, type CheckSpec, type CheckType } from "./schemas";

const isProbed = (t: CheckType): boolean => (PROBED_CHECK_TYPES as readonly CheckType[]).includes(t);

/** Probes wait on the network, not the CPU: many may be in flight (each bounded by its timeout). */
export const DEFAULT_CONCURRENCY = 256;
/** Per-run jitter, as a fraction of the interval, capped at MAX_JITTER_MS. */
export const DEFAULT_JITTER_RATIO = 0.05;
export const MAX_JITTER_MS = 2_000;
const DRIFT_SAMPLES = 20_000;
/** Timers fire this much early at most (setTimeout granularity); due work within it runs now. */
const TICK_SLACK_MS = 1;

export interface ScheduledCheck {
  id: string;
  intervalMs: number;
  timeoutMs: number;
  spec: CheckSpec;
}

export interface CompletedRun {
  checkId: string;
  /** When the probe started (wall clock). */
  at: Date;
  result: CheckResult;
  driftMs: number;
}

export interface SchedulerOptions {
  concurrency?: number;
  jitterRatio?: number;
  onResult: (run: CompletedRun) => void;
  /** Told when onResult (or a custom `run`) throws; the scheduler carries on. */
  onError?: (err: unknown) => void;
  /** Replaceable for tests: what runs a check. */
  run?: (spec: CheckSpec, opts: RunOptions) => Promise<CheckResult>;
  random?: () => number;
  /** A new check first runs within min(interval, this) (default: within one interval). */
  maxInitialDelayMs?: number;
}

interface Entry {
  check: ScheduledCheck;
  generation: number;
  baseDue: number;
  running: boolean;
}

export interface SchedulerStats {
  checks: number;
  running: number;
  queued: number;
  started: number;
  completed: number;
  skippedOverlaps: number;
  driftP50Ms: number;
  driftP95Ms: number;
  driftMaxMs: number;
}

export class ProbeScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly heap = new MinHeap<{ id: string; generation: number }>();
  private readonly ready: { entry: Entry; due: number }[] = [];
  private readyHead = 0;
  private running = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private started = false;
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly drift = new Float64Array(DRIFT_SAMPLES);
  private driftCount = 0;
  private counters = { started: 0, completed: 0, skippedOverlaps: 0 };
  private readonly concurrency: number;
  private readonly jitterRatio: number;
  private readonly run: (spec: CheckSpec, opts: RunOptions) => Promise<CheckResult>;
  private readonly random: () => number;

  constructor(private readonly opts: SchedulerOptions) {
    this.concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
    this.jitterRatio = opts.jitterRatio ?? DEFAULT_JITTER_RATIO;
    this.run = opts.run ?? runCheck;
    this.random = opts.random ?? Math.random;
    // Every probe in flight listens for stop(); thousands may be in flight.
    setMaxListeners(0, this.abort.signal);
  }

  /** Adds or replaces a check. A changed interval starts a new random phase. Push checks are never probed: they are left out. */
  upsert(check: ScheduledCheck): void {
    if (!isProbed(check.spec.type)) return void this.remove(check.id);
    const prev = this.entries.get(check.id);
    const now = performance.now();
    const sameInterval = prev && prev.check.intervalMs === check.intervalMs;
    const entry: Entry = {
      check,
      generation: (prev?.generation ?? 0) + 1,
      baseDue: sameInterval ? prev.baseDue : now + this.random() * Math.min(check.intervalMs, this.opts.maxInitialDelayMs ?? Infinity),
      running: prev?.running ?? false,
    };
    this.entries.set(check.id, entry);
    this.push(entry);
  }

  remove(id: string): void {
    this.entries.delete(id);
  }

  /** Makes the scheduled set exactly `checks` (unchanged checks keep their phase). */
  replaceAll(checks: ScheduledCheck[]): void {
    const keep = new Set(checks.filter((c) => isProbed(c.spec.type)).map((c) => c.id));
    for (const id of [...this.entries.keys()]) if (!keep.has(id)) this.remove(id);
    for (const c of checks) {
      const prev = this.entries.get(c.id)?.check;
      if (!prev || prev.intervalMs !== c.intervalMs || prev.timeoutMs !== c.timeoutMs || JSON.stringify(prev.spec) !== JSON.stringify(c.spec)) this.upsert(c);
    }
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  start(): void {
    this.started = true;
    this.arm();
  }

  /** Stops scheduling, aborts probes in progress and waits for them to report. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await Promise.all([...this.inFlight]);
  }

  stats(): SchedulerStats {
    const n = Math.min(this.driftCount, DRIFT_SAMPLES);
    const sorted = Array.from(this.drift.subarray(0, n)).sort((a, b) => a - b);
    const q = (p: number) => (n === 0 ? 0 : sorted[Math.min(n - 1, Math.floor(p * n))]!);
    return {
      checks: this.entries.size,
      running: this.running,
      queued: this.ready.length - this.readyHead,
      ...this.counters,
      driftP50Ms: q(0.5),
      driftP95Ms: q(0.95),
      driftMaxMs: n === 0 ? 0 : sorted[n - 1]!,
    };
  }

  resetStats(): void {
    this.driftCount = 0;
    this.counters = { started: 0, completed: 0, skippedOverlaps: 0 };
  }

  private jitter(intervalMs: number): number {
    const span = Math.min(intervalMs * this.jitterRatio, MAX_JITTER_MS);
    return (this.random() * 2 - 1) * span;
  }

  private push(entry: Entry): void {
    const due = Math.max(entry.baseDue + this.jitter(entry.check.intervalMs), entry.baseDue - entry.check.intervalMs / 2);
    this.heap.push(due, { id: entry.check.id, generation: entry.generation });
    if (this.started && due < this.timerAt) this.arm();
  }

  private arm(): void {
    if (!this.started) return;
    const next = this.heap.peekKey();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
    if (next === undefined) return;
    this.timerAt = next;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - performance.now()));
    this.timer.unref();
  }

  private tick(): void {
    this.timer = null;
    this.timerAt = Infinity;
    const now = performance.now();
    for (;;) {
      const key = this.heap.peekKey();
      if (key === undefined || key > now + TICK_SLACK_MS) break;
      const { key: due, value } = this.heap.pop()!;
      const entry = this.entries.get(value.id);
      if (!entry || entry.generation !== value.generation) continue; // removed or replaced
      // Next turn on the fixed grid; if we fell more than a whole interval behind, skip turns.
      const interval = entry.check.intervalMs;
      entry.baseDue += interval;
      if (entry.baseDue < now) entry.baseDue += Math.ceil((now - entry.baseDue) / interval) * interval;
      this.push(entry);
      if (entry.running) {
        this.counters.skippedOverlaps++;
        continue;
      }
      entry.running = true;
      this.ready.push({ entry, due });
    }
    this.pump();
    this.arm();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.readyHead < this.ready.length) {
      const item = this.ready[this.readyHead++]!;
      this.launch(item.entry, item.due);
    }
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready.splice(0, this.readyHead);
      this.readyHead = 0;
    }
  }

  private launch(entry: Entry, due: number): void {
    const startedAt = performance.now();
    const driftMs = Math.max(0, startedAt - due);
    this.drift[this.driftCount++ % DRIFT_SAMPLES] = driftMs;
    this.running++;
    this.counters.started++;
    const at = new Date();
    const { check } = entry;
    const p = this.run(check.spec, { timeoutMs: check.timeoutMs, signal: this.abort.signal })
      .then((result) => {
        this.counters.completed++;
        if (this.entries.get(check.id) === entry || this.entries.has(check.id)) this.opts.onResult({ checkId: check.id, at, result, driftMs });
      })
      .catch((err: unknown) => this.opts.onError?.(err))
      .finally(() => {
        entry.running = false;
        const current = this.entries.get(check.id);
        if (current && current !== entry) current.running = false;
        this.running--;
        this.inFlight.delete(p);
        if (this.started) this.pump();
      });
    this.inFlight.add(p);
  }
}
