// The control plane's followed log streams: each is one agent's stream of one container's lines,
// opened under a random 128-bit id that never leaves the server (the browser only holds the HTTP
// response that opened it). Batches from an agent reach the stream only if that agent opened it;
// streams end when their reader goes away, when the agent says so, or when the agent disconnects.
// Bounded: streams per agent and per user.
import { randomBytes } from "node:crypto";
import { DomainError } from "@/lib/errors";
import type { AgentEventParams, LogEndReason, LogLine, RequestParams } from "@/lib/protocol";
import type { AgentSession } from "./session";

export const LOG_STREAM_LIMITS = {
  /** Streams the control plane keeps open on one agent (the agent has its own cap too). */
  perAgent: 32,
  /** Streams one user (all their sessions and tokens) may have open at once. */
  perUser: 24,
} as const;

export type LogStreamEnd = LogEndReason | "agent_disconnected";

/** Where a stream's lines go (the HTTP relay). */
export interface LogSink {
  lines(lines: LogLine[], dropped: number): void;
  end(reason: LogStreamEnd, message?: string): void;
  /** Bytes waiting for the reader (for the registry's figures). */
  queuedBytes(): number;
}

interface Entry {
  hostId: string;
  owner: string;
  session: AgentSession;
  sink: LogSink;
}

export interface LogStreamHandle {
  readonly id: string;
  /** Ends the stream (the reader went away): the agent is told to stop reading Docker. */
  close(): void;
}

export class LogStreamRegistry {
  private readonly streams = new Map<string, Entry>();

  constructor(readonly limits: { perAgent: number; perUser: number } = LOG_STREAM_LIMITS) {}

  private count(pred: (e: Entry) => boolean): number {
    let n = 0;
    for (const e of this.streams.values()) if (pred(e)) n++;
    return n;
  }

  async open(session: AgentSession, owner: string, params: Omit<RequestParams<"logs/follow">, "streamId">, sink: LogSink): Promise<LogStreamHandle> {
    if (this.count((e) => e.owner === owner) >= this.limits.perUser) throw new DomainError("rate_limited", `You already follow ${this.limits.perUser} log streams; close some first`);
    if (this.count((e) => e.hostId === session.hostId) >= this.limits.perAgent) throw new DomainError("rate_limited", `This host's agent already serves ${this.limits.perAgent} log streams; try again later`);
    const id = randomBytes(16).toString("base64url");
    const entry: Entry = { hostId: session.hostId, owner, session, sink };
    this.streams.set(id, entry); // before asking: the first batch may beat the answer
    try {
      await session.request("logs/follow", { ...params, streamId: id });
    } catch (err) {
      this.streams.delete(id);
      throw err; // the relay shows the agent's message on that source
    }
    return {
      id,
      close: () => {
        if (this.streams.get(id) !== entry) return;
        this.streams.delete(id);
        if (session.isOpen) void session.request("logs/stop", { streamId: id }).catch(() => undefined);
      },
    };
  }

  /** A batch from `hostId`'s agent; false when no such stream of that agent is open (late, or not its own). */
  onBatch(hostId: string, p: AgentEventParams<"logs/batch">): boolean {
    const e = this.streams.get(p.streamId);
    if (!e || e.hostId !== hostId) return false;
    e.sink.lines(p.lines, p.dropped);
    return true;
  }

  onEnd(hostId: string, p: AgentEventParams<"logs/end">): boolean {
    const e = this.streams.get(p.streamId);
    if (!e || e.hostId !== hostId) return false;
    this.streams.delete(p.streamId);
    e.sink.end(p.reason, p.message);
    return true;
  }

  /** The agent's link closed: each of its streams ends, saying so. */
  endHost(hostId: string, session?: AgentSession): void {
    for (const [id, e] of this.streams) {
      if (e.hostId !== hostId || (session && e.session !== session)) continue;
      this.streams.delete(id);
      e.sink.end("agent_disconnected", "The host's agent disconnected");
    }
  }

  /** Open streams and the bytes waiting for their readers, per host. */
  figures(): { open: number; queuedBytes: number; byHost: Record<string, number> } {
    const byHost: Record<string, number> = {};
    let queuedBytes = 0;
    for (const e of this.streams.values()) {
      byHost[e.hostId] = (byHost[e.hostId] ?? 0) + 1;
      queuedBytes += e.sink.queuedBytes();
    }
    return { open: this.streams.size, queuedBytes, byHost };
  }
}

type GlobalWithStreams = typeof globalThis & { __homeportLogStreams?: LogStreamRegistry };

/** The process's registry (server.ts and Next's bundles share it through globalThis). */
export function getLogStreams(): LogStreamRegistry {
  const g = globalThis as GlobalWithStreams;
  g.__homeportLogStreams ??= new LogStreamRegistry();
  return g.__homeportLogStreams;
}
