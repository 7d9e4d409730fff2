// The agent as a vantage point: runs checks with the probe engine (lib/probes/engine — pure Node,
// no database), once on `probe/run` or on the engine's ProbeScheduler when the control plane
// pushes a schedule (`probe/schedule`), and pushes what the scheduled probes found as
// `probe/results` events in batches. Only the egress proof uses Docker (to find its container).
//
// Offline, the scheduler keeps probing on the last schedule and the results wait in a bounded
// buffer (agents/offline-buffer.ts). They go out once the control plane has pushed a schedule
// again after the reconnect — it only accepts results for checks it has scheduled on the host —
// oldest first, in batches under the frame budget, the first one saying how many were dropped.
import {
  MAX_PROBE_RESULTS_PER_EVENT,
  MAX_PROBE_RUN_CHECKS,
  PROBE_FRAME_BUDGET_BYTES,
  type AgentEventParams,
  type AgentEventType,
  type RequestParams,
  type RequestResult,
} from "@/lib/protocol";
import { ProbeScheduler, runCheck, type CheckResult, type CheckSpec, type CompletedRun, type RunOptions, type ScheduledCheck, type VantageResult } from "@/lib/probes/engine";
import { log } from "@/lib/log";
import { AgentError } from "./errors";
import { OfflineResultBuffer } from "./offline-buffer";
import type Docker from "dockerode";
import { proveEgress } from "./egress-proof";

/**
 * What runs one check on this agent: the probe engine, except the egress proof, which needs the
 * host's Docker engine to find the service's container (agents/egress-proof.ts).
 */
export function agentRunner(docker: Docker | undefined): (spec: CheckSpec, opts: RunOptions) => Promise<CheckResult> {
  return (spec, opts) => (spec.type === "egress" && docker ? proveEgress(docker, spec.target, opts) : runCheck(spec, opts));
}

/** Scheduled results are pushed at least this often (sooner when a batch fills up). */
export const PROBE_FLUSH_INTERVAL_MS = 1_000;
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

/**
 * Sends an event: false when there is no link to send it on (nothing was sent); `onFailed` is
 * called later if the frame was handed to the socket but could not be written.
 */
