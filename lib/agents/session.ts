// AgentSession: one connected agent. Sends typed requests and matches results by id (with a
// timeout each), parses every frame with the protocol's parseMessage, answers garbage with a
// protocol error and closes the link after too many of them. Events go to the hub in order,
// through a queue bounded in bytes: past the high-water mark the socket stops being read (TCP
// pushes back on the agent), and a peer that still overflows it is cut off.
import type WebSocket from "ws";
import { randomUUID } from "node:crypto";
import {
  parseMessage,
  parseResult,
  protocolErrorFrame,
  requestFrame,
  type AgentEventType,
  type ParsedEvent,
  type ProtocolError,
  type ProtocolErrorCode,
  type RequestParamsInput,
  type RequestResult,
  type RequestType,
} from "@/lib/protocol";
import { log } from "@/lib/log";
import { AgentLimits } from "./limits";

export const REQUEST_TIMEOUT_MS = 15_000;
/** Event bytes waiting for the hub above which the socket is paused, and below which it resumes. */
export const QUEUE_HIGH_WATER_BYTES = 1024 * 1024;
export const QUEUE_LOW_WATER_BYTES = 256 * 1024;
/** The longest a caller waits for events received before a result to be handled. */
export const EVENTS_SETTLE_TIMEOUT_MS = 5_000;
/** Queued event bytes at which the agent is cut off (frames already in flight while paused). */
export const QUEUE_MAX_BYTES = 8 * 1024 * 1024;
/** After this many refused frames the session is closed (policy violation). */
export const MAX_REFUSED_FRAMES = 20;

const frameBytes = (data: Buffer | Buffer[]) => (Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.length);

const AGENT_REQUEST_ERROR = Symbol.for("homeport.AgentRequestError");

export class AgentRequestError extends Error {
  /** By brand: sessions live in server.ts's copy of this module, callers may be in a Next bundle. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [AGENT_REQUEST_ERROR]?: unknown })[AGENT_REQUEST_ERROR] === true;
  }

  readonly [AGENT_REQUEST_ERROR] = true;

  constructor(readonly code: ProtocolErrorCode, message: string) {
    super(message);
  }
}

interface Pending {
  type: RequestType;
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

export interface SessionHooks {
  /**
   * Asked before an event's params are validated: false drops it unparsed (the hub has counted
   * it against the agent). `raw` is the frame, for work kept for later (a deferred snapshot).
   */
  admit?(session: AgentSession, type: AgentEventType, raw: Buffer | Buffer[]): boolean;
  onEvent(session: AgentSession, e: ParsedEvent): Promise<void>;
  onVersionMismatch(session: AgentSession, message: string): void;
  onClose(session: AgentSession, code: number): void;
}

export class AgentSession {
  readonly connectedAt = new Date();
  private readonly pending = new Map<string, Pending>();
  private refused = 0;
  private events: Promise<void> = Promise.resolve();
  private closed = false;
  private queuedBytes = 0;
  private paused = false;
  /** Rates and violations of this agent (the hub's rules, see limits.ts). */
  readonly limits = new AgentLimits();

