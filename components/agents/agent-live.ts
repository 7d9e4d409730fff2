// The agents domain on the page's one live stream: host status and container state are written
// into their queries as events arrive (a container that dies shows at once), deploy events refresh
// the deployments, and every agents query is refetched whenever the stream (re)opens, since events
// may have been missed meanwhile (a change made before the stream was listening still shows).
"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useLiveEvents } from "@/lib/client/live";
import type { LiveEvent } from "@/lib/events/schemas";
import type { ContainerStateView } from "@/lib/agents/schemas";

export const agentQueryKeys = {
  all: ["agents"] as const,
  hostStatus: (hostId: string) => ["agents", "host-status", hostId] as const,
  hostContainers: (hostId: string) => ["agents", "host-containers", hostId] as const,
  serviceContainer: (serviceId: string) => ["agents", "service-container", serviceId] as const,
  deployments: (serviceId: string) => ["agents", "deployments", serviceId] as const,
  stats: (serviceId: string) => ["agents", "stats", serviceId] as const,
};

/** Shared by every agents component on a page, so each event touches the cache once. */
const AGENTS_SYNC_KEY = "agents-cache";

/** Per client: the status writes in the order their events came (each may wait for a cancel). */
const statusWrites = new WeakMap<QueryClient, Promise<void>>();

/**
 * Writes an event's value over a refetch that may be under way: one started just before (when the
 * stream opened, say) was computed before this event and would overwrite it when it lands, leaving
 * e.g. a killed agent's host "online" until the next event. The in-flight fetch is cancelled first;
 * writes stay in event order.
 */
function setOverFetch<T>(qc: QueryClient, queryKey: readonly unknown[], value: T): void {
  const before = statusWrites.get(qc) ?? Promise.resolve();
  const next = before
    .then(() => qc.cancelQueries({ queryKey, exact: true }))
    .catch(() => undefined)
    .then(() => void qc.setQueryData(queryKey, value));
  statusWrites.set(qc, next);
}

export function applyAgentEvent(qc: QueryClient, e: LiveEvent): void {
  switch (e.type) {
    case "host/status":
      setOverFetch(qc, agentQueryKeys.hostStatus(e.hostId), e.status);
      return;
    case "host/snapshot":
      qc.setQueryData(agentQueryKeys.hostContainers(e.hostId), { items: e.containers });
      for (const c of e.containers) if (c.serviceId && c.managed) void qc.invalidateQueries({ queryKey: agentQueryKeys.serviceContainer(c.serviceId) });
      return;
    case "container/state": {
      const c = e.container;
      qc.setQueryData<{ items: ContainerStateView[] }>(agentQueryKeys.hostContainers(e.hostId), (old) =>
        old ? { items: old.items.some((x) => x.containerId === c.containerId) ? old.items.map((x) => (x.containerId === c.containerId ? c : x)) : [...old.items, c] } : old,
      );
      if (c.serviceId) {
        qc.setQueryData<{ container: ContainerStateView | null }>(agentQueryKeys.serviceContainer(c.serviceId), (old) =>
          !old?.container || old.container.containerId === c.containerId || old.container.name !== c.name ? { container: c } : old,
        );
      }
      return;
    }
    case "container/removed":
      qc.setQueryData<{ items: ContainerStateView[] }>(agentQueryKeys.hostContainers(e.hostId), (old) =>
        old ? { items: old.items.filter((x) => x.containerId !== e.containerId) } : old,
      );
      // Set, not refetched: the removal may be the service's own deletion, whose page is still open for
      // a moment and would meet a 404. A service's newer container arrives as its own state event.
      if (e.serviceId) {
        qc.setQueryData<{ container: ContainerStateView | null }>(agentQueryKeys.serviceContainer(e.serviceId), (old) =>
          old?.container?.containerId === e.containerId ? { container: null } : old,
        );
      }
      return;
    case "deploy/status":
      void qc.invalidateQueries({ queryKey: agentQueryKeys.deployments(e.deployment.serviceId) });
      return;
    default:
      return;
  }
}

/**
 * Follows a host's or a service's events (all hosts' with no filter) on the page's stream, keeping
 * the agents queries current. `onEvent` sees every event after the cache has been updated.
 */
export function useAgentEvents(filter: { hostId?: string; serviceId?: string }, onEvent?: (e: LiveEvent) => void): void {
  const qc = useQueryClient();
  useLiveEvents({
    hostId: filter.hostId,
    serviceId: filter.serviceId,
    onEvent,
    shared: { key: AGENTS_SYNC_KEY, onEvent: (e) => applyAgentEvent(qc, e), onOpen: () => void qc.invalidateQueries({ queryKey: agentQueryKeys.all }) },
  });
}
