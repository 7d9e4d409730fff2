// The in-process event bus: the agent hub publishes live state, SSE streams subscribe. One bus
// per process, kept on globalThis because server.ts and Next's route bundles load separate module
// instances. Subscribers that throw are logged and kept; publishing never fails. Each event is
// serialized at most once, however many streams carry it (`frame()` is shared by all listeners),
// and the bus keeps the streams' counters (open streams, events dropped for slow ones). Stats
// samples, the bulk of all events, go only to listeners that asked for them; with none, the hub
// does not even build them.
import { log } from "@/lib/log";
import type { LiveEvent } from "./schemas";

/** `frame()`: the event as one SSE `data:` frame, encoded once per publish and shared. */
export type LiveListener = (e: LiveEvent, frame: () => Uint8Array) => void;

const encoder = new TextEncoder();

/** The Server-Sent Events frame of one event. */
export function sseFrame(e: LiveEvent): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(e)}\n\n`);
}

/** Figures about the browser streams, for the capacity API. */
export interface StreamCounters {
  /** Streams open now. */
  open: number;
  /** Events not delivered to a stream that fell behind (cumulative since start). */
  dropped: number;
  /** Times a stream was told to resync after drops (cumulative since start). */
  resyncs: number;
}

export interface SubscribeOptions {
  /** Also called for stats samples (every other listener never sees them). */
  stats?: boolean;
}

export class EventBus {
  private readonly listeners = new Set<LiveListener>();
  /** The listeners that asked for stats samples (a subset of `listeners`). */
  private readonly statsListeners = new Set<LiveListener>();
  readonly streams: StreamCounters = { open: 0, dropped: 0, resyncs: 0 };

  publish(e: LiveEvent): void {
    let bytes: Uint8Array | null = null;
    const frame = () => (bytes ??= sseFrame(e));
    for (const l of e.type === "stats/sample" ? this.statsListeners : this.listeners) {
      try {
        l(e, frame);
      } catch (err) {
        log.warn("events", "listener failed", { type: e.type, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(l: LiveListener, opts: SubscribeOptions = {}): () => void {
    this.listeners.add(l);
    if (opts.stats) this.statsListeners.add(l);
    return () => {
      this.statsListeners.delete(l);
      return this.listeners.delete(l);
    };
  }

  /** Whether anyone listens for stats samples now (the hub skips building them otherwise). */
  get wantsStats(): boolean {
    return this.statsListeners.size > 0;
  }

  get size(): number {
    return this.listeners.size;
  }
}

type GlobalWithBus = typeof globalThis & { __homeportEventBus?: EventBus };

export function getEventBus(): EventBus {
  const g = globalThis as GlobalWithBus;
  g.__homeportEventBus ??= new EventBus();
  return g.__homeportEventBus;
}

/** The process's stream counters (open streams, dropped events), for GET /api/v1/capacity. */
export function eventStreamCounters(bus: EventBus = getEventBus()): { streams: () => number; droppedTotal: () => number; resyncsTotal: () => number } {
  return { streams: () => bus.streams.open, droppedTotal: () => bus.streams.dropped, resyncsTotal: () => bus.streams.resyncs };
}
