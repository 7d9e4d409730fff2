// Container consoles on the agent: Docker exec with a TTY, output batched and rate-capped as
// exec/output events, input and resizes from the control plane, and an end that kills the exec's
// process (Docker leaves it running when only the stream closes). Bounded per agent.
import { readFileSync } from "node:fs";
import type { Duplex } from "node:stream";
import type Docker from "dockerode";
import {
  MAX_EXEC_CHUNK_BYTES,
  MAX_EXEC_OUTPUT_BYTES_PER_S,
  MAX_EXEC_SESSIONS_PER_AGENT,
  type AgentEventParams,
  type RequestParams,
  type RequestResult,
} from "@/lib/protocol";
import { log } from "@/lib/log";
import { AgentError } from "./errors";
import { isManaged } from "./docker/summary";
import type { HandlerContext } from "./handlers";

/** Backstops if the control plane forgets a session: the server's own limits are shorter. */
export const AGENT_EXEC_MAX_MS = 4 * 60 * 60_000;
export const AGENT_EXEC_IDLE_MS = 60 * 60_000;
/** Output is gathered this long before it is sent (fewer, larger frames). */
const FLUSH_MS = 15;
const KILL_TIMEOUT_MS = 5_000;

type Exit = AgentEventParams<"exec/exit">;

interface Live {
  id: string;
  containerId: string;
  docker: Docker;
  exec: Docker.Exec;
  stream: Duplex;
  emit: HandlerContext["emit"];
  pending: Buffer[];
  pendingBytes: number;
  flushTimer: NodeJS.Timeout | undefined;
  /** Output budget: bytes sent in the current one-second window. */
  windowStart: number;
  windowBytes: number;
  lastActive: number;
  startedAt: number;
  ended: boolean;
  endReason: Exit["reason"] | undefined;
}

/** The pid of a host process inside its container's PID namespace (last NSpid entry), if this agent can see it. */
function namespacePid(hostPid: number): number | null {
  try {
    const line = readFileSync(`/proc/${hostPid}/status`, "utf8").split("\n").find((l) => l.startsWith("NSpid:"));
    const last = Number(line?.trim().split(/\s+/).at(-1));
    return Number.isInteger(last) && last > 0 ? last : null;
  } catch {
    return null;
  }
}

/** True when /proc/<pid> is that container's process as this agent sees it (same PID namespace as the host). */
function isContainerProcess(hostPid: number, containerId: string): boolean {
  try {
    return readFileSync(`/proc/${hostPid}/cgroup`, "utf8").includes(containerId);
  } catch {
    return false;
  }
}

