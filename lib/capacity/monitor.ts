// The process-wide capacity monitor: event loop delay, CPU, memory, SQLite write latency and the
// live event rate, sampled cheaply in the background (timers unref'd) and read by GET /api/v1/capacity.
// One per process on globalThis: server.ts starts it, Next's route bundles read the same instance.
import { monitorEventLoopDelay, performance, type IntervalHistogram } from "node:perf_hooks";
import type { Db } from "@/lib/db";
import type { EventBus } from "@/lib/events";
import { cpuCores, percentile, ratePerSecond, RollingWindow, round } from "./window";

/** Figures are over this much recent time. */
export const CAPACITY_WINDOW_MS = 60_000;
/** How often the loop delay, CPU and event count are read into the window. */
export const CAPACITY_SLOT_MS = 5_000;
/** How often a small timed write measures SQLite's write latency. */
export const WRITE_PROBE_INTERVAL_MS = 10_000;
/** The Setting row the write probe upserts (not a user setting: nothing reads it). */
export const WRITE_PROBE_KEY = "capacity.writeProbe";
/**
 * Loop delay, CPU and write latency are not sampled for this long after start: loading the app and
 * its first renders are not the steady state the headroom is about (events are counted from the start).
 */
export const CAPACITY_WARMUP_MS = 20_000;
/** Loop delay sampling resolution of perf_hooks' histogram. */
const LOOP_RESOLUTION_MS = 10;

/** Counters the event bus may offer; a missing one is reported as unknown (null). */
export interface EventCounters {
  /** Browser event streams open now. */
  streams: () => number | null;
  /** Events dropped for slow streams since start (cumulative). */
  droppedTotal: () => number | null;
}

export interface MonitorReading {
  eventsPerSecond: number;
  eventsDroppedPerMinute: number | null;
  eventStreams: number | null;
  cpuCores: number | null;
  eventLoopLagP99Ms: number | null;
  writeP95Ms: number | null;
}

export class CapacityMonitor {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  /** p99 of each slot's loop delay, ms. */
  private readonly lag = new RollingWindow(CAPACITY_WINDOW_MS);
  /** Cumulative CPU time (µs), keeping one reading before the window to measure across it. */
  private cpu = new RollingWindow(CAPACITY_WINDOW_MS, true);
  private readonly writes = new RollingWindow(CAPACITY_WINDOW_MS);
  /** Events published in each closed slot. */
  private readonly events = new RollingWindow(CAPACITY_WINDOW_MS);
  private readonly dropped = new RollingWindow(CAPACITY_WINDOW_MS, true);
  private eventsInSlot = 0;
  private slotStartedAt: number;
  private readonly startedAt: number;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: () => Db,
    private readonly bus: EventBus,
    private readonly counters: EventCounters,
    private readonly now: () => number = Date.now,
    private readonly warmupMs = CAPACITY_WARMUP_MS,
  ) {
    this.startedAt = this.slotStartedAt = now();
  }

  start(): void {
    if (this.unsubscribe) return;
    this.loop.enable();
    this.unsubscribe = this.bus.subscribe(() => { this.eventsInSlot += 1; });
    this.cpu.add(this.now(), cpuMicros());
    this.sampleDropped(this.now());
  }

  stop(): void {
    this.loop.disable();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private warmingUp(t: number): boolean {
    return t - this.startedAt < this.warmupMs;
  }

  /** Closes a slot: the loop delay p99 since the last one, a CPU reading, the slot's event count. */
  tick(): void {
    const t = this.now();
    if (this.warmingUp(t)) {
      // Start-up is not measured: the CPU window starts afresh from here.
      this.cpu = new RollingWindow(CAPACITY_WINDOW_MS, true);
    } else if (this.loop.count > 0) {
      this.lag.add(t, this.loop.percentile(99) / 1e6);
    }
    this.loop.reset();
    this.cpu.add(t, cpuMicros());
    this.events.add(t, this.eventsInSlot);
    this.eventsInSlot = 0;
    this.slotStartedAt = t;
    this.sampleDropped(t);
  }

  /** One tiny timed write (an upsert of one Setting row): what any write waits for on this database now. */
  async probeWrite(): Promise<number> {
    const value = new Date(this.now()).toISOString();
    const t0 = performance.now();
    await this.db().setting.upsert({ where: { key: WRITE_PROBE_KEY }, create: { key: WRITE_PROBE_KEY, value }, update: { value } });
    const ms = performance.now() - t0;
    if (!this.warmingUp(this.now())) this.writes.add(this.now(), ms);
    return ms;
  }

  reading(): MonitorReading {
    const t = this.now();
    const slots = this.events.read(t);
    // Closed slots cover from the start of the oldest one (a slot is CAPACITY_SLOT_MS long, the first may be shorter).
    const covered = slots.length > 0 ? Math.min(slots.at(-1)!.t - Math.max(this.startedAt, slots[0]!.t - CAPACITY_SLOT_MS), CAPACITY_WINDOW_MS) : 0;
    const eventsPerSecond = covered > 0 ? ratePerSecond(slots.map((s) => s.v), covered) : ratePerSecond([this.eventsInSlot], t - this.slotStartedAt);
    const dropped = this.dropped.read(t);
    const lag = this.lag.values(t);
    const cores = cpuCores(this.cpu.read(t));
    const writeP95 = percentile(this.writes.values(t), 95);
    return {
      eventsPerSecond: round(eventsPerSecond, 2),
      eventsDroppedPerMinute: dropped.length >= 2 ? Math.max(0, dropped.at(-1)!.v - dropped[0]!.v) : dropped.length === 1 ? 0 : null,
      eventStreams: this.counters.streams(),
      cpuCores: cores === null ? null : round(cores, 3),
      // The worst slot's p99: a minute's p99 is at most this, and a bad 5 s stays visible for a minute.
      eventLoopLagP99Ms: lag.length > 0 ? round(Math.max(...lag), 1) : null,
      writeP95Ms: writeP95 === null ? null : round(writeP95, 2),
    };
  }

  private sampleDropped(t: number): void {
    const total = this.counters.droppedTotal();
    if (total !== null) this.dropped.add(t, total);
  }
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}
