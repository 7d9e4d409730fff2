// Console sessions on the control plane: a browser WebSocket (after exec-tickets checks it) joined
// to an exec on the agent. Output goes to the browser as binary frames, keystrokes and resizes to
// the agent; each session is audited at start and end (never its keystrokes) and ends on exit,
// browser close, agent loss, idle time or maximum duration, killing the exec's process.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { randomBytes } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { recordAudit } from "@/lib/audit";
import { MAX_EXEC_CHUNK_BYTES, MAX_EXEC_SESSIONS_PER_AGENT, TermSizeSchema, type AgentEventParams } from "@/lib/protocol";
import type { AgentSession } from "./session";
import { setExecEventSink, type ExecEventSink } from "./exec-events";
import { TokenBucket } from "./limits";
import { authorizeUpgrade, ExecTickets, type ExecTicket } from "./exec-tickets";

export const EXEC_IDLE_MS = 15 * 60_000;
export const EXEC_MAX_MS = 2 * 60 * 60_000;
/** Output waiting in a browser socket beyond which the browser is too slow and the session ends. */
export const MAX_BROWSER_BUFFER_BYTES = 4 * 1024 * 1024;
const SWEEP_MS = 2_000;
/** Browser frames per second one console takes (keystrokes and resizes; a paste is one frame). */
export const CONSOLE_INPUT_RATE = { perSecond: 100, burst: 300 } as const;
const START_TIMEOUT_MS = 15_000;

/** What the browser sends: keystrokes (text) and its terminal size. */
export const ConsoleClientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("input"), data: z.string().min(1).max(MAX_EXEC_CHUNK_BYTES / 4) }),
  TermSizeSchema.extend({ type: z.literal("resize") }),
]);
/** What the server sends as text frames (output travels as binary frames). */
export type ConsoleServerMessage =
  | { type: "ready"; container: string; command: string[] }
  | { type: "exit"; exitCode: number | null; reason: string };

type EndReason = "exited" | "closed" | "idle" | "max_duration" | "agent_lost" | "slow_client" | "flooding" | "error";

