// The ingress domain: Homeport's entries in Caddy (admin API), planned from the Routes and
// applied without touching the user's own config. Other domains import only from here.
export * from "./types";
export * from "./errors";
export * from "./schemas";
export { createCaddyAdmin, ADMIN_TIMEOUT_MS, type CaddyAdmin } from "./caddy-client";
export { FINGERPRINT_HEADER, HOMEPORT_ID_PREFIX, ROUTE_ID_PREFIX, routeObjectId } from "./caddy-config";
export { planIngressChanges, readObservedCaddy } from "./plan";
export { applyIngressPlan, type ApplyResult } from "./apply";
export { desiredProxyEntries, resolveUpstream, upstreamRefusal, type HostInput, type ServiceInput } from "./desired";
export { checkIngressHealth, statusFromProbe, ENTRY_STATUSES, CADDY_STATUSES, type CaddyStatus, type EntryStatus, type IngressHealth } from "./status";
export { requestThroughProxy, type ProxyTarget } from "./verify";
export * from "./ingress-service";
export { ingressSettingsRows, proxyEntryRows, type IngressSettingsRecord, type ProxyEntryRecord } from "./rows";
