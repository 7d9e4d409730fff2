// What one subscriber of the live stream wants (a host, a service, some event types), and the
// server-side filter of the page's one stream: the subscribers' shared host/service scope, or none.
// Stats samples (most of all events) come only when a subscriber asks for them.
import { matchesFilter, type LiveEvent, type LiveEventType } from "@/lib/events/schemas";

export const EVENTS_PATH = "/api/v1/events";

export interface LiveFilter {
  hostId?: string;
  serviceId?: string;
  /** Only these event types (all when absent). */
  types?: readonly LiveEventType[];
  /** Stats samples even without a host or service scope (naming "stats/sample" in `types` asks too). */
  stats?: boolean;
}

const wantsStats = (f: LiveFilter) => f.stats === true || (f.types?.includes("stats/sample") ?? false);

export function wants(f: LiveFilter, e: LiveEvent): boolean {
  if (f.types && !f.types.includes(e.type)) return false;
  return matchesFilter(e, { hostId: f.hostId, serviceId: f.serviceId, stats: wantsStats(f) });
}

/**
 * The stream URL that serves every filter: narrowed to a host or service when all subscribers
 * name the same one (a service page), unfiltered otherwise (events are then filtered here), with
 * `stats=1` when unscoped and a subscriber wants stats samples.
 */
export function streamUrl(filters: readonly LiveFilter[]): string {
  const first = filters[0];
  const same = first !== undefined && filters.every((f) => f.hostId === first.hostId && f.serviceId === first.serviceId);
  const qs = new URLSearchParams();
  if (same && first.hostId) qs.set("hostId", first.hostId);
  if (same && first.serviceId) qs.set("serviceId", first.serviceId);
  // A scoped stream carries its scope's stats anyway; an unscoped one only when someone asks.
  if (qs.size === 0 && filters.some(wantsStats)) qs.set("stats", "1");
  return qs.size ? `${EVENTS_PATH}?${qs}` : EVENTS_PATH;
}
