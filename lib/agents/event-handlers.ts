// What the control plane does with each event an agent pushes: one handler per event type in a
// typed table (the agent's handler map, mirrored), each with the rate bucket it draws from. The
// hub looks the type up, checks the rate, and calls the handler with what it needs.
import type { Db } from "@/lib/db";
import type { EventBus } from "@/lib/events";
import { log } from "@/lib/log";
import { PROTOCOL_VERSION, type AgentEventParams, type AgentEventType } from "@/lib/protocol";
import type { AgentSession } from "./session";
import type { RateKind } from "./limits";
import type { StatsStore } from "./stats-store";
import type { SnapshotWriter } from "./snapshot-writer";
import { applyContainerEvent, containerView } from "./state";
import { getLogStreams } from "./log-streams";
import { EXEC_EVENT_HANDLERS } from "./exec-events";
import { SWARM_EVENT_HANDLERS } from "./swarm-events";
import { SCAN_EVENT_HANDLERS } from "./scan-events";
import { GAMEDAY_EVENT_HANDLERS } from "./gameday-events";
import { FIREWALL_EVENT_HANDLERS } from "./firewall-events";

/** The parts of the hub a handler may use. */
export interface HubForEvents {
  readonly bus: EventBus;
  readonly stats: StatsStore;
  /** Told when an event changes a host's rows, so its next snapshot is diffed in full. */
  readonly snapshots: Pick<SnapshotWriter, "changed">;
  /** Counts a violation against the agent (and cuts it off past the limit). */
  violation(s: AgentSession, what: string): void;
  publishHost(hostId: string): Promise<void>;
  applySnapshot(s: AgentSession, params: AgentEventParams<"agent/snapshot">): Promise<void>;
  /** Appends to a rollout's log if this host's agent is running it; false otherwise. */
  appendDeployLog(hostId: string, params: AgentEventParams<"deploy/log">): boolean;
  /** Queues probe results for storing; false when the host's queue is full. */
  acceptProbeResults(hostId: string, params: AgentEventParams<"probe/results">): boolean;
  /** The agent said hello with a matching protocol: vantage schedule, rollout recovery. */
  onHelloAccepted(s: AgentSession): void;
}

export interface EventContext {
  hub: HubForEvents;
  session: AgentSession;
  db: Db;
  now: Date;
}

type Handler<T extends AgentEventType> = { rate: RateKind; handle(params: AgentEventParams<T>, ctx: EventContext): Promise<void> };
export type EventHandlerTable = { [K in AgentEventType]: Handler<K> };

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const EVENT_HANDLERS: EventHandlerTable = {
  "agent/hello": {
    rate: "hello",
    async handle(p, { hub, session, db, now }) {
      const mismatch = p.protocolVersion === PROTOCOL_VERSION ? null : `the agent speaks protocol ${p.protocolVersion}; this control plane speaks ${PROTOCOL_VERSION}`;
      await db.host.update({
        where: { id: session.hostId },
        data: {
          version: p.agentVersion,
          hostname: p.hostname,
          protocolVersion: p.protocolVersion,
          dockerInfo: p.docker ? JSON.stringify(p.docker) : null,
          versionMismatch: mismatch,
          lastSeenAt: now,
          ...(p.policy ? { agentPolicy: JSON.stringify(p.policy) } : {}),
        },
      });
      if (mismatch) session.close(4409, "protocol version mismatch");
      await hub.publishHost(session.hostId);
      if (!mismatch) hub.onHelloAccepted(session);
    },
  },
  "agent/snapshot": {
    rate: "snapshot",
    handle: (p, { hub, session }) => hub.applySnapshot(session, p),
  },
  "agent/heartbeat": {
    rate: "heartbeat",
    async handle(_p, { db, session, now }) {
      await db.host.update({ where: { id: session.hostId }, data: { lastSeenAt: now } });
    },
  },
  "docker/event": {
    rate: "dockerEvent",
    async handle({ container, containerId, action }, { hub, session, db, now }) {
      const hostId = session.hostId;
      if (container && container.id !== containerId) return hub.violation(session, "docker/event for another container");
      hub.snapshots.changed(hostId);
      if (container) {
        hub.stats.addKnown(hostId, container.id);
        hub.bus.publish({ type: "container/state", hostId, action, container: containerView(hostId, container, now) });
      } else {
        hub.stats.removeContainer(hostId, containerId);
        const row = await db.containerState.findUnique({ where: { hostId_containerId: { hostId, containerId } } });
        hub.bus.publish({ type: "container/removed", hostId, containerId, serviceId: row?.serviceId ?? null });
      }
      await applyContainerEvent(db, hostId, containerId, container, now);
    },
  },
  "deploy/log": {
    rate: "deployLog",
    async handle(p, { hub, session }) {
      hub.appendDeployLog(session.hostId, p); // a log for a rollout this host is not running is dropped
    },
  },
  "stats/sample": {
    rate: "stats",
    async handle(p, { hub, session }) {
      // Kept for the charts always; published only while some stream asks for stats.
      const live = hub.bus.wantsStats;
      for (const sample of p.samples) {
        if (hub.stats.add(session.hostId, sample) && live) hub.bus.publish({ type: "stats/sample", hostId: session.hostId, sample });
      }
    },
  },
  "logs/batch": {
    rate: "logs",
    async handle(p, { session }) {
      getLogStreams().onBatch(session.hostId, p); // a batch for a stream already closed (or not this agent's) is dropped
    },
  },
  "logs/end": {
    rate: "logs",
    async handle(p, { session }) {
      getLogStreams().onEnd(session.hostId, p);
    },
  },
  "probe/results": {
    rate: "probeResults",
    async handle(p, { hub, session }) {
      if (!hub.acceptProbeResults(session.hostId, p)) hub.violation(session, "probe results faster than they can be stored");
    },
  },
  ...EXEC_EVENT_HANDLERS,
  ...SWARM_EVENT_HANDLERS,
  ...SCAN_EVENT_HANDLERS,
  ...GAMEDAY_EVENT_HANDLERS,
  ...FIREWALL_EVENT_HANDLERS,
};

/** Runs the handler of one event; a failure is logged, never thrown into the session. */
export async function handleAgentEvent<T extends AgentEventType>(type: T, params: AgentEventParams<T>, ctx: EventContext): Promise<void> {
  const h = EVENT_HANDLERS[type] as Handler<T>;
  try {
    await h.handle(params, ctx);
  } catch (err) {
    log.error("hub", "event handling failed", { hostId: ctx.session.hostId, type, error: errorText(err) });
  }
}
