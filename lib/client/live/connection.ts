// The page's one live event stream. Every component that wants live events subscribes here and
// one EventSource serves them all: opened with the first subscriber, closed once the last has
// left. Each event is parsed with LiveEventSchema and handed to the subscribers that want it; each
// (re)open tells them to refetch what they may have missed. A stream the browser gave up on is
// reopened with backoff, and at once when the network comes back. A `stream/resync` (the server
// dropped events this page was too slow to take) is handled like a reopen: everyone refetches.
import { parseLiveEventData, type LiveEvent } from "@/lib/events/schemas";
import { INITIAL_LIVE_STATE, liveReducer, reopenDelayMs, type LiveAction, type LiveState } from "./state";
import { streamUrl, wants, type LiveFilter } from "./filter";
import type { Clock } from "./coalesce";

export interface StreamHandlers {
  onOpen(): void;
  onMessage(data: string): void;
  /** `closed`: the browser will not retry by itself (it got an error answer). */
  onError(closed: boolean): void;
}

/** Opens one Server-Sent Events stream (an EventSource in the browser). */
export type OpenStream = (url: string, handlers: StreamHandlers) => { close(): void };

/** Work shared by every subscriber with the same key (e.g. writing events into a query cache): it runs once per event and once per open. */
export interface SharedHandler {
  key: string;
  onEvent?: (e: LiveEvent) => void;
  onOpen?: () => void;
}

export interface LiveSubscriber {
  filter: LiveFilter;
  /** Runs after every shared handler has seen the event. */
  onEvent?: (e: LiveEvent) => void;
  /** On every (re)open, the first included: refetch what may have changed while nothing listened. */
  onOpen?: () => void;
  shared?: SharedHandler;
}

export interface LiveConnectionOptions {
  open: OpenStream;
  clock?: Clock;
  /** Runs `fn` once the current batch of (un)subscriptions is done (one React commit). */
  defer?: (fn: () => void) => void;
  /** Where a subscriber's exception goes (the others still get the event). */
  report?: (err: unknown) => void;
}

const realClock: Clock = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class LiveConnection {
  private readonly subs = new Set<LiveSubscriber>();
  private readonly watchers = new Set<() => void>();
  private readonly clock: Clock;
  private state: LiveState = INITIAL_LIVE_STATE;
  private stream: { close(): void } | null = null;
  private url: string | null = null;
  /** Bumped whenever a stream is dropped, so its late callbacks are ignored. */
  private generation = 0;
  private isOpen = false;
  private reopenTimer: unknown = null;
  private reconcileQueued = false;
  /** Streams (EventSources) created so far. */
  streamsOpened = 0;

  constructor(private readonly opts: LiveConnectionOptions) {
    this.clock = opts.clock ?? realClock;
  }

  /** Adds a subscriber; returns its unsubscribe function. The stream follows on the next microtask. */
  subscribe(sub: LiveSubscriber): () => void {
    this.subs.add(sub);
    this.queueReconcile();
    return () => {
      if (this.subs.delete(sub)) this.queueReconcile();
    };
  }

  getState = (): LiveState => this.state;

  /** Calls `fn` whenever the state changes (for useSyncExternalStore); returns the unwatch function. */
  watch = (fn: () => void): (() => void) => {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  };

  /** The URL of the stream in use or about to be reopened; null when there is none. */
  get activeUrl(): string | null {
    return this.stream !== null || this.reopenTimer !== null ? this.url : null;
  }

  /**
   * The browser's online/offline events. Back online after being offline, the stream is reopened
   * now, even one that still looks open: a stream that lived through the outage may be dead
   * without the browser saying so (no error, just silence), and reopening also tells every
   * subscriber to refetch what it missed.
   */
  setOnline(online: boolean): void {
    const wasOffline = !this.state.online;
    this.apply({ type: "network", online });
    if (online && this.subs.size > 0 && (wasOffline || !this.isOpen)) this.openStream(streamUrl(this.filters()));
  }

  private filters(): LiveFilter[] {
    return [...this.subs].map((s) => s.filter);
  }

  private apply(a: LiveAction): void {
    const next = liveReducer(this.state, a);
    if (next === this.state) return;
    this.state = next;
    for (const w of [...this.watchers]) this.safely(w);
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      (this.opts.report ?? console.error)(err);
    }
  }

  private queueReconcile(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    (this.opts.defer ?? queueMicrotask)(() => {
      this.reconcileQueued = false;
      this.reconcile();
    });
  }

  private reconcile(): void {
    if (this.subs.size === 0) {
      this.closeStream();
      this.apply({ type: "idle" });
      return;
    }
    const url = streamUrl(this.filters());
    if (url === this.activeUrl) return;
    this.openStream(url);
  }

  private closeStream(): void {
    this.generation++;
    this.stream?.close();
    this.stream = null;
    this.isOpen = false;
    if (this.reopenTimer !== null) this.clock.clear(this.reopenTimer);
    this.reopenTimer = null;
  }

  private openStream(url: string): void {
    this.closeStream();
    this.url = url;
    const generation = this.generation;
    const current = () => generation === this.generation;
    this.streamsOpened++;
    this.stream = this.opts.open(url, {
      onOpen: () => {
        if (!current()) return;
        this.isOpen = true;
        this.apply({ type: "open", at: this.clock.now() });
        this.announceOpen();
      },
      onMessage: (data) => {
        if (!current()) return;
        const e = parseLiveEventData(data);
        if (!e) return;
        this.apply({ type: "event", at: this.clock.now() });
        if (e.type === "stream/resync") this.announceOpen();
        else this.deliver(e);
      },
      onError: (closed) => {
        if (!current()) return;
        this.isOpen = false;
        this.apply({ type: "error" });
        if (!closed) return; // the browser retries by itself
        this.closeStream();
        this.reopenTimer = this.clock.set(() => {
          this.reopenTimer = null;
          if (this.subs.size > 0) this.openStream(streamUrl(this.filters()));
        }, reopenDelayMs(this.state.failures));
      },
    });
  }

  /** Shared handlers first (once per key), then each subscriber. */
  private fanOut(pick: (s: LiveSubscriber) => boolean, shared: (h: SharedHandler) => void, own: (s: LiveSubscriber) => void): void {
    const subs = [...this.subs].filter(pick);
    const keys = new Set<string>();
    for (const s of subs) {
      if (!s.shared || keys.has(s.shared.key)) continue;
      keys.add(s.shared.key);
      const h = s.shared;
      this.safely(() => shared(h));
    }
    for (const s of subs) this.safely(() => own(s));
  }

  private announceOpen(): void {
    this.fanOut(() => true, (h) => h.onOpen?.(), (s) => s.onOpen?.());
  }

  private deliver(e: LiveEvent): void {
    this.fanOut((s) => wants(s.filter, e), (h) => h.onEvent?.(e), (s) => s.onEvent?.(e));
  }
}
