// Subscribes the page to /api/v1/events (Server-Sent Events) and keeps React Query's cache in
// step: host status and container state are written into their queries as they arrive, so a
// container that dies shows at once. EventSource reconnects by itself; each time the stream
// opens the affected queries are refetched, since events may have been missed meanwhile.
"use client";

import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { parseLiveEventData, type LiveEvent } from "@/lib/events/schemas";
import type { ContainerStateView } from "@/lib/agents/schemas";

export const agentQueryKeys = {
  hostStatus: (hostId: string) => ["agents", "host-status", hostId] as const,
  hostContainers: (hostId: string) => ["agents", "host-containers", hostId] as const,
  serviceContainer: (serviceId: string) => ["agents", "service-container", serviceId] as const,
  deployments: (serviceId: string) => ["agents", "deployments", serviceId] as const,
  stats: (serviceId: string) => ["agents", "stats", serviceId] as const,
};

function applyToCache(qc: ReturnType<typeof useQueryClient>, e: LiveEvent): void {
  switch (e.type) {
    case "host/status":
      qc.setQueryData(agentQueryKeys.hostStatus(e.hostId), e.status);
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
      if (e.serviceId) void qc.invalidateQueries({ queryKey: agentQueryKeys.serviceContainer(e.serviceId) });
      return;
    case "deploy/status":
      void qc.invalidateQueries({ queryKey: agentQueryKeys.deployments(e.deployment.serviceId) });
      return;
    default:
      return;
  }
}

/**
 * Opens one event stream (filtered by host or service) for as long as the component is mounted.
 * `onEvent` sees every event after the cache has been updated.
 */
export function useLiveEvents(filter: { hostId?: string; serviceId?: string; enabled?: boolean }, onEvent?: (e: LiveEvent) => void): void {
  const qc = useQueryClient();
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const { hostId, serviceId, enabled = true } = filter;
  useEffect(() => {
    // Browsers allow ~6 connections per site: components under a shared stream pass enabled: false.
    if (!enabled) return;
    const qs = new URLSearchParams();
    if (hostId) qs.set("hostId", hostId);
    if (serviceId) qs.set("serviceId", serviceId);
    const source = new EventSource(`/api/v1/events${qs.size ? `?${qs}` : ""}`);
    // On every open, the first included: what the page fetched before the stream was listening
    // (or while it was down) may already be stale, so refetch it once the stream is live.
    source.onopen = () => {
      void qc.invalidateQueries({ queryKey: ["agents"] });
    };
    source.onmessage = (msg: MessageEvent<string>) => {
      const e = parseLiveEventData(msg.data);
      if (!e) return;
      applyToCache(qc, e);
      handler.current?.(e);
    };
    return () => source.close();
  }, [qc, hostId, serviceId, enabled]);
}