interface Console {
  id: string;
  ticket: ExecTicket;
  ws: WebSocket;
  agent: AgentSession;
  startedAt: number;
  lastActive: number;
  ended: boolean;
  input: TokenBucket;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class ExecSessionManager implements ExecEventSink {
  readonly tickets = new ExecTickets();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly consoles = new Map<string, Console>();
  private readonly sweep: NodeJS.Timeout;

  /** `agentOf`: the connected agent session of a host (the hub's), if any. */
  constructor(private readonly db: () => Db, private readonly agentOf: (hostId: string) => AgentSession | undefined) {
    this.sweep = setInterval(() => this.expire(), SWEEP_MS);
    this.sweep.unref();
  }

  /** Consoles open for one user (for the per-user limit). */
  openFor(userId: string): number {
    return [...this.consoles.values()].filter((c) => c.ticket.userId === userId).length;
  }

  get open(): number {
    return this.consoles.size;
  }

  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    let auth;
    try {
      auth = await authorizeUpgrade(this.db(), req, this.tickets);
    } catch (err) {
      log.error("exec", "console authentication failed", { error: errorText(err) });
      auth = { ok: false as const, status: 500, reason: "internal error" };
    }
    if (!auth.ok) {
      const body = JSON.stringify({ error: { code: auth.status === 401 ? "unauthorized" : "forbidden", message: auth.reason } });
      socket.end(`HTTP/1.1 ${auth.status} ${auth.status === 401 ? "Unauthorized" : "Forbidden"}\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    const ticket = auth.ticket;
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.begin(ticket, ws));
  }

  private async begin(ticket: ExecTicket, ws: WebSocket): Promise<void> {
    const refuse = (message: string) => {
      this.sendText(ws, { type: "exit", exitCode: null, reason: message });
      ws.close(1011, message.slice(0, 120));
    };
    const agent = this.agentOf(ticket.hostId);
    if (!agent) return refuse("the host's agent is not connected");
    const onHost = [...this.consoles.values()].filter((c) => c.ticket.hostId === ticket.hostId).length;
    if (onHost >= MAX_EXEC_SESSIONS_PER_AGENT) return refuse(`this host already runs ${MAX_EXEC_SESSIONS_PER_AGENT} consoles`);
    const id = randomBytes(12).toString("base64url");
    const now = Date.now();
    const c: Console = { id, ticket, ws, agent, startedAt: now, lastActive: now, ended: false, input: new TokenBucket(CONSOLE_INPUT_RATE.perSecond, CONSOLE_INPUT_RATE.burst) };
    this.consoles.set(id, c);
    ws.on("message", (data, isBinary) => this.onBrowser(c, data as Buffer, isBinary));
    ws.on("close", () => void this.end(c, "closed"));
    ws.on("error", (err) => log.warn("exec", "console socket error", { sessionId: id, error: err.message }));
    const { input } = ticket;
    try {
      await agent.request("exec/start", { sessionId: id, containerId: ticket.containerId, capability: "exec", command: input.command, cols: input.cols, rows: input.rows, ...(input.user ? { user: input.user } : {}) }, START_TIMEOUT_MS);
    } catch (err) {
      this.consoles.delete(id);
      c.ended = true;
      return refuse(`the agent refused: ${errorText(err)}`);
    }
    await this.audit(c, "service.console.open", {}).catch((err: unknown) => log.warn("exec", "could not audit a console", { error: errorText(err) }));
    if (c.ended || ws.readyState !== ws.OPEN) {
      // The browser went away while the exec started: end it on the agent too.
      return void this.end(c, "closed", true);
    }
    this.sendText(ws, { type: "ready", container: ticket.containerName, command: input.command });
  }

  private onBrowser(c: Console, data: Buffer, isBinary: boolean): void {
    if (c.ended) return;
    if (!c.input.take()) return void this.end(c, "flooding");
    let msg;
    try {
      msg = ConsoleClientMessageSchema.safeParse(JSON.parse(isBinary ? "" : data.toString("utf8")));
    } catch {
      msg = null;
    }
    if (!msg?.success) {
      this.sendText(c.ws, { type: "exit", exitCode: null, reason: "the browser sent a malformed message" });
      return void this.end(c, "error");
    }
    c.lastActive = Date.now();
    const m = msg.data;
    const send = m.type === "input"
      ? c.agent.request("exec/input", { sessionId: c.id, data: Buffer.from(m.data, "utf8").toString("base64") })
      : c.agent.request("exec/resize", { sessionId: c.id, cols: m.cols, rows: m.rows });
    send.catch((err: unknown) => log.warn("exec", "console input not delivered", { sessionId: c.id, error: errorText(err) }));
  }

  /** exec/output from an agent: forwarded to the browser when the session is that agent's. */
  onOutput(from: AgentSession, p: AgentEventParams<"exec/output">): void {
    const c = this.consoles.get(p.sessionId);
    if (!c || c.ended || c.agent !== from) return;
    c.lastActive = Date.now();
    if (c.ws.bufferedAmount > MAX_BROWSER_BUFFER_BYTES) return void this.end(c, "slow_client");
    c.ws.send(Buffer.from(p.data, "base64"), { binary: true });
  }

  onExit(from: AgentSession, p: AgentEventParams<"exec/exit">): void {
    const c = this.consoles.get(p.sessionId);
    if (!c || c.agent !== from) return;
    this.sendText(c.ws, { type: "exit", exitCode: p.exitCode, reason: p.reason === "exited" ? "the process exited" : `ended on the agent (${p.reason})` });
    void this.end(c, "exited", false, p.exitCode);
  }

  /** Ends a console once: the agent kills the exec (unless it already ended there), the browser is closed, the end audited. */
  private async end(c: Console, reason: EndReason, force = false, exitCode: number | null = null): Promise<void> {
    if (c.ended && !force) return;
    c.ended = true;
    this.consoles.delete(c.id);
    if (reason !== "exited" && c.agent.isOpen) {
      await c.agent.request("exec/close", { sessionId: c.id }).catch((err: unknown) => log.warn("exec", "could not close a console on the agent", { sessionId: c.id, error: errorText(err) }));
    }
    if (c.ws.readyState === c.ws.OPEN) {
      if (reason !== "exited" && reason !== "closed") this.sendText(c.ws, { type: "exit", exitCode: null, reason: REASON_TEXT[reason] });
      c.ws.close(1000, reason);
    }
    await this.audit(c, "service.console.close", { reason, exitCode, seconds: Math.round((Date.now() - c.startedAt) / 1000) }).catch((err: unknown) =>
      log.warn("exec", "could not audit a console's end", { error: errorText(err) }));
  }

  private audit(c: Console, action: string, extra: Record<string, unknown>): Promise<void> {
    const t = c.ticket;
    return recordAudit(this.db(), {
      actor: t.actor,
      action,
      target: { type: "service", id: t.serviceId },
      details: { name: t.serviceName, hostId: t.hostId, containerId: t.containerId, container: t.containerName, command: t.input.command, user: t.input.user ?? null, session: c.id, ...extra },
      meta: t.meta,
    });
  }

  private sendText(ws: WebSocket, m: ConsoleServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  }

  private expire(): void {
    const now = Date.now();
    for (const c of this.consoles.values()) {
      if (!c.agent.isOpen) void this.end(c, "agent_lost");
      else if (now - c.startedAt > EXEC_MAX_MS) void this.end(c, "max_duration");
      else if (now - c.lastActive > EXEC_IDLE_MS) void this.end(c, "idle");
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.sweep);
    await Promise.all([...this.consoles.values()].map((c) => this.end(c, "closed")));
    this.wss.close();
  }
}

const REASON_TEXT: Record<EndReason, string> = {
  exited: "the process exited",
  closed: "closed",
  idle: `closed after ${EXEC_IDLE_MS / 60_000} minutes without activity`,
  max_duration: `closed after the longest a console may stay open (${EXEC_MAX_MS / 3_600_000} h)`,
  agent_lost: "the host's agent disconnected",
  slow_client: "this browser could not keep up with the output",
  flooding: "closed: input arrived faster than anyone types",
  error: "ended after an error",
};

type GlobalWithExec = typeof globalThis & { __homeportExecSessions?: ExecSessionManager };

/** The process's console manager (server.ts and the exec route share it through globalThis). */
export function getExecSessions(db: () => Db, agentOf: (hostId: string) => AgentSession | undefined): ExecSessionManager {
  const g = globalThis as GlobalWithExec;
  if (!g.__homeportExecSessions) {
    g.__homeportExecSessions = new ExecSessionManager(db, agentOf);
    setExecEventSink(g.__homeportExecSessions);
  }
  return g.__homeportExecSessions;
}

export function findExecSessions(): ExecSessionManager | undefined {
  return (globalThis as GlobalWithExec).__homeportExecSessions;
}

export async function stopExecSessions(): Promise<void> {
  const g = globalThis as GlobalWithExec;
  await g.__homeportExecSessions?.stop();
  g.__homeportExecSessions = undefined;
  setExecEventSink(undefined);
}
