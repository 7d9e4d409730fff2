// The hub's handler for swarm/status events: an agent reports a Swarm service's tasks as they change;
// the control plane checks the service is in Swarm mode on that agent's host and relays it live.
import type { EventHandlerTable } from "./event-handlers";

export const SWARM_EVENT_HANDLERS: Pick<EventHandlerTable, "swarm/status"> = {
  "swarm/status": {
    rate: "dockerEvent",
    async handle(p, { hub, session, db }) {
      const own = await db.service.findFirst({ where: { id: p.serviceId, hostId: session.hostId, mode: "swarm" }, select: { id: true } });
      if (!own) return; // a service this host does not run in Swarm mode (removed meanwhile, or not its own): dropped
      const { serviceId, at: _at, ...status } = p;
      hub.bus.publish({ type: "swarm/tasks", hostId: session.hostId, serviceId, status });
    },
  },
};
