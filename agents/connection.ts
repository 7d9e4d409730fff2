// AgentConnection: the agent's one WebSocket to the control plane. Dials out, authenticates with
// its id and secret, sends hello + a full snapshot on every (re)connect, heartbeats, answers
// requests through the handler map, and reconnects with exponential backoff and full jitter.
import { swarmInfoOf } from "./swarm";
import WebSocket from "ws";
import type Docker from "dockerode";
import { hostname as osHostname } from "node:os";
import {
  AGENT_WS_PATH,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  errorResultFrame,
  eventFrame,
  parseMessage,
  protocolErrorFrame,
  resultFrame,
  type AgentEventParams,
  type AgentEventType,
  type ContainerSummary,
  type DockerInfo,
  type HostPolicy,
  type ParsedRequest,
} from "@/lib/protocol";
import { log } from "@/lib/log";
import { handlers, type HandlerContext } from "./handlers";
import { stopLogStreams } from "./logs";
import { toProtocolError } from "./errors";
import { listSummaries } from "./docker/summary";
import { AGENT_VERSION } from "./version";
import type { RolloutLocks } from "./rollouts";
import type { Deadman } from "./deadman";

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** No traffic from the server for this long → the link is dead; reconnect. */
export const SILENCE_TIMEOUT_MS = 3 * HEARTBEAT_INTERVAL_MS;
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
/** Close codes after which retrying soon is pointless (revoked, unknown agent, version mismatch). */
const SLOW_RETRY_CODES = new Set([4401, 4403, 4409]);

