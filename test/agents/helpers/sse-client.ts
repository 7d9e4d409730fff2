// A minimal Server-Sent Events reader for tests and the benchmark: collects LiveEvents with the
// time each arrived, and waits for one that matches.
import { LiveEventSchema, type LiveEvent } from "@/lib/events";

export interface Received {
  at: number;
  event: LiveEvent;
}

export interface SseClient {
  events: Received[];
  waitFor(pred: (e: LiveEvent) => boolean, timeoutMs: number, after?: number): Promise<Received>;
  close(): void;
}

export async function openEventStream(url: string, token: string): Promise<SseClient> {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" }, signal: ac.signal });
  if (!res.ok || !res.body) throw new Error(`event stream answered HTTP ${res.status}`);
  const events: Received[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const dec = new TextDecoder();
    let buf = "";
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += dec.decode(chunk, { stream: true });
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
          if (!data) continue;
          const r = LiveEventSchema.safeParse(JSON.parse(data));
          if (r.success) events.push({ at: performance.now(), event: r.data });
          for (const w of waiters) w();
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    waitFor(pred, timeoutMs, after = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find((r) => r.at >= after && pred(r.event));
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching live event within ${timeoutMs} ms (got ${events.length} events)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => ac.abort(),
  };
}

export async function waitUntil<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs: number, what: string, intervalMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
