// AgentHub: the control plane's side of the agent protocol. Authenticates each WebSocket upgrade
// (agent id + secret), keeps one AgentSession per host, turns agent events into database state
// and live events, and cuts a host off at once when it is revoked. Agents are peers it does not
// trust: every kind of message is rate-limited per agent (limits.ts), stats are kept per host for
// the containers that host reported (stats-store.ts), probe results are stored fairly across
// hosts (fair-queue.ts), and an agent that floods is cut off and kept out for a while. One hub per
// process, on globalThis, so route handlers (Next's bundles) reach the sessions server.ts accepted.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import { getEventBus, type EventBus } from "@/lib/events";
import { MAX_MESSAGE_BYTES, parseMessage, type AgentEventParams, type AgentEventType, type ParsedEvent, type StatsSample } from "@/lib/protocol";
import { recordRefusal } from "@/lib/audit";
import { verifyAgentCredentials } from "./enrollment";
import { admitAgentUpgrade } from "./agent-door";
import { AgentSession } from "./session";
import { getLogStreams } from "./log-streams";
import { AgentProbes } from "./probes";
import { DeployRecovery } from "./deploy-recovery";
import { DeployLogs } from "./deploy-logs";
import { PenaltyBox } from "./limits";
import { StatsStore } from "./stats-store";
import { containerView } from "./state";
import { SnapshotWriter, snapshotDigest } from "./snapshot-writer";
import { WorkGate } from "./work-gate";
import { EVENT_HANDLERS, handleAgentEvent, type HubForEvents } from "./event-handlers";
import { toHostStatusView } from "./views";

/** An agent silent for this long (no heartbeat, no event) is disconnected. */
export const AGENT_SILENCE_MS = 45_000;
const LIVENESS_CHECK_MS = 5_000;
/** Agents' hello follow-ups (probe schedule, rollout recovery) run at most this many at once. */
export const HELLO_WORK_CONCURRENCY = 2;
/** A host offline this long has its stats history dropped (it is older than the history window by then). */
export const STATS_OFFLINE_KEEP_MS = 30 * 60_000;
/** Close code for an agent cut off for flooding; it is refused at the door for a while after. */
export const CLOSE_FLOODING = 4429;
export { MAX_DEPLOY_LOG_BYTES } from "./deploy-logs";

export interface AgentHubOptions {
  /** The credential check (tests slow it down to reproduce a late check). */
  verify?: typeof verifyAgentCredentials;
  /** The clock of the liveness and pruning sweep (tests). */
  now?: () => number;
}


export class AgentHub implements HubForEvents {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly sessions = new Map<string, AgentSession>();
  /** Per connected host: when its agent was last heard (pruned when its session ends). */
  private readonly lastHeard = new Map<string, number>();
  /** Per host without a session: since when (its stats history goes after STATS_OFFLINE_KEEP_MS). */
  private readonly offlineSince = new Map<string, number>();
  private readonly now: () => number;
  private readonly deployLogs: DeployLogs;
  readonly stats = new StatsStore();
  /** Snapshots into the database: unchanged ones cheaply, all through a small bounded concurrency. */
  readonly snapshots: SnapshotWriter;
  private readonly helloWork = new WorkGate(HELLO_WORK_CONCURRENCY);
  readonly penalties = new PenaltyBox();
  /** Per session: the newest snapshot waiting for its turn (extra snapshots are coalesced). */
  private readonly pendingSnapshots = new Map<AgentSession, { raw: Buffer; timer: NodeJS.Timeout }>();
  private readonly liveness: NodeJS.Timeout;
  /** Agents as probe vantage points: schedules out, results in. */
  readonly probes: AgentProbes;
  /** Rollouts this process lost track of (restart, dropped link), resolved with the agents. */
  readonly recovery: DeployRecovery;

  /** Connection attempts in arrival order; each session keeps its attempt's number. */
  private attemptSeq = 0;
  private readonly sessionAttempt = new WeakMap<AgentSession, number>();
  private readonly verify: typeof verifyAgentCredentials;

