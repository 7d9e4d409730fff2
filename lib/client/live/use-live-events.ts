// useLiveEvents: the one hook for live data. Every component on a page shares the page's one
// stream (LiveConnection); each says what it wants (host, service, event types) and gets those
// events, a call on every (re)open to refetch what it may have missed, and the connection state
// for an indicator.
"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import type { LiveEvent, LiveEventType } from "@/lib/events/schemas";
import { getLiveConnection } from "./browser";
import type { SharedHandler } from "./connection";
import { INITIAL_LIVE_STATE, type LiveState } from "./state";

export interface LiveEventsOptions {
  hostId?: string;
  serviceId?: string;
  types?: readonly LiveEventType[];
  /** false: no subscription (the state is still the page's). */
  enabled?: boolean;
  onEvent?: (e: LiveEvent) => void;
  onOpen?: () => void;
  /** Work shared with other subscribers of the same key: it runs once per event and per open. */
  shared?: SharedHandler;
}

const watchState = (fn: () => void) => getLiveConnection().watch(fn);
const readState = () => getLiveConnection().getState();
const serverState = () => INITIAL_LIVE_STATE;

/** The page's connection state, without subscribing to events. */
export function useLiveState(): LiveState {
  return useSyncExternalStore(watchState, readState, serverState);
}

export function useLiveEvents(opts: LiveEventsOptions): LiveState {
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  const { hostId, serviceId, enabled = true } = opts;
  const types = opts.types?.join(" ") ?? "";
  const sharedKey = opts.shared?.key;
  useEffect(() => {
    if (!enabled) return;
    return getLiveConnection().subscribe({
      filter: { hostId, serviceId, types: types ? (types.split(" ") as LiveEventType[]) : undefined },
      onEvent: (e) => latest.current.onEvent?.(e),
      onOpen: () => latest.current.onOpen?.(),
      shared: sharedKey === undefined ? undefined : {
        key: sharedKey,
        onEvent: (e) => latest.current.shared?.onEvent?.(e),
        onOpen: () => latest.current.shared?.onOpen?.(),
      },
    });
  }, [hostId, serviceId, types, sharedKey, enabled]);
  return useLiveState();
}
