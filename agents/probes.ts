// The agent as a vantage point: runs checks with the probe engine (lib/probes/engine — pure Node,
// no database), once on `probe/run` or on the engine's ProbeScheduler when the control plane
// pushes a schedule (`probe/schedule`), and pushes what the scheduled probes found as
// `probe/results` events in batches. No Docker is involved.
import {
  MAX_PROBE_RESULTS_PER_EVENT,
  MAX_PROBE_RUN_CHECKS,
  PROBE_FRAME_BUDGET_BYTES,
  type AgentEventParams,
  type AgentEventType,
  type RequestParams,
  type RequestResult,
} from "@/lib/protocol";
import { ProbeScheduler, runCheck, type CheckResult, type CompletedRun, type ScheduledCheck, type VantageResult } from "@/lib/probes/engine";
import { log } from "@/lib/log";
import { AgentError } from "./errors";

/** Scheduled results are pushed at least this often (sooner when a batch fills up). */
export const PROBE_FLUSH_INTERVAL_MS = 1_000;
/** Results kept while they cannot be sent fast enough; the oldest are dropped beyond this. */
export const MAX_BUFFERED_RESULTS = 20_000;
/** A newly scheduled check first runs within this long (not up to a whole interval later). */
export const FIRST_RUN_SPREAD_MS = 5_000;
/** Probes in flight at once on an agent. */
export const AGENT_PROBE_CONCURRENCY = 64;
/** An unfinished chunked schedule is forgotten after this long. */
const STAGED_SCHEDULE_TTL_MS = 60_000;
/** DNS answers kept per result, and their length: keeps one result far below a frame. */
const MAX_ANSWERS = 32;
const MAX_ANSWER_CHARS = 256;
const MAX_MESSAGE_CHARS = 500;

type Emit = <T extends AgentEventType>(type: T, params: AgentEventParams<T>) => void;

/** A result trimmed so that any one of them fits comfortably in a `probe/results` frame. */
export function compactResult(r: CheckResult): CheckResult {
  return {
    ...r,
    message: r.message?.slice(0, MAX_MESSAGE_CHARS) ?? null,
    answers: r.answers?.slice(0, MAX_ANSWERS).map((a) => a.slice(0, MAX_ANSWER_CHARS)) ?? null,
  };
}

/**
 * Splits results into `probe/results` batches: at most MAX_PROBE_RESULTS_PER_EVENT each and about
 * PROBE_FRAME_BUDGET_BYTES serialized (a batch always holds at least one result).
 */
export function batchResults(results: VantageResult[]): VantageResult[][] {
  const batches: VantageResult[][] = [];
  let current: VantageResult[] = [];
  let bytes = 0;
  for (const r of results) {
    const size = Buffer.byteLength(JSON.stringify(r)) + 1;
    if (current.length > 0 && (current.length >= MAX_PROBE_RESULTS_PER_EVENT || bytes + size > PROBE_FRAME_BUDGET_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The agent's probe runtime: one scheduler and one result buffer for the agent's lifetime. */
export class AgentProber {
  private scheduler: ProbeScheduler | null = null;
  private buffer: VantageResult[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private staged: { id: string; chunks: (ScheduledCheck[] | undefined)[]; at: number } | null = null;
  dropped = 0;

  constructor(private readonly emit: Emit) {}

  /** Runs checks once, in parallel; one result per check, in order. */
  async runOnce(params: RequestParams<"probe/run">): Promise<RequestResult<"probe/run">> {
    if (params.checks.length > MAX_PROBE_RUN_CHECKS) throw new AgentError("invalid_params", `at most ${MAX_PROBE_RUN_CHECKS} checks per probe/run`);
    const results = await Promise.all(params.checks.map((c) => runCheck(c.spec, { timeoutMs: c.timeoutMs })));
    return { results: results.map(compactResult) };
  }

  /**
   * Takes one chunk of a schedule. When the last chunk of a schedule has arrived, the schedule
   * replaces the previous one (unchanged checks keep their phase). A chunk of another schedule
   * starts over: the control plane only sends a newer schedule once it means it.
   */
  applyChunk(params: RequestParams<"probe/schedule">): RequestResult<"probe/schedule"> {
    const now = Date.now();
    if (!this.staged || this.staged.id !== params.scheduleId || now - this.staged.at > STAGED_SCHEDULE_TTL_MS || this.staged.chunks.length !== params.chunks) {
      this.staged = { id: params.scheduleId, chunks: new Array<ScheduledCheck[] | undefined>(params.chunks).fill(undefined), at: now };
    }
    this.staged.chunks[params.chunk] = params.checks;
    const received = this.staged.chunks.filter((c) => c !== undefined);
    if (received.length < params.chunks) return { applied: false, checks: received.reduce((n, c) => n + c.length, 0) };
    const checks = received.flat();
    this.staged = null;
    const scheduler = this.ensureScheduler();
    scheduler.replaceAll(checks);
    log.info("agent", "probe schedule applied", { scheduleId: params.scheduleId, checks: checks.length });
    return { applied: true, checks: scheduler.stats().checks };
  }

  async stop(): Promise<void> {
    await this.scheduler?.stop();
    this.scheduler = null;
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.flushTimer = null;
    this.flush();
  }

  private ensureScheduler(): ProbeScheduler {
    if (this.scheduler) return this.scheduler;
    this.scheduler = new ProbeScheduler({
      concurrency: AGENT_PROBE_CONCURRENCY,
      maxInitialDelayMs: FIRST_RUN_SPREAD_MS,
      onResult: (run) => this.add(run),
      onError: (err) => log.warn("agent", "probe run failed", { error: err instanceof Error ? err.message : String(err) }),
    });
    this.scheduler.start();
    this.flushTimer = setInterval(() => this.flush(), PROBE_FLUSH_INTERVAL_MS);
    this.flushTimer.unref();
    return this.scheduler;
  }

  private add(run: CompletedRun): void {
    if (this.buffer.length >= MAX_BUFFERED_RESULTS) {
      this.buffer.shift();
      this.dropped++;
    }
    this.buffer.push({ checkId: run.checkId, at: run.at.toISOString(), ...compactResult(run.result) });
    if (this.buffer.length >= MAX_PROBE_RESULTS_PER_EVENT) this.flush();
  }

  /** Pushes everything buffered. While the agent is offline the connection drops events; the
   *  next schedule (sent on reconnect) and the next results cover the gap. */
  private flush(): void {
    if (this.buffer.length === 0) return;
    const results = this.buffer;
    this.buffer = [];
    for (const batch of batchResults(results)) this.emit("probe/results", { results: batch });
  }
}

let prober: AgentProber | null = null;

/** The process's prober, created on first use with the connection's emit. */
export function agentProber(emit: Emit): AgentProber {
  prober ??= new AgentProber(emit);
  return prober;
}

/** Stops scheduled probing (agent shutdown). */
export async function stopAgentProber(): Promise<void> {
  await prober?.stop();
  prober = null;
}

/** The protocol handlers for probes, registered in handlers.ts. */
export const probeHandlers = {
  "probe/run": async (params: RequestParams<"probe/run">, ctx: { emit: Emit }): Promise<RequestResult<"probe/run">> => agentProber(ctx.emit).runOnce(params),
  "probe/schedule": async (params: RequestParams<"probe/schedule">, ctx: { emit: Emit }): Promise<RequestResult<"probe/schedule">> => agentProber(ctx.emit).applyChunk(params),
};
