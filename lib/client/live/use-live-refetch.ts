// useLiveRefetch: keeps one React Query query current from the live stream instead of polling.
// Events the caller cares about refetch it, coalesced (a burst is one refetch, and refetches are
// at least the gap the event asks for apart); every (re)open of the stream refetches it at once.
"use client";

import { useEffect, useRef } from "react";
import { hashKey, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { LiveEvent, LiveEventType } from "@/lib/events/schemas";
import { createCoalescer, type Coalescer } from "./coalesce";
import { useLiveEvents } from "./use-live-events";
import type { LiveState } from "./state";

/** A burst of events (several vantage points flushing results) is one refetch after this wait. */
export const LIVE_REFETCH_SETTLE_MS = 300;

export interface LiveRefetchOptions {
  queryKey: QueryKey;
  types: readonly LiveEventType[];
  /** For an event: the least time (ms) since the previous refetch before refetching, or null to ignore it. */
  gapFor: (e: LiveEvent) => number | null;
  enabled?: boolean;
}

export function useLiveRefetch(opts: LiveRefetchOptions): LiveState {
  const qc = useQueryClient();
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  const key = hashKey(opts.queryKey);
  const coalescer = useRef<Coalescer | null>(null);
  useEffect(() => {
    const c = createCoalescer(() => void qc.invalidateQueries({ queryKey: latest.current.queryKey, exact: true }), LIVE_REFETCH_SETTLE_MS);
    coalescer.current = c;
    return () => {
      c.cancel();
      coalescer.current = null;
    };
  }, [qc, key]);
  return useLiveEvents({
    types: opts.types,
    enabled: opts.enabled,
    onEvent: (e) => {
      const gap = latest.current.gapFor(e);
      if (gap !== null) coalescer.current?.trigger(gap);
    },
    onOpen: () => void qc.invalidateQueries({ queryKey: latest.current.queryKey, exact: true }),
  });
}
