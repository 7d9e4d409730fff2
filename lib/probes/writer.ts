// Batches probe results before they reach the database: one ingest call per vantage point every
// FLUSH_INTERVAL_MS (or sooner when MAX_BATCH results are waiting). Flushes never overlap; if the
// database falls far behind, the oldest results are dropped (counted) rather than growing memory.
import { log } from "@/lib/log";
import type { VantageResult } from "./engine/schemas";

export const FLUSH_INTERVAL_MS = 1_000;
export const MAX_BATCH = 1_000;
export const MAX_BUFFERED = 50_000;

export type IngestFn = (vantageId: string, results: VantageResult[]) => Promise<unknown>;

export class ResultWriter {
  private buffer = new Map<string, VantageResult[]>();
  private buffered = 0;
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  dropped = 0;
  written = 0;

  constructor(private readonly ingest: IngestFn, private readonly flushMs = FLUSH_INTERVAL_MS) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  add(vantageId: string, result: VantageResult): void {
    if (this.buffered >= MAX_BUFFERED) {
      this.dropped++;
      return;
    }
    const list = this.buffer.get(vantageId);
    if (list) list.push(result);
    else this.buffer.set(vantageId, [result]);
    this.buffered++;
    if (this.buffered >= MAX_BATCH && !this.flushing) void this.flush();
  }

  /** Writes everything buffered so far (waits for a flush in progress first). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buffered === 0) return;
    const batch = this.buffer;
    this.buffer = new Map();
    this.buffered = 0;
    this.flushing = (async () => {
      for (const [vantageId, results] of batch) {
        for (let i = 0; i < results.length; i += MAX_BATCH) {
          const chunk = results.slice(i, i + MAX_BATCH);
          try {
            await this.ingest(vantageId, chunk);
            this.written += chunk.length;
          } catch (err) {
            this.dropped += chunk.length;
            log.error("probes", "writing results failed", { vantageId, count: chunk.length, error: err instanceof Error ? err.message : String(err) });
          }
        }
      }
    })().finally(() => { this.flushing = null; });
    await this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
