// Streams the event bus to one browser as Server-Sent Events: `data: <LiveEvent JSON>` per event,
// a comment every SSE_KEEPALIVE_MS so proxies keep the connection, and clean-up on disconnect.
// With `endWhen`, the stream also ends when its owner says so (e.g. its credentials ended): a
// last `event: end` names the reason, then the stream closes.
import type { EventBus } from "./bus";
import { matchesFilter, type EventFilter } from "./schemas";

export const SSE_KEEPALIVE_MS = 15_000;
export const SSE_RETRY_MS = 2_000;
/** A client that falls this far behind is dropped; EventSource reconnects and the UI refetches. */
export const SSE_MAX_QUEUED_BYTES = 1024 * 1024;

export interface StreamOptions {
  /** Called once at open with `end`; returns the function that stops watching (called on close). */
  endWhen?: (end: (reason: string) => void) => () => void;
}

export function eventStreamResponse(bus: EventBus, filter: EventFilter, signal: AbortSignal, opts: StreamOptions = {}): Response {
  const enc = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if ((controller.desiredSize ?? 0) < 0) {
          cleanup();
          controller.error(new Error("client too slow"));
          return;
        }
        controller.enqueue(enc.encode(text));
      };
      send(`retry: ${SSE_RETRY_MS}\n: connected\n\n`);
      const unsubscribe = bus.subscribe((e) => {
        if (matchesFilter(e, filter)) send(`data: ${JSON.stringify(e)}\n\n`);
      });
      const keepalive = setInterval(() => send(": keepalive\n\n"), SSE_KEEPALIVE_MS);
      let closed = false;
      let stopWatching = () => {};
      cleanup = () => {
        closed = true;
        clearInterval(keepalive);
        unsubscribe();
        stopWatching();
      };
      const close = (lastWords?: string) => {
        if (closed) return;
        if (lastWords) send(lastWords);
        cleanup();
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
    cancel() {
      cleanup();
    },
  }, { highWaterMark: SSE_MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
