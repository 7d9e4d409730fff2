// The browser's side of the live stream, for measuring: opens GET /api/v1/events unfiltered (as
// the Overview page does), notes when each simulated `die` (found by its marker) and each host's
// snapshot arrive, and reconnects like EventSource when the server drops it (counted: a browser
// that falls behind is dropped and loses what was sent meanwhile).
import { SSE_RETRY_MS } from "@/lib/events/sse";
import type { LiveEvent } from "@/lib/events/schemas";
import { DIE_MARKER } from "./agent";

const DIE_RE = new RegExp(`${DIE_MARKER.replace("#", "\\#")}(\\d+)`);

export class EventWatch {
  /** Die sequence number → when it arrived (performance.now()). */
  readonly dies = new Map<number, number>();
  /** Host id → when its latest snapshot arrived. */
  readonly snapshots = new Map<string, number>();
  /** Host id → online as the latest host/status event said. */
  readonly online = new Map<string, boolean>();
  /** Host id → when a host/status said it online last (the hub says so once it has handled the agent's hello). */
  readonly onlineAt = new Map<string, number>();
  events = 0;
  bytes = 0;
  /** Times the stream ended or failed and was opened again. */
  drops = 0;
  /** Events the server dropped for this stream (it said so with stream/resync: it fell behind). */
  resyncDropped = 0;
  private abort = new AbortController();
  private stopped = false;
  private opened: Promise<void>;

  constructor(private readonly base: string, private readonly auth: { cookie?: string; token?: string }) {
    this.opened = new Promise((resolve) => void this.run(resolve));
  }

  /** Resolves once the first stream is open. */
  ready(): Promise<void> {
    return this.opened;
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async run(onOpen: () => void): Promise<void> {
    while (!this.stopped) {
      try {
        await this.stream(onOpen);
      } catch {
        // dropped, refused or aborted: counted below
      }
      if (this.stopped) return;
      this.drops++;
      await new Promise((r) => setTimeout(r, SSE_RETRY_MS));
    }
  }

  private async stream(onOpen: () => void): Promise<void> {
    this.abort = new AbortController();
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (this.auth.cookie) headers.cookie = this.auth.cookie;
    if (this.auth.token) headers.authorization = `Bearer ${this.auth.token}`;
    const res = await fetch(`${this.base}/api/v1/events`, { headers, signal: this.abort.signal });
    if (res.status !== 200 || !res.body) throw new Error(`the event stream answered ${res.status}`);
    onOpen();
    const decoder = new TextDecoder();
    let pending = "";
    const reader = res.body.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) return;
      this.bytes += chunk.byteLength;
      pending += decoder.decode(chunk, { stream: true });
      let cut = pending.indexOf("\n\n");
      while (cut >= 0) {
        this.onMessage(pending.slice(0, cut));
        pending = pending.slice(cut + 2);
        cut = pending.indexOf("\n\n");
      }
    }
  }

  private onMessage(block: string): void {
    if (!block.startsWith("data: ")) return;
    const at = performance.now();
    this.events++;
    const data = block.slice(6);
    if (data.includes('"type":"stats/sample"')) return; // the bulk of the stream; nothing to note
    let e: LiveEvent;
    try {
      e = JSON.parse(data) as LiveEvent;
    } catch {
      return;
    }
    if (e.type === "container/state" && e.action === "die") {
      const m = DIE_RE.exec(e.container.status);
      if (m?.[1]) this.dies.set(Number(m[1]), at);
    } else if (e.type === "host/snapshot") {
      this.snapshots.set(e.hostId, at);
    } else if (e.type === "stream/resync") {
      this.resyncDropped += e.dropped;
    } else if (e.type === "host/status") {
      this.online.set(e.hostId, e.status.online);
      if (e.status.online) this.onlineAt.set(e.hostId, at);
    }
  }
}
