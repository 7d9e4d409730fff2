// The exposure domain (issue 17, the attacker's view): scans from each vantage point, container
// posture, findings against intent, score, diff, history and the incident a new critical opens.
export { startExposureScan, SCAN_RATE_PER_SEC, SCAN_CONNECT_TIMEOUT_MS } from "./run";
export { getLatestReport, getReport, listReports, failAbandonedReports, MAX_REPORTS } from "./store";
export { ensureExposureCheck, EXPOSURE_CHECK_KEY } from "./incident";
export * from "./schemas";
export { scheduleExposureScans, runScheduledScanIfDue, decideScheduledScan, nextScanAt, exposureScheduleInfo, EXPOSURE_SCHEDULE_TICK_MS, type ExposureScheduleInfo } from "./schedule";
