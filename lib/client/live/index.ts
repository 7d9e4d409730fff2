// Live data in the browser: the page's one event stream, its connection state, and the hooks
// components use to follow it.
export { useLiveEvents, useLiveState, type LiveEventsOptions } from "./use-live-events";
export { useLiveRefetch, LIVE_REFETCH_SETTLE_MS, type LiveRefetchOptions } from "./use-live-refetch";
export { liveLabel, type LiveState, type LiveStatus } from "./state";
export type { SharedHandler } from "./connection";