export type Emit = <T extends AgentEventType>(type: T, params: AgentEventParams<T>, onFailed?: (err: Error) => void) => boolean | void;

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
  /** Results since the last flush (connected: the next batch out). */
  private pending: VantageResult[] = [];
  /** Results that could not be sent, until the control plane can take them again. */
  private readonly offline: OfflineResultBuffer;
  /** From a lost link until a schedule is applied again: results go to the offline buffer. */
  private holding = false;
  private warnedDropping = false;
  private staged: { id: string; chunks: (ScheduledCheck[] | undefined)[]; at: number } | null = null;
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly emit: Emit,
    private readonly opts: {
      /** Where results wait while offline (tests pass smaller limits). */
      offline?: OfflineResultBuffer;
      /** What runs a check (tests replace it; the agent passes agentRunner). */
      run?: (spec: CheckSpec, opts: RunOptions) => Promise<CheckResult>;
    } = {},
  ) {
    this.offline = opts.offline ?? new OfflineResultBuffer();
  }

  /** Whether results are being kept for later (the link is down, or back but not yet scheduled). */
  get offlineMode(): boolean {
    return this.holding;
  }

  /** Results dropped from the offline buffer (count and age caps) over the prober's lifetime. */
  get dropped(): number {
    return this.offline.droppedTotal;
  }

  /** Results waiting in the offline buffer. */
  get buffered(): number {
    return this.offline.size;
  }

  /** The link to the control plane is gone: keep results (pending ones too) until it is back. */
  linkDown(): void {
    this.hold();
    this.flush();
  }

  /** Runs checks once, in parallel; one result per check, in order. */
  async runOnce(params: RequestParams<"probe/run">): Promise<RequestResult<"probe/run">> {
    if (params.checks.length > MAX_PROBE_RUN_CHECKS) throw new AgentError("invalid_params", `at most ${MAX_PROBE_RUN_CHECKS} checks per probe/run`);
    const run = this.opts.run ?? runCheck;
    const results = await Promise.all(params.checks.map((c) => run(c.spec, { timeoutMs: c.timeoutMs })));
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
    // The control plane now knows what this host probes: what was kept offline can go. After this
    // answer, so the hub is done with the schedule before the results arrive.
    if (this.holding || this.offline.size > 0) {
      const ids = new Set(checks.map((c) => c.id));
      setImmediate(() => this.release(ids));
    }
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
      onResult: (run) => this.record(run),
      run: this.opts.run,
      onError: (err) => log.warn("agent", "probe run failed", { error: err instanceof Error ? err.message : String(err) }),
    });
    this.scheduler.start();
    this.flushTimer = setInterval(() => this.flush(), PROBE_FLUSH_INTERVAL_MS);
    this.flushTimer.unref();
    return this.scheduler;
  }

  /** One scheduled probe's result (the scheduler's onResult). */
  record(run: CompletedRun): void {
    this.pending.push({ checkId: run.checkId, at: run.at.toISOString(), ...compactResult(run.result) });
    if (this.pending.length >= MAX_PROBE_RESULTS_PER_EVENT) this.flush();
  }

  /** Pushes the pending results, or keeps them while offline (every PROBE_FLUSH_INTERVAL_MS). */
  flush(): void {
    if (this.pending.length === 0) return;
    const results = this.pending;
    this.pending = [];
    if (this.holding) this.keep(results);
    else this.send(results, 0);
  }

  /**
   * Sends results in batches, oldest first; `dropped` rides on the first batch. Whatever cannot
   * be sent (no link, or a frame the socket failed to write) is kept, and the prober holds from
   * then on. Returns false if nothing at all was sent.
   */
  private send(results: VantageResult[], dropped: number): boolean {
    const batches = batchResults(results);
    for (const [i, batch] of batches.entries()) {
      const params: AgentEventParams<"probe/results"> = i === 0 && dropped > 0 ? { results: batch, dropped } : { results: batch };
      const sent = this.emit("probe/results", params, () => this.lost(batch, params.dropped ?? 0));
      if (sent === false) {
        this.hold();
        this.keep(batches.slice(i).flat());
        if (i === 0) this.offline.countDropped(dropped);
        return i > 0;
      }
    }
    return true;
  }

  /** A batch the socket could not write: kept again (the link is going down; a schedule follows the reconnect). */
  private lost(batch: VantageResult[], dropped: number): void {
    this.hold();
    this.keep(batch);
    this.offline.countDropped(dropped);
  }

  private hold(): void {
    if (this.holding) return;
    this.holding = true;
    log.info("agent", "no link to the control plane; keeping probe results until it has rescheduled this agent");
  }

  private keep(results: VantageResult[]): void {
    const before = this.offline.droppedTotal;
    this.offline.add(results);
    if (this.offline.droppedTotal === before) return;
    if (!this.warnedDropping) {
      this.warnedDropping = true;
      log.warn("agent", "offline probe result buffer is full or too old; dropping the oldest results", { buffered: this.offline.size });
    }
  }

  /** A schedule was applied: sends what was kept (for checks still scheduled), oldest first. */
  private release(scheduled: ReadonlySet<string>): void {
    if (this.flushTimer === null) return; // stopped meanwhile
    this.holding = false;
    this.warnedDropping = false;
    // Results made since the last flush are newer than all kept ones: they join the end.
    const newest = this.pending;
    this.pending = [];
    this.keep(newest);
    const { results, dropped } = this.offline.take();
    const wanted = results.filter((r) => scheduled.has(r.checkId));
    const unscheduled = results.length - wanted.length;
    if (dropped > 0) log.warn("agent", "probe results made while offline were dropped (buffer limits)", { dropped });
    if (unscheduled > 0) log.info("agent", "discarded offline probe results of checks no longer scheduled", { discarded: unscheduled });
    if (wanted.length === 0) return;
    const oldest = wanted[0]!.at;
    if (this.send(wanted, dropped)) log.info("agent", "sent probe results kept while offline", { results: wanted.length, oldest, dropped });
  }
}

let prober: AgentProber | null = null;

/** The process's prober, created on first use with the connection's emit and the host's Docker engine. */
export function agentProber(emit: Emit, docker?: Docker): AgentProber {
  prober ??= new AgentProber(emit, { run: agentRunner(docker) });
  return prober;
}

/** The link to the control plane closed: the prober (if probing) keeps its results from now on. */
export function probeLinkDown(): void {
  prober?.linkDown();
}

/** Stops scheduled probing (agent shutdown). */
export async function stopAgentProber(): Promise<void> {
  await prober?.stop();
  prober = null;
}

/** The protocol handlers for probes, registered in handlers.ts. */
export const probeHandlers = {
  "probe/run": async (params: RequestParams<"probe/run">, ctx: { emit: Emit; docker?: Docker }): Promise<RequestResult<"probe/run">> => agentProber(ctx.emit, ctx.docker).runOnce(params),
  "probe/schedule": async (params: RequestParams<"probe/schedule">, ctx: { emit: Emit; docker?: Docker }): Promise<RequestResult<"probe/schedule">> => agentProber(ctx.emit, ctx.docker).applyChunk(params),
};
