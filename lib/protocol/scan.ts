// Exposure scans over the agent protocol (issue 17): TCP connect scans an agent runs from its
// vantage point, and the containers' posture it reads from Docker. Browser-safe.
// (Filled in by the exposure work: requests go in ScanReadRequests, events in ScanEvents.)
export const ScanReadRequests = {} as const;
export const ScanEvents = {} as const;
