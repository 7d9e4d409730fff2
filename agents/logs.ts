// The agent's followed log streams: each reads one container's logs from Docker and pushes bounded
// batches to the control plane. The agent enforces its own caps whatever the server asks: a number
// of concurrent streams, a per-stream line and byte rate (lines over it are dropped and counted), a
// bounded unsent buffer, and cut long lines. A stream ends when asked, when Docker's stream ends
// (container stopped or removed, said apart), or when the link goes down.
import type Docker from "dockerode";
import { MAX_LOG_BATCH_BYTES, MAX_LOG_BATCH_LINES, MAX_LOG_STREAM_TAIL, type AgentEventParams, type LogEndReason, type LogLine, type RequestParams } from "@/lib/protocol";
import { AgentError, dockerStatus } from "./errors";
import { LogDecoder } from "./log-lines";

export const AGENT_LOG_LIMITS = {
  /** Streams one agent runs at once. */
  maxStreams: 32,
  /** Per stream: sustained lines and bytes per second, and the burst (a full backlog passes). */
  linesPerSecond: 500,
  lineBurst: MAX_LOG_STREAM_TAIL,
  bytesPerSecond: 512 * 1024,
  byteBurst: 4 * 1024 * 1024,
  /** All streams together: what the control plane's event queue can take from one agent. */
  totalBytesPerSecond: 1024 * 1024,
  totalByteBurst: 4 * 1024 * 1024,
  /** How often pending lines are sent. */
  flushMs: 100,
  /** Unsent lines a stream may hold; more are dropped. */
  maxPendingLines: 4 * MAX_LOG_BATCH_LINES,
} as const;
export type AgentLogLimits = { [K in keyof typeof AGENT_LOG_LIMITS]: number };

/** How long after Docker's stream ends the agent looks whether the container was removed. */
const REMOVAL_SETTLE_MS = 500;

type LogEventType = "logs/batch" | "logs/end";
export type EmitLogEvent = <T extends LogEventType>(type: T, params: AgentEventParams<T>) => boolean;
type FollowParams = RequestParams<"logs/follow">;

/** Where the bytes come from: Docker in production, a fake in the unit tests. */
export interface LogSource {
  open(p: FollowParams): Promise<{ tty: boolean; stream: NodeJS.ReadableStream }>;
  /** False once the container is gone. */
  exists(containerId: string): Promise<boolean>;
}

export function dockerLogSource(docker: Docker): LogSource {
  return {
    async open(p) {
      const c = docker.getContainer(p.containerId);
      const info = await c.inspect();
      const base = { stdout: true, stderr: true, timestamps: true, tail: p.tail, ...(p.since !== undefined ? { since: p.since } : {}), ...(p.until !== undefined ? { until: p.until } : {}) };
      if (p.follow && p.until === undefined) return { tty: info.Config.Tty, stream: await c.logs({ ...base, follow: true }) };
      const { PassThrough } = await import("node:stream");
      const buf = (await c.logs({ ...base, follow: false })) as unknown as Buffer;
      const s = new PassThrough();
      s.end(buf);
      return { tty: info.Config.Tty, stream: s };
    },
    async exists(containerId) {
      // `docker rm -f` kills first (ending the log stream) and removes a moment later.
      await new Promise((r) => setTimeout(r, REMOVAL_SETTLE_MS));
      try {
        const info = await docker.getContainer(containerId).inspect();
        return info.State.Status !== "removing" && info.State.Status !== "dead";
      } catch (err) {
        return dockerStatus(err) !== 404;
      }
    },
  };
}

