// Agents as vantage points, on the hub's side: when an agent says hello its host becomes a vantage
// point (id, name and lan/remote from the Host row) and gets its probe schedule; schedules are
// pushed again when checks change and every SCHEDULE_REFRESH_MS; the results agents push are
// checked against what each host was asked to probe and stored through ingestResults (which
// stores late ones — an agent's offline buffer, flushed after its schedule is pushed again — as
// history without moving newer state).
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { DEFAULT_TIMEOUT_MS } from "@/lib/probes/engine";
import { getEventBus } from "@/lib/events";
import { addChecksListener, ingestResults, loadChecksForVantage, proveEgressNow, MAX_CLOCK_SKEW_MS, upsertVantage, VantageKindSchema, type ScheduledCheck, type VantageKind } from "@/lib/probes";
import {
  MAX_PROBE_RUN_CHECKS,
  MAX_SCHEDULE_CHUNKS,
  MAX_SCHEDULE_CHUNK_CHECKS,
  PROBE_FRAME_BUDGET_BYTES,
  type AgentEventParams,
  type RequestParamsInput,
  type RequestResult,
} from "@/lib/protocol";
import { AgentRequestError, type AgentSession } from "./session";
import { FairQueue } from "./fair-queue";

/** Check changes arriving within this window cause one push per agent. */
export const SCHEDULE_DEBOUNCE_MS = 250;
/** Safety net: schedules (and the host's lan/remote kind) are refreshed this often. */
export const SCHEDULE_REFRESH_MS = 60_000;
/** Results stamped further ahead of the control plane's clock than this are refused (shared with HTTP reports). */
export { MAX_CLOCK_SKEW_MS };
/** A `probe/run` answer may take the longest probe's timeout plus this. */
const PROBE_RUN_MARGIN_MS = 5_000;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Splits a schedule into `probe/schedule` chunks under the count and byte limits (at least one chunk). */
export function chunkSchedule(checks: ScheduledCheck[]): ScheduledCheck[][] {
  const chunks: ScheduledCheck[][] = [];
  let current: ScheduledCheck[] = [];
  let bytes = 0;
  for (const c of checks) {
    const size = Buffer.byteLength(JSON.stringify(c)) + 1;
    if (current.length > 0 && (current.length >= MAX_SCHEDULE_CHUNK_CHECKS || bytes + size > PROBE_FRAME_BUDGET_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(c);
    bytes += size;
  }
  chunks.push(current);
  return chunks;
}

export class AgentProbes {
  private readonly sessions = new Map<string, AgentSession>();
  /** Per host, the check ids of the schedule last pushed: results for other checks are refused. */
  private readonly scheduled = new Map<string, Set<string>>();
  private readonly pushes = new Map<string, { again: boolean }>();
  /** One ingest transaction at a time, round robin across hosts. */
  private readonly ingest = new FairQueue((hostId, err) => log.error("hub", "storing probe results failed", { hostId, error: errorText(err) }));
  private debounce: NodeJS.Timeout | null = null;
  private readonly refresh: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(private readonly db: () => Db) {
    const offChecks = addChecksListener(() => this.onChecksChanged());
    // The egress proof runs again right after every successful rollout of its service.
    const offDeploys = getEventBus().subscribe((e) => {
      if (e.type !== "deploy/status" || e.deployment.status !== "succeeded") return;
      void this.proveEgress(e.deployment.serviceId);
    });
    this.unsubscribe = () => { offChecks(); offDeploys(); };
    this.refresh = setInterval(() => this.pushAll(), SCHEDULE_REFRESH_MS);
    this.refresh.unref();
  }

  /** An agent (re)connected: record its host as a vantage point and push its schedule. */
  async onHello(session: AgentSession): Promise<void> {
    this.sessions.set(session.hostId, session);
    await this.pushSchedule(session.hostId);
  }

  /**
   * Queues pushed results for storing (fairly across hosts, see FairQueue); refuses those for checks
   * this host was not asked to run or dated too far ahead. False when the host's queue is full: the
   * batch is dropped and the hub counts it against the agent.
   */
  onResults(hostId: string, params: AgentEventParams<"probe/results">): boolean {
    const allowed = this.scheduled.get(hostId);
    const latest = Date.now() + MAX_CLOCK_SKEW_MS;
    const results = params.results.filter((r) => allowed?.has(r.checkId) && Date.parse(r.at) <= latest);
    const refused = params.results.length - results.length;
    if (refused > 0) log.warn("hub", "refused probe results for checks not scheduled on this host, or dated ahead", { hostId, refused });
    if (params.dropped) log.warn("hub", "the agent dropped probe results it could not keep while offline", { hostId, dropped: params.dropped });
    if (results.length === 0) return true;
    return this.ingest.push(hostId, async () => {
      const summary = await ingestResults(hostId, results, this.db());
      if (summary.statusChanges > 0) log.info("hub", "probe results changed check status", { hostId, ...summary });
    });
  }

  /** Resolves when every queued result batch is stored (tests). */
  settled(): Promise<void> {
    return this.ingest.whenIdle();
  }

  /** Runs checks once on a host's agent (`probe/run`). */
  async run(session: AgentSession, checks: RequestParamsInput<"probe/run">["checks"]): Promise<RequestResult<"probe/run">> {
    if (checks.length > MAX_PROBE_RUN_CHECKS) throw new AgentRequestError("invalid_params", `at most ${MAX_PROBE_RUN_CHECKS} checks per probe/run`);
    const longest = Math.max(0, ...checks.map((c) => c.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    return session.request("probe/run", { checks }, longest + PROBE_RUN_MARGIN_MS);
  }

  /** Runs a service's egress proof on its host's agent now, if it has one (or should), and stores the result. */
  async proveEgress(serviceId: string): Promise<void> {
    await proveEgressNow(this.db(), serviceId, async (hostId, checks) => {
      const session = this.sessions.get(hostId);
      if (!session?.isOpen) return [];
      return (await this.run(session, checks)).results;
    }).catch((err: unknown) => log.warn("hub", "egress proof after the rollout failed", { serviceId, error: errorText(err) }));
  }

  /**
   * Pushes a host's schedule; pushes for one host never overlap (their chunks would interleave),
   * and a push asked for while one runs happens once more right after it.
   */
  async pushSchedule(hostId: string): Promise<void> {
    const running = this.pushes.get(hostId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    this.pushes.set(hostId, state);
    try {
      while (state.again) {
        state.again = false;
        const session = this.sessions.get(hostId);
        if (!session?.isOpen) {
          this.sessions.delete(hostId);
          return;
        }
        await this.sendSchedule(session).catch((err: unknown) => log.warn("hub", "could not push the probe schedule", { hostId, error: errorText(err) }));
      }
    } finally {
      this.pushes.delete(hostId);
    }
  }

  stop(): void {
    this.unsubscribe();
    clearInterval(this.refresh);
    if (this.debounce) clearTimeout(this.debounce);
    this.sessions.clear();
  }

  private async sendSchedule(session: AgentSession): Promise<void> {
    const db = this.db();
    const host = await db.host.findUnique({ where: { id: session.hostId }, select: { id: true, name: true, vantage: true } });
    if (!host) return;
    const kind = VantageKindSchema.safeParse(host.vantage);
    if (!kind.success) log.warn("hub", "host has an unknown vantage kind; probing as lan", { hostId: host.id, vantage: host.vantage });
    const vantage = { id: host.id, name: host.name, kind: (kind.success ? kind.data : "lan") satisfies VantageKind };
    await upsertVantage(db, vantage);
    // Push checks are judged by calls to their URL, never probed: agents are not told about them.
    const checks = (await loadChecksForVantage(db, vantage)).filter((c) => c.spec.type !== "push");
    const chunks = chunkSchedule(checks);
    if (chunks.length > MAX_SCHEDULE_CHUNKS) throw new Error(`${checks.length} checks do not fit in one schedule`);
    this.scheduled.set(host.id, new Set(checks.map((c) => c.id)));
    const scheduleId = randomUUID();
    let applied = false;
    for (const [i, chunk] of chunks.entries()) {
      const r = await session.request("probe/schedule", { scheduleId, chunk: i, chunks: chunks.length, checks: chunk });
      applied = r.applied;
    }
    if (!applied) throw new Error("the agent did not apply the schedule");
    log.info("hub", "probe schedule pushed", { hostId: host.id, vantage: vantage.kind, checks: checks.length, chunks: chunks.length });
  }

  private onChecksChanged(): void {
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.pushAll();
    }, SCHEDULE_DEBOUNCE_MS);
    this.debounce.unref();
  }

  private pushAll(): void {
    for (const hostId of [...this.sessions.keys()]) void this.pushSchedule(hostId);
  }
}