export function backoffDelay(attempt: number, random = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

export interface AgentConnectionOptions {
  server: string;
  agentId: string;
  secret: string;
  docker: Docker;
  hostname?: string;
  /** The agent's state directory (credentials, and the files file/write manages). */
  stateDir: string;
  /** Called with every snapshot sent (the event watcher keeps it as its last known state). */
  onSnapshot?: (containers: ContainerSummary[]) => void;
  /** Called each time the link closes (the prober starts keeping its results). */
  onLinkDown?: () => void;
  /** The host's local policy; reported in hello and enforced by the handlers. */
  policy: HostPolicy;
  /** Rollouts under way (shared with start-up recovery). */
  locks: RolloutLocks;
  /** The dead-man's switch: faults and firewall changes in force, each undone at its deadline. */
  deadman: Deadman;
}

export class AgentConnection {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private stopped = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private lastHeard = 0;
  /** While set (a "cut-agent" game day), the agent stays away until this time. */
  private heldOffUntil = 0;
  private readonly ctx: HandlerContext;

  constructor(private readonly opts: AgentConnectionOptions) {
    this.ctx = {
      docker: opts.docker,
      emit: (type, params, onFailed) => this.send(type, params, onFailed),
      stateDir: opts.stateDir,
      policy: opts.policy,
      locks: opts.locks,
      deadman: opts.deadman,
      link: { holdOff: (untilMs) => this.holdOff(untilMs), resume: () => this.resume() },
    };
  }

  /** Drops the link and stays away until `untilMs` (the reply to the asking request goes out first). */
  holdOff(untilMs: number): void {
    this.heldOffUntil = untilMs;
    const ws = this.ws;
    setTimeout(() => ws?.close(1001, "game day: agent cut off"), 50);
  }

  /** Ends a hold-off (the fault was reverted) and, if the link is down, dials now instead of at the next backoff. */
  resume(): void {
    this.heldOffUntil = 0;
    if (this.stopped || this.connected || this.ws?.readyState === WebSocket.CONNECTING) return;
    clearTimeout(this.retry);
    this.dial();
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.dial();
  }

  /**
   * Sends a pushed event if connected (Docker events missed while offline are covered by the next
   * snapshot; probe results are kept by the prober). False when not connected; `onFailed` is
   * called if the socket could not write the frame after all.
   */
  send<T extends AgentEventType>(type: T, params: AgentEventParams<T>, onFailed?: (err: Error) => void): boolean {
    if (!this.connected) return false;
    this.ws!.send(eventFrame(type, params), onFailed && ((err) => err && onFailed(err)));
    return true;
  }

  async sendSnapshot(): Promise<void> {
    try {
      const containers = await listSummaries(this.opts.docker);
      this.opts.onSnapshot?.(containers);
      this.send("agent/snapshot", { at: new Date().toISOString(), containers });
    } catch (err) {
      log.warn("agent", "could not list containers for the snapshot", { error: err instanceof Error ? err.message : String(err) });
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    this.ws?.close(1001, "agent stopping");
  }

  private dial(): void {
    const url = this.opts.server.replace(/^http/, "ws") + AGENT_WS_PATH;
    const ws = new WebSocket(url, {
      headers: { authorization: `Bearer ${this.opts.agentId}.${this.opts.secret}` },
      maxPayload: MAX_MESSAGE_BYTES,
      handshakeTimeout: 10_000,
    });
    this.ws = ws;
    ws.on("open", () => {
      this.attempt = 0;
      this.lastHeard = Date.now();
      log.info("agent", "connected to the control plane", { url, agentId: this.opts.agentId });
      void this.greet();
      this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_INTERVAL_MS);
    });
    ws.on("message", (data: WebSocket.RawData) => {
      this.lastHeard = Date.now();
      void this.onFrame(data);
    });
    ws.on("pong", () => { this.lastHeard = Date.now(); });
    ws.on("unexpected-response", (_req, res) => {
      log.warn("agent", "the control plane refused the connection", { status: res.statusCode });
      ws.emit("close", res.statusCode === 401 ? 4401 : res.statusCode === 403 ? 4403 : 1006, Buffer.from(""));
      ws.terminate();
    });
    ws.on("error", (err) => log.warn("agent", "connection error", { error: err.message }));
    let closed = false;
    ws.on("close", (code: number, reason: Buffer) => {
      if (closed) return;
      closed = true;
      clearInterval(this.heartbeat);
      stopLogStreams(this.ctx);
      this.opts.onLinkDown?.();
      if (this.stopped) return;
      const held = this.heldOffUntil - Date.now();
      const delay = held > 0 ? held : SLOW_RETRY_CODES.has(code) ? BACKOFF_MAX_MS : backoffDelay(this.attempt++);
      log.warn("agent", "disconnected; will retry", { code, reason: reason.toString().slice(0, 200), retryInMs: delay });
      this.retry = setTimeout(() => this.dial(), delay);
    });
  }

  private async greet(): Promise<void> {
    let docker: DockerInfo | null = null;
    try {
      const [info, version] = await Promise.all([this.opts.docker.info(), this.opts.docker.version()]);
      docker = {
        serverVersion: String(version.Version ?? info.ServerVersion ?? "?"),
        apiVersion: String(version.ApiVersion ?? "?"),
        os: String(info.OperatingSystem ?? "?").slice(0, 128),
        arch: String(info.Architecture ?? "?").slice(0, 32),
        containers: Number(info.Containers ?? 0),
        images: Number(info.Images ?? 0),
        swarm: swarmInfoOf(info),
      };
    } catch (err) {
      log.warn("agent", "the Docker engine does not answer", { error: err instanceof Error ? err.message : String(err) });
    }
    this.send("agent/hello", { agentVersion: AGENT_VERSION, protocolVersion: PROTOCOL_VERSION, hostname: this.opts.hostname ?? osHostname(), docker, policy: this.opts.policy });
    await this.sendSnapshot();
  }

  private beat(): void {
    if (Date.now() - this.lastHeard > SILENCE_TIMEOUT_MS) {
      log.warn("agent", "no answer from the control plane; reconnecting");
      this.ws?.terminate();
      return;
    }
    this.send("agent/heartbeat", { at: new Date().toISOString() });
    this.ws?.ping();
  }

  private async onFrame(data: WebSocket.RawData): Promise<void> {
    const parsed = parseMessage(data as Buffer | Buffer[]);
    const ws = this.ws;
    if (!ws) return;
    if (!parsed.ok) {
      log.warn("agent", "refused a message from the control plane", { code: parsed.error.code, error: parsed.error.message });
      ws.send(parsed.id ? errorResultFrame(parsed.id, parsed.error) : protocolErrorFrame(null, parsed.error));
      return;
    }
    const m = parsed.message;
    if (m.kind === "protocol/error") {
      log.warn("agent", "the control plane refused a message", { code: m.error.code, error: m.error.message });
      return;
    }
    if (m.kind !== "request") {
      ws.send(protocolErrorFrame(null, { code: "unknown_type", message: `an agent does not accept ${m.kind} messages` }));
      return;
    }
    const frame = await this.run(m);
    if (Buffer.byteLength(frame) > MAX_MESSAGE_BYTES) {
      ws.send(errorResultFrame(m.id, { code: "too_large", message: `the ${m.type} result exceeds ${MAX_MESSAGE_BYTES} bytes` }));
    } else if (ws.readyState === WebSocket.OPEN) {
      ws.send(frame);
    }
  }

  private async run(m: ParsedRequest): Promise<string> {
    const started = Date.now();
    try {
      const handler = handlers[m.type] as (p: typeof m.params, c: HandlerContext) => Promise<unknown>;
      const result = await handler(m.params, this.ctx);
      log.info("agent", "request done", { type: m.type, id: m.id, ms: Date.now() - started });
      return resultFrame(m.id, result);
    } catch (err) {
      const e = toProtocolError(err);
      log.warn("agent", "request failed", { type: m.type, id: m.id, code: e.code, error: e.message });
      return errorResultFrame(m.id, e);
    }
  }
}
