// The heartbeats of some checks (or of one route's checks) from GET /api/v1/checks/heartbeats,
// kept current by the live stream: a batch of new results or a status change of one of these
// checks refetches them (coalesced, at least `gapMs` apart). No polling.
"use client";

import { useQuery } from "@tanstack/react-query";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch, type LiveState } from "@/lib/client/live";
import { concernsCheck } from "@/lib/events/schemas";
import type { Heartbeats } from "@/lib/probes/heartbeats";
import { HEARTBEAT_RESULTS } from "./heartbeat-model";

/** New results of a watched check: refetch at most this often. */
export const HEARTBEAT_GAP_MS = 1_000;
/** A route without checks yet: any new results may be its first ones; refetch at most this often. */
const UNKNOWN_CHECKS_GAP_MS = 15_000;

export function useHeartbeats(
  target: { ids: readonly string[] } | { routeId: string },
  opts: { gapMs?: number; initial?: Heartbeats; limit?: number; uptime?: "all" | "24h" } = {},
): { data: Heartbeats | undefined; isError: boolean; live: LiveState; dataUpdatedAt: number } {
  const api = useApi();
  const limit = opts.limit ?? HEARTBEAT_RESULTS;
  const param = "ids" in target ? `ids=${[...target.ids].sort().join(",")}` : `routeId=${encodeURIComponent(target.routeId)}`;
  const enabled = !("ids" in target) || target.ids.length > 0;
  const uptime = opts.uptime ?? "all";
  const queryKey = ["heartbeats", param, limit, uptime];
  const { data, isError, dataUpdatedAt } = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<Heartbeats>(`/api/v1/checks/heartbeats?${param}&limit=${limit}&uptime=${uptime}`, signal),
    initialData: opts.initial,
    enabled,
  });
  const watched = "ids" in target ? target.ids : (data?.checks.map((c) => c.checkId) ?? []);
  const live = useLiveRefetch({
    queryKey,
    enabled,
    types: ["checks/results", "checks/status"],
    gapFor: (e) => (watched.some((id) => concernsCheck(e, id)) ? (opts.gapMs ?? HEARTBEAT_GAP_MS) : "routeId" in target && watched.length === 0 ? UNKNOWN_CHECKS_GAP_MS : null),
  });
  return { data, isError, live, dataUpdatedAt };
}