  constructor(readonly hostId: string, private readonly ws: WebSocket, private readonly hooks: SessionHooks) {
    ws.on("message", (data: WebSocket.RawData) => this.onFrame(data as Buffer | Buffer[]));
    ws.on("close", (code: number) => this.onClosed(code));
    ws.on("error", (err) => log.warn("hub", "agent socket error", { hostId, error: err.message }));
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  request<T extends RequestType>(type: T, params: RequestParamsInput<T>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RequestResult<T>> {
    if (this.closed) return Promise.reject(new AgentRequestError("unavailable", "the agent is not connected"));
    const id = randomUUID();
    return new Promise<RequestResult<T>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AgentRequestError("timeout", `the agent did not answer ${type} within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.pending.set(id, { type, resolve: resolve as (v: unknown) => void, reject, timer });
      this.ws.send(requestFrame(type, id, params), (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new AgentRequestError("unavailable", `could not send to the agent: ${err.message}`));
      });
    });
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
    // A peer that does not complete the closing handshake is cut off.
    setTimeout(() => this.ws.terminate(), 2_000).unref();
  }

  /** Runs `fn` after the events queued so far (the hub uses it for deferred work on this agent). */
  enqueue(fn: () => Promise<void>): void {
    this.queueEvent(0, fn);
  }

  /**
   * Resolves once the events received so far have been handled, or after `timeoutMs`. Results skip
   * the event queue, so a caller that reads what events delivered (a rollout's log lines) waits for
   * this first: an agent sends its log lines before its result, and they are kept in that order.
   */
  eventsHandled(timeoutMs = EVENTS_SETTLE_TIMEOUT_MS): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.enqueue(async () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Bytes of events waiting for the hub. */
  get backlogBytes(): number {
    return this.queuedBytes;
  }

  private queueEvent(bytes: number, fn: () => Promise<void>): void {
    this.queuedBytes += bytes;
    if (this.queuedBytes > QUEUE_MAX_BYTES) {
      log.warn("hub", "agent overflowed its event queue; cutting it off", { hostId: this.hostId, queuedBytes: this.queuedBytes });
      this.close(1008, "event queue overflow");
      this.queuedBytes -= bytes;
      return;
    }
    if (!this.paused && this.queuedBytes > QUEUE_HIGH_WATER_BYTES) {
      this.paused = true;
      this.ws.pause();
    }
    this.events = this.events
      .then(fn)
      .catch((err: unknown) => log.error("hub", "event handling failed", { hostId: this.hostId, error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        this.queuedBytes -= bytes;
        if (this.paused && this.queuedBytes < QUEUE_LOW_WATER_BYTES) {
          this.paused = false;
          if (!this.closed) this.ws.resume();
        }
      });
  }

  private refuse(id: string | null, error: ProtocolError): void {
    this.refused++;
    log.warn("hub", "refused a frame from an agent", { hostId: this.hostId, code: error.code, error: error.message, refused: this.refused });
    if (!this.closed) this.ws.send(protocolErrorFrame(id, error));
    if (this.refused > MAX_REFUSED_FRAMES) this.close(1008, "too many malformed messages");
  }

  private onFrame(data: Buffer | Buffer[]): void {
    if (this.closed) return;
    const admit = this.hooks.admit;
    const parsed = parseMessage(data, undefined, admit ? (type) => admit(this, type, data) : undefined);
    if (!parsed.ok && parsed.error.code === "rate_limited") return; // dropped unread; already counted
    if (!parsed.ok) {
      if (parsed.error.code === "version_mismatch") this.hooks.onVersionMismatch(this, parsed.error.message);
      this.refuse(parsed.id, parsed.error);
      return;
    }
    const m = parsed.message;
    switch (m.kind) {
      case "result": {
        const p = this.pending.get(m.id);
        if (!p) return this.refuse(m.id, { code: "unknown_type", message: `no request ${m.id} is waiting for a result` });
        this.pending.delete(m.id);
        clearTimeout(p.timer);
        if (!m.ok) return p.reject(new AgentRequestError(m.error.code, m.error.message));
        const r = parseResult(p.type, m.result);
        if (r.ok) p.resolve(r.message);
        else p.reject(new AgentRequestError("malformed", r.error.message));
        return;
      }
      case "event":
        this.queueEvent(frameBytes(data), () => this.hooks.onEvent(this, m));
        return;
      case "protocol/error":
        log.warn("hub", "the agent refused a message", { hostId: this.hostId, code: m.error.code, error: m.error.message });
        if (m.id) {
          const p = this.pending.get(m.id);
          if (p) {
            this.pending.delete(m.id);
            clearTimeout(p.timer);
            p.reject(new AgentRequestError(m.error.code, m.error.message));
          }
        }
        return;
      case "request":
        return this.refuse(m.id, { code: "unknown_type", message: "the control plane does not accept requests from agents" });
    }
  }

  private onClosed(code: number): void {
    if (this.closed) return;
    this.closed = true;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new AgentRequestError("unavailable", "the agent disconnected before answering"));
      this.pending.delete(id);
    }
    this.hooks.onClose(this, code);
  }
}
