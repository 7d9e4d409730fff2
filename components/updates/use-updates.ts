// The image-update view for client components: one React Query query (GET /api/v1/updates), kept
// current from the live stream (rollouts and container changes move a service from "update" to
// "current"); the Updates page seeds it with what the server rendered.
"use client";

import { useQuery } from "@tanstack/react-query";
import type { UpdatesView } from "@/lib/images/update-schemas";
import type { LiveEvent, LiveEventType } from "@/lib/events/schemas";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";

export const UPDATES_QUERY_KEY = ["updates"] as const;
const TYPES: readonly LiveEventType[] = ["images/checked", "deploy/status", "container/state", "container/removed", "host/snapshot"];
/** Snapshots come often; one refetch per this gap is enough for what they can change here. */
const BUSY_GAP_MS = 2_000;
const gapFor = (e: LiveEvent): number | null => (e.type === "deploy/status" || e.type === "images/checked" ? 0 : BUSY_GAP_MS);

export function useUpdates(initial?: UpdatesView) {
  const api = useApi();
  const q = useQuery({
    queryKey: UPDATES_QUERY_KEY,
    queryFn: ({ signal }) => api.get<UpdatesView>("/api/v1/updates", signal),
    ...(initial && { initialData: initial }),
  });
  useLiveRefetch({ queryKey: UPDATES_QUERY_KEY, types: TYPES, gapFor });
  return q;
}

/** "hp-upd/app:1" from "registry:5000/hp-upd/app:1" or "docker.io/library/nginx:1.27" → "nginx:1.27". */
export function shortImage(image: string): string {
  return image.replace(/^docker\.io\/library\//, "").replace(/^docker\.io\//, "");
}

export const shortDigest = (d: string | null) => (d ? d.replace(/^sha256:/, "").slice(0, 12) : "—");
