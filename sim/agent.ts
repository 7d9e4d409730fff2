// One simulated agent: an enrolled identity with a real WebSocket speaking the real protocol
// (hello, snapshot, heartbeats, Docker events, stats, probe results) over made-up containers, and
// answering the hub's requests: reads from its fake state, probe schedules kept, deploys and
// anything else refused with a proper protocol error. Reconnects with the real agent's backoff.
import WebSocket from "ws";
import { createHash } from "node:crypto";
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
  type ParsedRequest,
  type ProtocolError,
  type ScheduledCheckMessage,
} from "@/lib/protocol";
import { backoffDelay, HEARTBEAT_INTERVAL_MS } from "@/agents/connection";

export const SIM_AGENT_VERSION = "0.0.0-sim";
const HANDSHAKE_TIMEOUT_MS = 15_000;
/** Die events carry this marker and a sequence number in their status text, to be found on the event stream. */
export const DIE_MARKER = "sim#";

export interface SimIdentity {
  agentId: string;
  secret: string;
  hostName: string;
}

export interface SimAgentHooks {
  /** The socket opened (connect or reconnect). */
  onOpen?(a: SimAgent): void;
  /** The socket closed; `code` as ws reports it (1006 for a refused upgrade, with `status`). */
  onClose?(a: SimAgent, code: number, status: number | null): void;
  /** A die event was handed to the socket: its sequence number and when. */
  onDieSent?(a: SimAgent, seq: number, at: number): void;
}

export interface SimAgentOptions {
  base: string;
  identity: SimIdentity;
  containers: number;
  /** Loopback source address to dial from (spreads per-address limits); none = the default. */
  localAddress?: string;
  hooks?: SimAgentHooks;
}

/** A made-up container: a stable id per host and index, running. */
export function simContainer(hostId: string, index: number, now = new Date()): ContainerSummary {
  return {
    id: createHash("sha256").update(`${hostId}:${index}`).digest("hex"),
    name: `sim-${index}`,
    image: "busybox:sim",
    state: "running",
    status: "Up",
    health: null,
    exitCode: null,
    managed: false,
    serviceId: null,
    specHash: null,
    ports: [],
    startedAt: now.toISOString(),
    imageDigest: null,
  };
}

const notSimulated = (type: string): ProtocolError => ({ code: "unavailable", message: `a simulated agent does not run ${type}` });

export class SimAgent {
  readonly containers: ContainerSummary[];
  private ws: WebSocket | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private attempt = 0;
  private stopped = false;
  /** Checks the hub scheduled on this agent as a vantage point (chunks gathered per schedule id). */
  private schedule: ScheduledCheckMessage[] = [];
  private incoming: { id: string; checks: ScheduledCheckMessage[] } | null = null;
  /** Requests answered, by type (the fleet reports them). */
  readonly answered = new Map<string, number>();
  refusedUpgrades = 0;

  constructor(private readonly opts: SimAgentOptions) {
    const now = new Date();
    this.containers = Array.from({ length: opts.containers }, (_, i) => simContainer(opts.identity.agentId, i, now));
  }

  get id(): string {
    return this.opts.identity.agentId;
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  get scheduledChecks(): readonly ScheduledCheckMessage[] {
    return this.schedule;
  }

  start(): void {
    this.stopped = false;
    this.dial();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    this.ws?.terminate();
  }

  /** Drops the link at once, as a network cut would (no closing handshake); it comes back by itself. */
  drop(): void {
    this.ws?.terminate();
  }

  send<T extends AgentEventType>(type: T, params: AgentEventParams<T>): boolean {
    if (!this.connected) return false;
    this.ws!.send(eventFrame(type, params));
    return true;
  }

  /** A container changes state (churn); die events are numbered with `seq` in their status text. */
  change(index: number, action: "die" | "stop" | "start" | "restart", seq: number): boolean {
    const c = this.containers[index];
    if (!c || !this.connected) return false;
    const now = new Date().toISOString();
    if (action === "die" || action === "stop") {
      Object.assign(c, { state: "exited", exitCode: action === "die" ? 137 : 0, status: action === "die" ? `Exited (137) ${DIE_MARKER}${seq}` : "Exited (0)" });
    } else {
      Object.assign(c, { state: "running", exitCode: null, status: "Up", startedAt: now });
    }
    const ok = this.send("docker/event", { action, containerId: c.id, at: now, container: { ...c } });
    if (ok && action === "die") this.opts.hooks?.onDieSent?.(this, seq, performance.now());
    return ok;
  }

  sendStats(): boolean {
    const at = new Date().toISOString();
    const samples = this.containers
      .filter((c) => c.state === "running")
      .slice(0, 500)
      .map((c) => ({ containerId: c.id, serviceId: null, cpuPercent: Math.random() * 5, memoryBytes: 20e6 + Math.random() * 1e6, memoryLimitBytes: 512e6, at }));
    return samples.length > 0 && this.send("stats/sample", { samples });
  }

  /** Results for (up to `max`) checks the hub scheduled here: false when none is scheduled. */
  sendProbeResults(max = 20): boolean {
    if (this.schedule.length === 0) return false;
    const at = new Date().toISOString();
    const results = this.schedule.slice(0, max).map((c) => ({
      checkId: c.id, at, ok: true, errorClass: null, message: null, latencyMs: 3, statusCode: 200, tls: null, answers: null, fingerprint: null,
      timing: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 2 },
    }));
    return this.send("probe/results", { results });
  }

