// The in-process event bus: the agent hub publishes live state, SSE streams subscribe. One bus
// per process, kept on globalThis because server.ts and Next's route bundles load separate module
// instances. Subscribers that throw are logged and kept; publishing never fails.
import { log } from "@/lib/log";
import type { LiveEvent } from "./schemas";

export type LiveListener = (e: LiveEvent) => void;

export class EventBus {
  private readonly listeners = new Set<LiveListener>();

  publish(e: LiveEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        log.warn("events", "listener failed", { type: e.type, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(l: LiveListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
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
