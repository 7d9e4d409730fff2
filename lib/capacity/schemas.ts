// The capacity domain's published leaf: the run file and live headroom schemas (browser-safe), for
// the API document, the route handlers and Settings → Capacity.
export { CapacityLiveSchema, type CapacityLive } from "./live-schema";
export { CapacityRunSchema, CapacityStepSchema, CAPACITY_RUN_FILE, CAPACITY_RUN_VERSION, type CapacityRun, type CapacityStep } from "./run-schema";
