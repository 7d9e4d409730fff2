// Capacity: the process-wide monitor (started with the schedulers), this instance's live headroom
// and the scale bench's last run, for GET /api/v1/capacity, /api/v1/capacity/run and Settings → Capacity.
import type { Db } from "@/lib/db";
import { getEventBus } from "@/lib/events";
import type { Schedulers } from "@/lib/schedulers";
import { log } from "@/lib/log";
import { CapacityMonitor, CAPACITY_SLOT_MS, WRITE_PROBE_INTERVAL_MS } from "./monitor";
import { busEventCounters } from "./event-counters";
import { capacityLive } from "./live";
import type { CapacityLive } from "./live-schema";

export { CapacityLiveSchema, type CapacityLive } from "./live-schema";
export { CapacityRunSchema, type CapacityRun, type CapacityStep } from "./run-schema";
export { readCapacityRun, getCapacityRunOrThrow, BENCH_COMMAND } from "./run-file";
export { capacityRunPath } from "./data-dir";
export { CapacityMonitor, CAPACITY_WINDOW_MS } from "./monitor";

type GlobalWithMonitor = typeof globalThis & { __homeportCapacityMonitor?: CapacityMonitor };

export function findCapacityMonitor(): CapacityMonitor | undefined {
  return (globalThis as GlobalWithMonitor).__homeportCapacityMonitor;
}

/** Starts the process's monitor on the schedulers (cheap, unref'd timers); stopped with them. */
export function startCapacityMonitor(schedulers: Schedulers, db: () => Db, opts: { warmupMs?: number } = {}): CapacityMonitor {
  const g = globalThis as GlobalWithMonitor;
  if (g.__homeportCapacityMonitor) return g.__homeportCapacityMonitor;
  const monitor = new CapacityMonitor(db, getEventBus(), busEventCounters(), Date.now, opts.warmupMs);
  monitor.start();
  g.__homeportCapacityMonitor = monitor;
  schedulers.every("capacity-sample", CAPACITY_SLOT_MS, async () => monitor.tick());
  schedulers.every("capacity-write-probe", WRITE_PROBE_INTERVAL_MS, async () => {
    await monitor.probeWrite().catch((err: unknown) => log.warn("capacity", "write probe failed", { error: err instanceof Error ? err.message : String(err) }));
  });
  schedulers.onStop(() => {
    monitor.stop();
    if (g.__homeportCapacityMonitor === monitor) g.__homeportCapacityMonitor = undefined;
  });
  return monitor;
}

/** What this instance carries now; process figures over a window are null where no monitor runs. */
export async function getCapacityLive(db: Db): Promise<CapacityLive> {
  const monitor = findCapacityMonitor();
  const reading = monitor?.reading() ?? null;
  return capacityLive(db, reading ?? { ...EMPTY_READING, eventStreams: busEventCounters().streams() });
}

const EMPTY_READING = { eventsPerSecond: 0, eventsDroppedPerMinute: null, eventStreams: 0, cpuCores: null, eventLoopLagP99Ms: null, writeP95Ms: null };