  private dial(): void {
    const url = this.opts.base.replace(/^http/, "ws") + AGENT_WS_PATH;
    const { agentId, secret } = this.opts.identity;
    const ws = new WebSocket(url, {
      headers: { authorization: `Bearer ${agentId}.${secret}` },
      maxPayload: MAX_MESSAGE_BYTES,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      ...(this.opts.localAddress ? { localAddress: this.opts.localAddress } : {}),
    });
    this.ws = ws;
    let status: number | null = null;
    ws.on("open", () => {
      this.attempt = 0;
      this.greet();
      this.heartbeat = setInterval(() => this.send("agent/heartbeat", { at: new Date().toISOString() }), HEARTBEAT_INTERVAL_MS);
      this.opts.hooks?.onOpen?.(this);
    });
    ws.on("message", (data: WebSocket.RawData) => this.onFrame(ws, data as Buffer));
    ws.on("unexpected-response", (_req, res) => {
      status = res.statusCode ?? null;
      this.refusedUpgrades++;
      ws.terminate();
    });
    ws.on("error", () => {}); // the close that follows says it
    ws.on("close", (code: number) => {
      if (this.ws !== ws) return;
      clearInterval(this.heartbeat);
      this.opts.hooks?.onClose?.(this, code, status);
      if (this.stopped) return;
      this.retry = setTimeout(() => this.dial(), backoffDelay(this.attempt++));
    });
  }

  private greet(): void {
    this.send("agent/hello", {
      agentVersion: SIM_AGENT_VERSION,
      protocolVersion: PROTOCOL_VERSION,
      hostname: this.opts.identity.hostName,
      docker: { serverVersion: "sim", apiVersion: "1.45", os: "simulated", arch: "x86_64", containers: this.containers.length, images: 1 },
    });
    this.send("agent/snapshot", { at: new Date().toISOString(), containers: this.containers.map((c) => ({ ...c })) });
  }

  private onFrame(ws: WebSocket, data: Buffer): void {
    const parsed = parseMessage(data);
    if (!parsed.ok) {
      ws.send(parsed.id ? errorResultFrame(parsed.id, parsed.error) : protocolErrorFrame(null, parsed.error));
      return;
    }
    const m = parsed.message;
    if (m.kind === "protocol/error") return;
    if (m.kind !== "request") {
      ws.send(protocolErrorFrame(null, { code: "unknown_type", message: `an agent does not accept ${m.kind} messages` }));
      return;
    }
    this.answered.set(m.type, (this.answered.get(m.type) ?? 0) + 1);
    const answer = this.answer(m);
    if (ws.readyState === WebSocket.OPEN) ws.send("error" in answer ? errorResultFrame(m.id, answer.error) : resultFrame(m.id, answer.result));
  }

  private find(containerId: string): ContainerSummary | undefined {
    return this.containers.find((c) => c.id === containerId || c.id.startsWith(containerId));
  }

  private answer(m: ParsedRequest): { result: unknown } | { error: ProtocolError } {
    const missing = { error: { code: "not_found", message: "no such container" } as ProtocolError };
    switch (m.type) {
      case "container/list":
        return { result: { containers: this.containers } };
      case "container/inspect": {
        const c = this.find(m.params.containerId);
        return c ? { result: { container: c, command: [], env: [], restartCount: 0, networks: ["bridge"] } } : missing;
      }
      case "container/stats": {
        const c = this.find(m.params.containerId);
        return c ? { result: { containerId: c.id, serviceId: null, cpuPercent: 1, memoryBytes: 20e6, memoryLimitBytes: 512e6, at: new Date().toISOString() } } : missing;
      }
      case "container/logs":
        return this.find(m.params.containerId) ? { result: { lines: [] } } : missing;
      case "image/list":
        return { result: { images: [{ id: "sha256:sim", tags: ["busybox:sim"], sizeBytes: 1_000_000, createdAt: new Date(0).toISOString() }] } };
      case "deploy/outcomes":
        return { result: { outcomes: m.params.deploymentIds.map((deploymentId) => ({ deploymentId, status: "unknown", containerId: null, error: null })) } };
      case "probe/schedule":
        return { result: this.takeSchedule(m.params) };
      case "container/start":
      case "container/stop":
      case "container/restart": {
        const i = this.containers.findIndex((c) => c.id === m.params.containerId);
        if (i < 0) return missing;
        return { error: { code: "not_managed", message: "the simulated containers are not Homeport-managed" } };
      }
      default:
        return { error: notSimulated(m.type) };
    }
  }

  private takeSchedule(p: Extract<ParsedRequest, { type: "probe/schedule" }>["params"]): { applied: boolean; checks: number } {
    if (!this.incoming || this.incoming.id !== p.scheduleId || p.chunk === 0) this.incoming = { id: p.scheduleId, checks: [] };
    this.incoming.checks.push(...p.checks);
    if (p.chunk < p.chunks - 1) return { applied: false, checks: this.incoming.checks.length };
    this.schedule = this.incoming.checks;
    this.incoming = null;
    return { applied: true, checks: this.schedule.length };
  }
}
