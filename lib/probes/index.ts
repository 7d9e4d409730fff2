// The reachability domain (control plane side): checks, vantage points, result ingestion,
// incidents, notifications, retention and the read models. The pure engine is in ./engine.
export * from "./schemas";
export { startProbes, createProbeRuntime, loadChecksForVantage, type ProbeRuntime } from "./control-plane";
export { ingestResults, type IngestSummary } from "./ingest";
export { createCheck, createChecks, updateCheck, deleteCheck, getCheckOrThrow, listChecks } from "./checks";
export { listVantages, upsertVantage, getVantageOrThrow, deleteVantage, ensureControlPlaneVantage, selectsVantage, CONTROL_PLANE_VANTAGE } from "./vantages";
export { listChannels, getChannelOrThrow, createChannel, updateChannel, deleteChannel, listDeliveries } from "./channels";
export { processDeliveries, sendTestNotification } from "./deliveries";
export { pruneProbeData, DEFAULT_RETENTION, type RetentionPolicy } from "./retention";
export { syncAutoChecks, desiredAutoChecks } from "./auto-checks";
export { proveEgressNow, egressSourceKey, EGRESS_INTERVAL_SEC } from "./egress-proof";
export { listEgressProofs } from "./egress-proof-views";
export { EgressProofSchema, EgressProofsSchema, type EgressProofView, type EgressProofsView } from "./egress-proof-schemas";
export { getMatrix, getCheckHistory, getUptime, getSeries, getLatencyChart, type LatencyChart, listIncidents, UPTIME_WINDOWS, type Matrix, type MatrixRow, type SeriesPoint, type UptimeWindow } from "./queries";
export { getHeartbeats, HeartbeatsQuerySchema, HeartbeatsSchema, HEARTBEATS_MAX_CHECKS, HEARTBEATS_MAX_RESULTS, type Heartbeats, type HeartbeatCheck, type HeartbeatResult } from "./heartbeats";
export { VantageResultSchema, type VantageResult, CheckSpecSchema, type CheckSpec } from "./engine/schemas";
export type { ScheduledCheck } from "./engine/scheduler";
export { addChecksListener } from "./wake";
export { checkRows, incidentRows, type CheckRecord, type IncidentRecord } from "./rows";
export { parseProbeConfig } from "./config";
export { specOf } from "./views";
export { isStale } from "./state";
