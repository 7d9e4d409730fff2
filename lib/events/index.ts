// Live events: the in-process bus, the browser-facing event shapes and the SSE stream.
export { EventBus, getEventBus, type LiveListener } from "./bus";
export { LiveEventSchema, eventScope, type LiveEvent, type LiveEventType } from "./schemas";
export { eventStreamResponse, SSE_KEEPALIVE_MS, type EventFilter } from "./sse";
