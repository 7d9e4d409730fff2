// Streams the event bus to one browser as Server-Sent Events: `data: <LiveEvent JSON>` per event,
// a comment every SSE_KEEPALIVE_MS so proxies keep the connection, and clean-up on disconnect.
// With `endWhen`, the stream also ends when its owner says so (e.g. its credentials ended): a
// last `event: end` names the reason, then the stream closes. A slow or stalled reader has a
// bounded queue: past SSE_MAX_QUEUED_BYTES what is waiting is dropped (counted on the bus) and
// replaced by one `stream/resync` event, on which the browser refetches what it shows.
import type { EventBus } from "./bus";
import { sseFrame } from "./bus";
import { matchesFilter, type EventFilter } from "./schemas";

export const SSE_KEEPALIVE_MS = 15_000;
export const SSE_RETRY_MS = 2_000;
/** Bytes waiting for one client at most; beyond, its queue is dropped and it is told to resync. */
export const SSE_MAX_QUEUED_BYTES = 1024 * 1024;
/** Bytes handed to the response at a time (the rest waits in the bounded queue). */
const SSE_CHUNK_HIGH_WATER_BYTES = 64 * 1024;

export interface StreamOptions {
  /** Called once at open with `end`; returns the function that stops watching (called on close). */
  endWhen?: (end: (reason: string) => void) => () => void;
}

const enc = new TextEncoder();

type FrameKind = "event" | "resync" | "other";
interface Frame {
  data: Uint8Array;
  kind: FrameKind;
}

/** The bounded queue of one stream: frames waiting for the reader, dropped whole on overflow. */
class StreamQueue {
  private frames: Frame[] = [];
  private head = 0;
  private bytes = 0;
  /** Events dropped since the reader last took a resync frame (the next one's `dropped`). */
  private droppedSinceResync = 0;

  constructor(private readonly bus: EventBus, private readonly maxBytes: number) {}

  push(data: Uint8Array, kind: FrameKind): void {
    if (this.bytes + data.byteLength > this.maxBytes) return this.overflow(kind === "event" ? 1 : 0);
    this.frames.push({ data, kind });
    this.bytes += data.byteLength;
  }

  shift(): Uint8Array | undefined {
    if (this.head >= this.frames.length) return undefined;
    const f = this.frames[this.head++]!;
    this.bytes -= f.data.byteLength;
    if (f.kind === "resync") this.droppedSinceResync = 0;
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
    return f.data;
  }

  /** Everything waiting is dropped (events counted) and one resync frame takes its place. */
  private overflow(extra: number): void {
    let events = extra;
    for (let i = this.head; i < this.frames.length; i++) if (this.frames[i]!.kind === "event") events++;
    const hadResync = this.frames.slice(this.head).some((f) => f.kind === "resync");
    this.droppedSinceResync += events;
    this.bus.streams.dropped += events;
    if (!hadResync) this.bus.streams.resyncs++;
    const data = sseFrame({ type: "stream/resync", dropped: this.droppedSinceResync });
    this.frames = [{ data, kind: "resync" }];
    this.head = 0;
    this.bytes = data.byteLength;
  }
}

export function eventStreamResponse(bus: EventBus, filter: EventFilter, signal: AbortSignal, opts: StreamOptions = {}): Response {
  let cleanup = () => {};
  const queue = new StreamQueue(bus, SSE_MAX_QUEUED_BYTES);
  let flush = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      flush = () => {
        while ((controller.desiredSize ?? 0) > 0) {
          const f = queue.shift();
          if (!f) return;
          controller.enqueue(f);
        }
      };
      const send = (frame: Uint8Array, kind: FrameKind = "other") => {
        queue.push(frame, kind);
        flush();
      };
      send(enc.encode(`retry: ${SSE_RETRY_MS}\n: connected\n\n`));
      bus.streams.open++;
      const wantsStats = Boolean(filter.stats || filter.hostId || filter.serviceId);
      const unsubscribe = bus.subscribe((e, frame) => {
        if (matchesFilter(e, filter)) send(frame(), "event");
      }, { stats: wantsStats });
      const keepalive = setInterval(() => send(enc.encode(": keepalive\n\n")), SSE_KEEPALIVE_MS);
      let closed = false;
      let stopWatching = () => {};
      cleanup = () => {
        if (closed) return;
        closed = true;
        bus.streams.open--;
        clearInterval(keepalive);
        unsubscribe();
        stopWatching();
      };
      const close = (lastWords?: string) => {
        if (closed) return;
        if (lastWords) send(enc.encode(lastWords));
        cleanup();
        // What still waits (bounded) goes out before the end, the last words included.
        for (let f = queue.shift(); f; f = queue.shift()) controller.enqueue(f);
        try {
          controller.close();
        } catch {
          // already closed or errored
        }
      };
      signal.addEventListener("abort", () => close());
      if (opts.endWhen) stopWatching = opts.endWhen((reason) => close(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`));
      if (signal.aborted) close();
    },
    pull() {
      flush();
    },
    cancel() {
      cleanup();
    },
  }, { highWaterMark: SSE_CHUNK_HIGH_WATER_BYTES, size: (chunk) => chunk.byteLength });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