export class ExecSessions {
  private readonly sessions = new Map<string, Live>();
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly max = MAX_EXEC_SESSIONS_PER_AGENT) {
    this.sweep = setInterval(() => this.expire(), 10_000);
    this.sweep.unref();
  }

  get count(): number {
    return this.sessions.size;
  }

  async start(p: RequestParams<"exec/start">, ctx: HandlerContext): Promise<RequestResult<"exec/start">> {
    if (!ctx.policy.allowExec) throw new AgentError("policy_denied", "this host's owner turned container consoles off (--deny-exec)");
    if (this.sessions.has(p.sessionId)) throw new AgentError("conflict", "that console session already exists");
    if (this.sessions.size >= this.max) throw new AgentError("rate_limited", `this agent already runs ${this.max} consoles; close one first`);
    const c = ctx.docker.getContainer(p.containerId);
    const info = await c.inspect();
    if (!isManaged(info)) throw new AgentError("not_managed", "consoles open only in containers Homeport manages");
    if (!info.State.Running) throw new AgentError("conflict", `container ${info.Name.replace(/^\//, "")} is not running`);
    const exec = await c.exec({
      Cmd: p.command,
      ...(p.user ? { User: p.user } : {}),
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Env: ["TERM=xterm-256color", `COLUMNS=${p.cols}`, `LINES=${p.rows}`],
    });
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
    const now = Date.now();
    const s: Live = {
      id: p.sessionId, containerId: info.Id, docker: ctx.docker, exec, stream, emit: ctx.emit, pending: [], pendingBytes: 0, flushTimer: undefined,
      windowStart: now, windowBytes: 0, lastActive: now, startedAt: now, ended: false, endReason: undefined,
    };
    this.sessions.set(s.id, s);
    // Not awaited: Docker may hold a resize of a process that failed to start until it times out.
    void exec.resize({ h: p.rows, w: p.cols }).catch(() => undefined);
    stream.on("data", (chunk: Buffer) => this.onOutput(s, chunk));
    stream.on("error", (err) => log.warn("agent", "console stream error", { sessionId: s.id, error: err.message }));
    stream.once("close", () => void this.onEnded(s));
    stream.once("end", () => void this.onEnded(s));
    log.info("agent", "console opened", { sessionId: s.id, containerId: info.Id.slice(0, 12), command: p.command.join(" ") });
    return { sessionId: s.id, execId: exec.id };
  }

  input(p: RequestParams<"exec/input">): RequestResult<"exec/input"> {
    const s = this.get(p.sessionId);
    s.lastActive = Date.now();
    s.stream.write(Buffer.from(p.data, "base64"));
    return {};
  }

  async resize(p: RequestParams<"exec/resize">): Promise<RequestResult<"exec/resize">> {
    const s = this.get(p.sessionId);
    await s.exec.resize({ h: p.rows, w: p.cols }).catch(() => undefined);
    return {};
  }

  async close(sessionId: string, reason: Exit["reason"] = "killed"): Promise<RequestResult<"exec/close">> {
    const s = this.sessions.get(sessionId);
    if (!s) return { killed: false };
    s.endReason ??= reason;
    const killed = await this.kill(s);
    s.stream.destroy();
    await this.onEnded(s);
    return { killed };
  }

  /** Ends every session (the link to the control plane is gone, or the agent stops). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id, "killed")));
  }

  stop(): void {
    clearInterval(this.sweep);
  }

  private get(id: string): Live {
    const s = this.sessions.get(id);
    if (!s || s.ended) throw new AgentError("not_found", "no such console session (it has ended)");
    return s;
  }

  private onOutput(s: Live, chunk: Buffer): void {
    s.lastActive = Date.now();
    s.pending.push(chunk);
    s.pendingBytes += chunk.length;
    if (s.pendingBytes >= MAX_EXEC_CHUNK_BYTES) this.flush(s);
    else s.flushTimer ??= setTimeout(() => this.flush(s), FLUSH_MS);
  }

  private flush(s: Live): void {
    clearTimeout(s.flushTimer);
    s.flushTimer = undefined;
    if (s.pendingBytes === 0) return;
    const all = Buffer.concat(s.pending);
    s.pending = [];
    s.pendingBytes = 0;
    for (let at = 0; at < all.length; at += MAX_EXEC_CHUNK_BYTES) {
      const part = all.subarray(at, at + MAX_EXEC_CHUNK_BYTES);
      if (!s.emit("exec/output", { sessionId: s.id, data: part.toString("base64") })) {
        void this.close(s.id, "error");
        return;
      }
      this.charge(s, part.length);
    }
  }

  /** Counts sent bytes; past the per-second budget the process's output is not read until the next window. */
  private charge(s: Live, bytes: number): void {
    const now = Date.now();
    if (now - s.windowStart >= 1000) {
      s.windowStart = now;
      s.windowBytes = 0;
    }
    s.windowBytes += bytes;
    if (s.windowBytes >= MAX_EXEC_OUTPUT_BYTES_PER_S && !s.stream.isPaused()) {
      s.stream.pause();
      setTimeout(() => { if (!s.ended) s.stream.resume(); }, 1000 - (now - s.windowStart)).unref();
    }
  }

  /** Kills the exec's process: directly when this agent shares the host's PID namespace, else from inside the container. */
  private async kill(s: Live): Promise<boolean> {
    let pid = 0;
    try {
      const info = await s.exec.inspect();
      if (!info.Running) return false;
      pid = info.Pid;
    } catch {
      return false;
    }
    if (pid > 0 && isContainerProcess(pid, s.containerId)) {
      try {
        process.kill(pid, "SIGKILL");
        return true;
      } catch {
        // not allowed from here: try from inside the container
      }
    }
    const inner = pid > 0 ? namespacePid(pid) : null;
    if (!inner) return false;
    try {
      const k = await s.docker.getContainer(s.containerId).exec({ Cmd: ["kill", "-KILL", String(inner)], AttachStdout: false, AttachStderr: false });
      await Promise.race([k.start({ Detach: true }), new Promise((r) => setTimeout(r, KILL_TIMEOUT_MS).unref())]);
      return true;
    } catch {
      return false;
    }
  }

  private async onEnded(s: Live): Promise<void> {
    if (s.ended) return;
    s.ended = true;
    this.flush(s);
    this.sessions.delete(s.id);
    let exitCode: number | null = null;
    try {
      const info = await s.exec.inspect();
      exitCode = info.Running ? null : (info.ExitCode ?? null);
    } catch {
      // the container is gone
    }
    const reason = s.endReason ?? "exited";
    s.emit("exec/exit", { sessionId: s.id, exitCode, reason });
    log.info("agent", "console closed", { sessionId: s.id, reason, exitCode });
  }

  private expire(): void {
    const now = Date.now();
    for (const s of this.sessions.values()) {
      if (now - s.startedAt > AGENT_EXEC_MAX_MS) void this.close(s.id, "max_duration");
      else if (now - s.lastActive > AGENT_EXEC_IDLE_MS) void this.close(s.id, "idle");
    }
  }
}

/** The agent process's consoles (one set, shared by the handler map and the connection). */
export const execSessions = new ExecSessions();