  constructor(private readonly db: () => Db, readonly bus: EventBus = getEventBus(), opts: AgentHubOptions = {}) {
    this.verify = opts.verify ?? verifyAgentCredentials;
    this.now = opts.now ?? Date.now;
    this.snapshots = new SnapshotWriter(db);
    this.deployLogs = new DeployLogs(bus);
    this.liveness = setInterval(() => this.sweep(), LIVENESS_CHECK_MS);
    this.liveness.unref();
    this.probes = new AgentProbes(db);
    this.recovery = new DeployRecovery(db, this);
  }

  /** Handles an HTTP upgrade on the agent path: 401 before any WebSocket exists when refused (agent-door.ts). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const attempt = ++this.attemptSeq;
    return admitAgentUpgrade(req, socket, {
      db: this.db,
      verify: this.verify,
      penalties: this.penalties,
      overtaken: (hostId) => {
        const current = this.sessions.get(hostId);
        return current?.isOpen === true && (this.sessionAttempt.get(current) ?? 0) > attempt;
      },
      count: (what) => void (what === "abandoned" ? this.abandonedUpgrades++ : this.supersededUpgrades++),
      upgrade: (hostId) => this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(hostId, ws, attempt)),
    });
  }

  /** Upgrades given up on while checked, and upgrades overtaken by a newer one (for figures and tests). */
  abandonedUpgrades = 0;
  supersededUpgrades = 0;

  session(hostId: string): AgentSession | undefined {
    const s = this.sessions.get(hostId);
    return s?.isOpen ? s : undefined;
  }

  requireSession(hostId: string, hostName = "the host"): AgentSession {
    const s = this.session(hostId);
    if (!s) throw new DomainError("unavailable", `The agent of ${hostName} is not connected; its state is unknown`);
    return s;
  }

  isOnline(hostId: string): boolean {
    return this.session(hostId) !== undefined;
  }

  /** Closes a host's session at once (revocation). */
  disconnect(hostId: string, code = 4403, reason = "revoked"): void {
    this.sessions.get(hostId)?.close(code, reason);
    if (code === 4403) {
      this.stats.removeHost(hostId);
      this.snapshots.forget(hostId);
    }
  }


  /** Recent samples of one container of one host. */
  statsHistory(hostId: string, containerId: string): StatsSample[] {
    return this.stats.history(hostId, containerId);
  }

  async stop(): Promise<void> {
    clearInterval(this.liveness);
    this.probes.stop();
    this.recovery.stop();
    for (const p of this.pendingSnapshots.values()) clearTimeout(p.timer);
    this.pendingSnapshots.clear();
    for (const s of this.sessions.values()) s.close(1001, "server shutting down");
    this.wss.close();
  }

  private attach(hostId: string, ws: WebSocket, attempt: number): void {
    const previous = this.sessions.get(hostId);
    if (previous?.isOpen && (this.sessionAttempt.get(previous) ?? 0) > attempt) {
      // Overtaken during the upgrade handshake itself.
      this.supersededUpgrades++;
      ws.close(4000, "superseded by a newer connection");
      return;
    }
    if (previous) previous.close(4000, "replaced by a newer connection");
    const session = new AgentSession(hostId, ws, {
      admit: (s, type, raw) => this.admit(s, type, raw),
      onEvent: (s, e) => this.onEvent(s, e),
      onVersionMismatch: (s, message) => void this.recordMismatch(s, message),
      onClose: (s, code) => void this.onClose(s, code),
    });
    this.sessions.set(hostId, session);
    this.sessionAttempt.set(session, attempt);
    this.offlineSince.delete(hostId);
    this.lastHeard.set(hostId, this.now());
    ws.on("message", () => {
      if (this.sessions.get(hostId) === session) this.lastHeard.set(hostId, this.now());
    });
    log.info("hub", "agent connected", { hostId });
  }

  async publishHost(hostId: string): Promise<void> {
    const host = await this.db().host.findUnique({ where: { id: hostId } });
    if (host) this.bus.publish({ type: "host/status", hostId, status: toHostStatusView(host, this.isOnline(hostId)) });
  }

