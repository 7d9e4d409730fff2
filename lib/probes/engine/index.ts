// The probe engine: check types, safety rules, one-shot runs and the scheduler. Pure Node (no
// database, no Next.js) so agents can import it as is; see lib/probes/index.ts for the control
// plane's side (storage, incidents, notifications).
export * from "./schemas";
export { ProbeError, classifyError } from "./errors";
export { addressRefusal, urlRefusal, ALLOWED_URL_SCHEMES } from "./safety";
export { CHECK_RUNNERS, runnerFor } from "./registry";
export type { CheckRunner, CheckCapabilities } from "./types";
export { runCheck, describeCheck, type RunOptions } from "./run";
export { ProbeScheduler, DEFAULT_CONCURRENCY, type ScheduledCheck, type CompletedRun, type SchedulerStats } from "./scheduler";
export { MAX_BODY_BYTES, PROBE_USER_AGENT } from "./checks/http";
