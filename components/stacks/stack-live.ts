// Stacks on the page's one live stream: a stack/rollout event writes its steps into the stack's
// query at once (the rollout card moves without waiting for a refetch), the end of a rollout
// refreshes the plan and versions, container events of the stack's services refetch its state, and
// every (re)open of the stream refetches all of it, since events may have been missed meanwhile.
"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLiveEvents, useLiveRefetch, type LiveState } from "@/lib/client/live";
import { useApi } from "@/lib/client/api";
import type { LiveEvent } from "@/lib/events/schemas";
import type { StackView } from "@/lib/stacks/schemas";
import { laterRollout } from "./stack-model";

export const stackKeys = {
  all: ["stacks"] as const,
  list: ["stacks", "list"] as const,
  stack: (id: string) => ["stacks", "one", id] as const,
  plan: (id: string) => ["stacks", "one", id, "plan"] as const,
  versions: (id: string) => ["stacks", "one", id, "versions"] as const,
  env: (id: string) => ["stacks", "one", id, "env"] as const,
};

/** Least time between refetches caused by container events (a restart loop is many events). */
export const CONTAINER_REFETCH_GAP_MS = 1_000;

const LIST_TYPES = ["stack/rollout", "container/state", "container/removed"] as const;

/** Every stack, kept current from the live stream. */
export function useStacksList(initial: StackView[]): { stacks: StackView[]; error: unknown; refetch: () => void; live: LiveState } {
  const api = useApi();
  const q = useQuery({
    queryKey: stackKeys.list,
    queryFn: ({ signal }) => api.get<{ items: StackView[] }>("/api/v1/stacks", signal),
    initialData: { items: initial },
  });
  const serviceIds = new Set(q.data.items.flatMap((s) => s.services.map((x) => x.serviceId)));
  const live = useLiveRefetch({
    queryKey: stackKeys.list,
    types: LIST_TYPES,
    gapFor: (e) => {
      if (e.type === "stack/rollout") return 0;
      const serviceId = e.type === "container/state" ? e.container.serviceId : e.type === "container/removed" ? e.serviceId : null;
      return serviceId && serviceIds.has(serviceId) ? CONTAINER_REFETCH_GAP_MS : null;
    },
  });
  return { stacks: q.data.items, error: q.error, refetch: () => void q.refetch(), live };
}

function serviceOf(e: LiveEvent): string | null {
  if (e.type === "container/state") return e.container.serviceId;
  if (e.type === "container/removed") return e.serviceId;
  return null;
}

const DETAIL_TYPES = ["stack/rollout", "container/state", "container/removed", "host/snapshot"] as const;

/** The queries of one stack (to leave alone once it is removed). */
export const isStackQuery = (id: string) => (q: { queryKey: readonly unknown[] }) => q.queryKey[0] === "stacks" && q.queryKey[1] === "one" && q.queryKey[2] === id;

/** One stack, its latest rollout moving live; `paused` stops fetching (while it is being removed). */
export function useStack(initial: StackView, opts: { paused?: boolean } = {}): { stack: StackView; live: LiveState; setRollout: (r: StackView["lastRollout"]) => void } {
  const api = useApi();
  const qc = useQueryClient();
  const id = initial.id;
  const key = stackKeys.stack(id);
  const q = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const fresh = await api.get<StackView>(`/api/v1/stacks/${id}`, signal);
      // A refetch that left before the latest event must not undo it.
      return { ...fresh, lastRollout: laterRollout(qc.getQueryData<StackView>(key)?.lastRollout, fresh.lastRollout) };
    },
    initialData: initial,
    enabled: !opts.paused,
  });
  const stack = q.data;
  const setRollout = (r: StackView["lastRollout"]) => qc.setQueryData<StackView>(key, (old) => (old ? { ...old, lastRollout: laterRollout(old.lastRollout, r) } : old));
  const hostId = stack.hostId ?? undefined;
  useLiveEvents({
    hostId,
    enabled: !opts.paused,
    types: ["stack/rollout"],
    onEvent: (e) => {
      if (e.type !== "stack/rollout" || e.rollout.stackId !== id) return;
      setRollout(e.rollout);
      if (e.rollout.status !== "running") {
        void qc.invalidateQueries({ queryKey: stackKeys.plan(id) });
        void qc.invalidateQueries({ queryKey: stackKeys.versions(id) });
      }
    },
    onOpen: () => void qc.invalidateQueries({ queryKey: key }),
  });
  const serviceIds = new Set(stack.services.map((s) => s.serviceId));
  const live = useLiveRefetch({
    queryKey: key,
    enabled: !opts.paused,
    types: DETAIL_TYPES,
    gapFor: (e) => {
      if (e.type === "stack/rollout") return e.rollout.stackId === id ? 0 : null;
      if (e.type === "host/snapshot") return e.hostId === hostId ? CONTAINER_REFETCH_GAP_MS : null;
      const serviceId = serviceOf(e);
      return serviceId && serviceIds.has(serviceId) ? CONTAINER_REFETCH_GAP_MS : null;
    },
  });
  return { stack, live, setRollout };
}