  private async recordMismatch(s: AgentSession, message: string): Promise<void> {
    await this.db().host.update({ where: { id: s.hostId }, data: { versionMismatch: message, lastSeenAt: new Date() } });
    log.warn("hub", "agent protocol version mismatch", { hostId: s.hostId, message });
    s.close(4409, "protocol version mismatch");
    await this.publishHost(s.hostId);
  }

  /** Counts a violation against the agent; cuts it off (and keeps it out) once it has too many. */
  violation(s: AgentSession, what: string): void {
    if (!s.limits.violate() || !s.isOpen) return;
    const ms = this.penalties.punish(s.hostId);
    log.warn("hub", "agent cut off for flooding", { hostId: s.hostId, what, violations: s.limits.recentViolations, refusedForMs: ms });
    s.close(CLOSE_FLOODING, "flooding: too many messages");
    void recordRefusal(this.db(), {
      actor: { type: "agent", id: s.hostId },
      action: "agent.cut-off",
      reason: "flooding",
      target: { type: "host", id: s.hostId },
      details: { last: what, refusedForSeconds: Math.round(ms / 1000) },
    }).catch((err: unknown) => log.warn("hub", "could not record the cut-off", { error: err instanceof Error ? err.message : String(err) }));
  }

  /** Rate limits, checked before a frame is even validated: over the rate is dropped and counted. */
  private admit(s: AgentSession, type: AgentEventType, raw: Buffer | Buffer[]): boolean {
    if (s.limits.allow(EVENT_HANDLERS[type].rate)) return true;
    if (type === "agent/snapshot") this.deferSnapshot(s, raw);
    this.violation(s, type);
    return false;
  }

  private async onEvent(s: AgentSession, e: ParsedEvent): Promise<void> {
    if (!s.isOpen) return; // cut off while this was queued
    await handleAgentEvent(e.type, e.params, { hub: this, session: s, db: this.db(), now: new Date() });
  }

  onHelloAccepted(s: AgentSession): void {
    const hostId = s.hostId;
    // Bounded like snapshots: a storm of hellos must not starve live events (each reads checks and rollouts).
    void this.helloWork.run(() => this.probes.onHello(s)).catch((err: unknown) => log.warn("hub", "probe vantage setup failed", { hostId, error: err instanceof Error ? err.message : String(err) }));
    void this.helloWork.run(() => this.recovery.onHello(s)).catch((err: unknown) => log.warn("hub", "rollout recovery failed", { hostId, error: err instanceof Error ? err.message : String(err) }));
  }

  trackDeployment(deploymentId: string, serviceId: string, hostId: string): { lines: string[]; done(): void } {
    return this.deployLogs.track(deploymentId, serviceId, hostId);
  }

  isTracking(deploymentId: string): boolean {
    return this.deployLogs.isTracking(deploymentId);
  }

  appendDeployLog(hostId: string, p: AgentEventParams<"deploy/log">): boolean {
    return this.deployLogs.append(hostId, p);
  }


  acceptProbeResults(hostId: string, p: AgentEventParams<"probe/results">): boolean {
    return this.probes.onResults(hostId, p);
  }

  async applySnapshot(s: AgentSession, params: AgentEventParams<"agent/snapshot">): Promise<void> {
    const now = new Date();
    this.stats.setKnown(s.hostId, params.containers.map((c) => c.id));
    const digest = snapshotDigest(params.containers);
    // Said at once (before the write waits for its turn); a snapshot identical to what is stored is not news.
    if (!this.snapshots.isUnchanged(s.hostId, digest)) {
      this.bus.publish({ type: "host/snapshot", hostId: s.hostId, containers: params.containers.map((c) => containerView(s.hostId, c, now)) });
    }
    await this.snapshots.apply(s.hostId, params.containers, now, digest);
  }