class Bucket {
  private tokens: number;
  private last: number;
  constructor(private readonly rate: number, private readonly burst: number, private readonly now: () => number) {
    this.tokens = burst;
    this.last = now();
  }
  take(n: number): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

class FollowedStream {
  private pending: LogLine[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly lines: Bucket;
  private readonly bytes: Bucket;
  private source: NodeJS.ReadableStream | undefined;
  private done = false;

  constructor(readonly id: string, private readonly owner: LogStreams) {
    const l = owner.limits;
    this.lines = new Bucket(l.linesPerSecond, l.lineBurst, owner.now);
    this.bytes = new Bucket(l.bytesPerSecond, l.byteBurst, owner.now);
  }

  attach(tty: boolean, stream: NodeJS.ReadableStream, containerId: string): void {
    this.source = stream;
    const decoder = new LogDecoder(tty, (line) => this.accept(line));
    stream.on("data", (b: Buffer | string) => decoder.write(typeof b === "string" ? Buffer.from(b) : b));
    stream.on("error", (err: Error) => this.finish("error", err.message));
    stream.on("end", () => {
      decoder.end();
      void this.owner.source.exists(containerId).then((alive) => this.finish(alive ? "ended" : "container_removed"));
    });
  }

  private accept(line: LogLine): void {
    if (this.done) return;
    const size = line.text.length + 48;
    if (this.pending.length >= this.owner.limits.maxPendingLines || !this.lines.take(1) || !this.bytes.take(size) || !this.owner.total.take(size)) {
      this.dropped++;
    } else {
      this.pending.push(line);
    }
    this.timer ??= setTimeout(() => this.flush(), this.owner.limits.flushMs);
  }

  /** Sends what is pending in batches; false once the link is gone. */
  flush(): boolean {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0 || this.dropped > 0) {
      let bytes = 0, n = 0;
      while (n < this.pending.length && n < MAX_LOG_BATCH_LINES && bytes + this.pending[n]!.text.length * 2 + 64 <= MAX_LOG_BATCH_BYTES) bytes += this.pending[n++]!.text.length * 2 + 64;
      const lines = this.pending.splice(0, Math.max(n, Math.min(1, this.pending.length)));
      const ok = this.owner.emit("logs/batch", { streamId: this.id, lines, dropped: this.dropped });
      this.dropped = 0;
      if (!ok) {
        this.stop();
        return false;
      }
    }
    return true;
  }

  finish(reason: LogEndReason, message?: string): void {
    if (this.done) return;
    const sent = this.flush();
    this.done = true;
    this.owner.forget(this.id);
    if (sent) this.owner.emit("logs/end", { streamId: this.id, reason, ...(message ? { message: message.slice(0, 1000) } : {}) });
  }

  /** Ends quietly (asked to, or the link is gone): closes Docker's stream. */
  stop(): void {
    this.done = true;
    clearTimeout(this.timer);
    this.pending = [];
    this.owner.forget(this.id);
    const s = this.source as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
    s?.destroy?.();
  }
}

/** One link's streams (the agent keeps one per connection). */
export class LogStreams {
  private readonly streams = new Map<string, FollowedStream>();
  /** The agent-wide byte budget every stream draws from. */
  readonly total: Bucket;

  constructor(
    readonly source: LogSource,
    readonly emit: EmitLogEvent,
    readonly limits: AgentLogLimits = AGENT_LOG_LIMITS,
    readonly now: () => number = Date.now,
  ) {
    this.total = new Bucket(limits.totalBytesPerSecond, limits.totalByteBurst, now);
  }

  get active(): number {
    return this.streams.size;
  }

  async follow(p: FollowParams): Promise<{ streamId: string; tty: boolean }> {
    if (this.streams.has(p.streamId)) throw new AgentError("conflict", "this log stream id is already in use");
    if (this.streams.size >= this.limits.maxStreams) throw new AgentError("rate_limited", `this agent already follows ${this.limits.maxStreams} log streams`);
    const s = new FollowedStream(p.streamId, this);
    this.streams.set(p.streamId, s); // reserved while Docker answers
    try {
      const { tty, stream } = await this.source.open(p);
      if (this.streams.get(p.streamId) !== s) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      } else {
        s.attach(tty, stream, p.containerId);
      }
      return { streamId: p.streamId, tty };
    } catch (err) {
      this.streams.delete(p.streamId);
      throw err;
    }
  }

  stop(streamId: string): boolean {
    const s = this.streams.get(streamId);
    s?.stop();
    return s !== undefined;
  }

  stopAll(): void {
    for (const s of [...this.streams.values()]) s.stop();
  }

  forget(streamId: string): void {
    this.streams.delete(streamId);
  }
}

const perLink = new WeakMap<object, LogStreams>();

/** The streams of one connection (its handler context), created on first use. */
export function logStreamsOf(ctx: { docker: Docker; emit: EmitLogEvent }): LogStreams {
  let s = perLink.get(ctx);
  if (!s) {
    s = new LogStreams(dockerLogSource(ctx.docker), (type, params) => ctx.emit(type, params));
    perLink.set(ctx, s);
  }
  return s;
}

/** Ends every stream of a connection whose link went down (nothing is sent). */
export function stopLogStreams(ctx: object): void {
  perLink.get(ctx)?.stopAll();
}
