// The overview, kept current from the live stream: broken things first, then the first-run
// checklist (while unfinished), the summary and recent activity.
"use client";

import { useQuery } from "@tanstack/react-query";
import type { Overview } from "@/lib/overview/schemas";
import type { LiveEvent, LiveEventType } from "@/lib/events/schemas";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import { AttentionList } from "./attention-list";
import { FirstRunChecklist } from "./first-run-checklist";
import { SummaryCards } from "./summary-cards";
import { RecentActivity } from "./recent-activity";

export const OVERVIEW_QUERY_KEY = ["overview"] as const;
/** Events that can change what the overview shows; stats samples, log lines and results batches cannot. */
const TYPES: readonly LiveEventType[] = [
  "host/status", "host/snapshot", "container/state", "container/removed", "deploy/status", "stack/rollout",
  "incident/opened", "incident/updated", "incident/resolved", "incident/acknowledged", "checks/status",
];
/** Least gap between refetches: snapshots and check batches come often, an incident should show at once. */
const BUSY_GAP_MS = 2_000;

function gapFor(e: LiveEvent): number | null {
  if (e.type.startsWith("incident/") || e.type === "deploy/status" || e.type === "host/status") return 0;
  return BUSY_GAP_MS;
}

export function OverviewView({ initial }: { initial: Overview }) {
  const api = useApi();
  const q = useQuery({
    queryKey: OVERVIEW_QUERY_KEY,
    queryFn: ({ signal }) => api.get<Overview>("/api/v1/overview", signal),
    initialData: initial,
  });
  useLiveRefetch({ queryKey: OVERVIEW_QUERY_KEY, types: TYPES, gapFor });
  const o = q.data;
  return (
    <div className="flex flex-col gap-6">
      <AttentionList items={o.attention} total={o.attentionTotal} />
      {!o.checklist.complete && <FirstRunChecklist checklist={o.checklist} />}
      <SummaryCards summary={o.summary} />
      <RecentActivity rows={o.recent} />
      {o.checklist.complete && <FirstRunChecklist checklist={o.checklist} />}
    </div>
  );
}
