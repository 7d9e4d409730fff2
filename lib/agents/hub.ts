// AgentHub: the control plane's side of the agent protocol. Authenticates each WebSocket upgrade
// (agent id + secret), keeps one AgentSession per host, turns agent events into database state
// and live events, and cuts a host off at once when it is revoked. One hub per process, on
// globalThis, so route handlers (Next's bundles) reach the sessions server.ts accepted.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { log } from "@/lib/log";
import { getEventBus, type EventBus } from "@/lib/events";
import { MAX_MESSAGE_BYTES, PROTOCOL_VERSION, type ParsedEvent, type StatsSample } from "@/lib/protocol";
import { verifyAgentCredentials } from "./enrollment";
import { AgentSession } from "./session";
import { AgentProbes } from "./probes";
import { applyContainerEvent, containerView, replaceSnapshot } from "./state";
import { toHostStatusView } from "./views";

/** An agent silent for this long (no heartbeat, no event) is disconnected. */
export const AGENT_SILENCE_MS = 45_000;
export const STATS_HISTORY = 120;
const LIVENESS_CHECK_MS = 5_000;

interface TrackedDeployment {
  serviceId: string;
  hostId: string;
  lines: string[];
}

export class AgentHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly sessions = new Map<string, AgentSession>();
  private readonly lastHeard = new Map<string, number>();
  private readonly deployments = new Map<string, TrackedDeployment>();
  private readonly stats = new Map<string, StatsSample[]>();
  private readonly liveness: NodeJS.Timeout;
  /** Agents as probe vantage points: schedules out, results in. */
  readonly probes: AgentProbes;

  constructor(private readonly db: () => Db, readonly bus: EventBus = getEventBus()) {
    this.liveness = setInterval(() => this.dropSilent(), LIVENESS_CHECK_MS);
    this.liveness.unref();
    this.probes = new AgentProbes(db);
  }

  /** Handles an HTTP upgrade on the agent path: 401 before any WebSocket exists when refused. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
    let host;
    try {
      host = await verifyAgentCredentials(this.db(), bearer);
    } catch (err) {
      log.error("hub", "agent authentication failed", { error: err instanceof Error ? err.message : String(err) });
    }
    if (!host) {
      log.warn("hub", "refused an agent connection", { ip: req.socket.remoteAddress });
      socket.end("HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
      return;
    }
    const hostId = host.id;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(hostId, ws));
  }

  session(hostId: string): AgentSession | undefined {
    const s = this.sessions.get(hostId);
    return s?.isOpen ? s : undefined;
  }

  requireSession(hostId: string, hostName = "the host"): AgentSession {
    const s = this.session(hostId);
    if (!s) throw new ApiError("unavailable", `The agent of ${hostName} is not connected; its state is unknown`);
    return s;
  }

  isOnline(hostId: string): boolean {
    return this.session(hostId) !== undefined;
  }

  /** Closes a host's session at once (revocation). */
  disconnect(hostId: string, code = 4403, reason = "revoked"): void {
    this.sessions.get(hostId)?.close(code, reason);
  }

  trackDeployment(deploymentId: string, serviceId: string, hostId: string): { lines: string[]; done(): void } {
    const t: TrackedDeployment = { serviceId, hostId, lines: [] };
    this.deployments.set(deploymentId, t);
    return { lines: t.lines, done: () => this.deployments.delete(deploymentId) };
  }

  statsHistory(containerId: string): StatsSample[] {
    return [...(this.stats.get(containerId) ?? [])];
  }

  async stop(): Promise<void> {
    clearInterval(this.liveness);
    this.probes.stop();
    for (const s of this.sessions.values()) s.close(1001, "server shutting down");
    this.wss.close();
  }

  private attach(hostId: string, ws: WebSocket): void {
    const previous = this.sessions.get(hostId);
    if (previous) previous.close(4000, "replaced by a newer connection");
    const session = new AgentSession(hostId, ws, {
      onEvent: (s, e) => this.onEvent(s, e),
      onVersionMismatch: (s, message) => void this.recordMismatch(s, message),
      onClose: (s, code) => void this.onClose(s, code),
    });
    this.sessions.set(hostId, session);
    this.lastHeard.set(hostId, Date.now());
    ws.on("message", () => this.lastHeard.set(hostId, Date.now()));
    log.info("hub", "agent connected", { hostId });
  }

  private async publishHost(hostId: string): Promise<void> {
    const host = await this.db().host.findUnique({ where: { id: hostId } });
    if (host) this.bus.publish({ type: "host/status", hostId, status: toHostStatusView(host, this.isOnline(hostId)) });
  }

  private async recordMismatch(s: AgentSession, message: string): Promise<void> {
    await this.db().host.update({ where: { id: s.hostId }, data: { versionMismatch: message, lastSeenAt: new Date() } });
    log.warn("hub", "agent protocol version mismatch", { hostId: s.hostId, message });
    s.close(4409, "protocol version mismatch");
    await this.publishHost(s.hostId);
  }

  private async onEvent(s: AgentSession, e: ParsedEvent): Promise<void> {
    const db = this.db();
    const hostId = s.hostId;
    const now = new Date();
    switch (e.type) {
      case "agent/hello": {
        const p = e.params;
        const mismatch = p.protocolVersion === PROTOCOL_VERSION ? null : `the agent speaks protocol ${p.protocolVersion}; this control plane speaks ${PROTOCOL_VERSION}`;
        await db.host.update({
          where: { id: hostId },
          data: { version: p.agentVersion, hostname: p.hostname, protocolVersion: p.protocolVersion, dockerInfo: p.docker ? JSON.stringify(p.docker) : null, versionMismatch: mismatch, lastSeenAt: now },
        });
        if (mismatch) s.close(4409, "protocol version mismatch");
        await this.publishHost(hostId);
        if (!mismatch) void this.probes.onHello(s).catch((err: unknown) => log.warn("hub", "probe vantage setup failed", { hostId, error: err instanceof Error ? err.message : String(err) }));
        return;
      }
      case "agent/snapshot": {
        this.bus.publish({ type: "host/snapshot", hostId, containers: e.params.containers.map((c) => containerView(hostId, c, now)) });
        await replaceSnapshot(db, hostId, e.params.containers, now);
        return;
      }
      case "agent/heartbeat":
        await db.host.update({ where: { id: hostId }, data: { lastSeenAt: now } });
        return;
      case "docker/event": {
        const { container, containerId, action } = e.params;
        if (container) this.bus.publish({ type: "container/state", hostId, action, container: containerView(hostId, container, now) });
        else {
          const row = await db.containerState.findUnique({ where: { hostId_containerId: { hostId, containerId } } });
          this.bus.publish({ type: "container/removed", hostId, containerId, serviceId: row?.serviceId ?? null });
        }
        await applyContainerEvent(db, hostId, containerId, container, now);
        return;
      }
      case "deploy/log": {
        const t = this.deployments.get(e.params.deploymentId);
        if (!t || t.hostId !== hostId) return; // not ours to write to
        t.lines.push(`${e.params.at} ${e.params.line}`);
        this.bus.publish({ type: "deploy/log", deploymentId: e.params.deploymentId, serviceId: t.serviceId, at: e.params.at, line: e.params.line });
        return;
      }
      case "stats/sample":
        for (const sample of e.params.samples) {
          const h = this.stats.get(sample.containerId) ?? [];
          h.push(sample);
          if (h.length > STATS_HISTORY) h.shift();
          this.stats.set(sample.containerId, h);
          this.bus.publish({ type: "stats/sample", hostId, sample });
        }
        return;
      case "probe/results":
        await this.probes.onResults(hostId, e.params);
        return;
    }
  }

  private async onClose(s: AgentSession, code: number): Promise<void> {
    if (this.sessions.get(s.hostId) === s) this.sessions.delete(s.hostId);
    log.info("hub", "agent disconnected", { hostId: s.hostId, code });
    try {
      await this.db().host.update({ where: { id: s.hostId }, data: { lastSeenAt: new Date() } });
      await this.publishHost(s.hostId);
    } catch (err) {
      log.warn("hub", "could not record the disconnect", { hostId: s.hostId, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private dropSilent(): void {
    const now = Date.now();
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
  if (!hub) throw new ApiError("unavailable", "The agent hub is not running in this process");
  return hub;
}

export function findAgentHub(): AgentHub | undefined {
  return (globalThis as GlobalWithHub).__homeportAgentHub;
}
