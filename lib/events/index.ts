// Live events: the in-process bus, the browser-facing event shapes and the SSE stream.
export { EventBus, eventStreamCounters, getEventBus, sseFrame, type LiveListener, type StreamCounters, type SubscribeOptions } from "./bus";
export { LiveEventSchema, LIVE_RESULTS_MAX_CHECKS, checkResultsEvent, concernsCheck, eventScope, matchesFilter, type EventFilter, type LiveEvent, type LiveEventType } from "./schemas";
export { eventStreamResponse, SSE_KEEPALIVE_MS, SSE_MAX_QUEUED_BYTES } from "./sse";
