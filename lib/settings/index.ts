// Run-time settings (audit retention, …): schemas, the store and the jobs they drive.
export * from "./schemas";
export { getSettings, getSetting, updateSettings } from "./store";
export { scheduleAuditRetention, runAuditRetention, AUDIT_RETENTION_EVERY_MS } from "./audit-retention";