  /**
   * Keeps the newest over-the-rate snapshot (the raw frame: parsed only if it is still the newest
   * when its turn comes) and applies it when the agent's rate allows.
   */
  private deferSnapshot(s: AgentSession, raw: Buffer | Buffer[]): void {
    const frame = Array.isArray(raw) ? Buffer.concat(raw) : raw;
    const pending = this.pendingSnapshots.get(s);
    if (pending) {
      pending.raw = frame;
      return;
    }
    const entry = {
      raw: frame,
      timer: setTimeout(() => {
        this.pendingSnapshots.delete(s);
        if (!s.isOpen) return;
        s.limits.allow("snapshot"); // spend the token this snapshot waited for
        const parsed = parseMessage(entry.raw);
        if (parsed.ok && parsed.message.kind === "event" && parsed.message.type === "agent/snapshot") {
          const params = parsed.message.params;
          s.enqueue(() => this.applySnapshot(s, params));
        }
      }, Math.max(100, s.limits.waitMs("snapshot"))),
    };
    entry.timer.unref();
    this.pendingSnapshots.set(s, entry);
  }

  private async onClose(s: AgentSession, code: number): Promise<void> {
    if (this.sessions.get(s.hostId) === s) {
      this.sessions.delete(s.hostId);
      this.lastHeard.delete(s.hostId);
      this.offlineSince.set(s.hostId, this.now());
    }
    getLogStreams().endHost(s.hostId, s);
    const pending = this.pendingSnapshots.get(s);
    if (pending) clearTimeout(pending.timer);
    this.pendingSnapshots.delete(s);
    log.info("hub", "agent disconnected", { hostId: s.hostId, code });
    try {
      await this.db().host.update({ where: { id: s.hostId }, data: { lastSeenAt: new Date() } });
    } catch (err) {
      log.warn("hub", "could not record the disconnect", { hostId: s.hostId, error: err instanceof Error ? err.message : String(err) });
    }
    // Said even when the write failed: open pages must not keep showing a gone agent as online.
    await this.publishHost(s.hostId).catch((err: unknown) => log.warn("hub", "could not publish the disconnect", { hostId: s.hostId, error: err instanceof Error ? err.message : String(err) }));
  }

  /** What the hub keeps per host, for tests and figures: it must follow the sessions, not history. */
  get tracked(): { sessions: number; lastHeard: number; offline: number; statsHosts: number; statsContainers: number; pendingSnapshots: number } {
    return {
      sessions: this.sessions.size,
      lastHeard: this.lastHeard.size,
      offline: this.offlineSince.size,
      statsHosts: this.stats.hostIds().length,
      statsContainers: this.stats.size,
      pendingSnapshots: this.pendingSnapshots.size,
    };
  }

  /** The periodic sweep: silent agents are closed; hosts offline too long lose their stats history. */
  sweep(): void {
    this.dropSilent();
    const now = this.now();
    for (const [hostId, since] of this.offlineSince) {
      if (this.sessions.has(hostId)) this.offlineSince.delete(hostId);
      else if (now - since > STATS_OFFLINE_KEEP_MS) {
        this.stats.removeHost(hostId);
        this.snapshots.forget(hostId);
        this.offlineSince.delete(hostId);
      }
    }
  }

  private dropSilent(): void {
    const now = this.now();
    for (const [hostId, s] of this.sessions) {
      if (now - (this.lastHeard.get(hostId) ?? 0) > AGENT_SILENCE_MS) {
        log.warn("hub", "agent went silent; closing its session", { hostId });
        s.close(4408, "no heartbeat");
      }
    }
  }
}

type GlobalWithHub = typeof globalThis & { __homeportAgentHub?: AgentHub };

/** Creates the process's hub (server.ts, tests). */
export function startAgentHub(db: () => Db): AgentHub {
  const g = globalThis as GlobalWithHub;
  g.__homeportAgentHub ??= new AgentHub(db);
  return g.__homeportAgentHub;
}

export async function stopAgentHub(): Promise<void> {
  const g = globalThis as GlobalWithHub;
  await g.__homeportAgentHub?.stop();
  g.__homeportAgentHub = undefined;
}

/** The running hub; route handlers get an `unavailable` error when there is none. */
export function getAgentHub(): AgentHub {
  const hub = (globalThis as GlobalWithHub).__homeportAgentHub;
  if (!hub) throw new DomainError("unavailable", "The agent hub is not running in this process");
  return hub;
}

export function findAgentHub(): AgentHub | undefined {
  return (globalThis as GlobalWithHub).__homeportAgentHub;
}
