// A check's heartbeat (its latest rounds as bars, overall and per vantage point, with uptime over
// 24 h / 7 d / 30 d) and its latency chart over 24 h / 7 d / 30 d. Both follow the live stream: the
// check's new results refetch them (coalesced), never a polling loop.
"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import { concernsCheck } from "@/lib/events/schemas";
import { LiveIndicator } from "@/components/live/live-indicator";
import type { LatencyChart as LatencyChartData, UptimeWindow } from "@/lib/probes/queries";
import type { HeartbeatCheck } from "@/lib/probes/heartbeats";
import type { VantageView } from "@/lib/probes/schemas";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { HeartbeatBar } from "@/components/charts/heartbeat-bar";
import { LatencyChart } from "@/components/charts/latency-chart";
import { UptimeFigures } from "@/components/charts/uptime-figures";
import { useHeartbeats } from "@/components/charts/use-heartbeats";

const WINDOWS: UptimeWindow[] = ["24h", "7d", "30d"];
/** The check's status changed: refetch the chart this soon after the previous refetch. */
const STATUS_GAP_MS = 1_000;
/** New results of the check: refetch the chart at most this often (the heartbeat follows each). */
const RESULTS_GAP_MS = 5_000;

export interface CheckStats extends LatencyChartData {
  uptime: Record<string, Record<UptimeWindow, number | null>>;
}

export function CheckCharts({ checkId, vantages, intervalSec, initial, initialBeats }: { checkId: string; vantages: VantageView[]; intervalSec: number; initial: CheckStats; initialBeats: HeartbeatCheck | null }) {
  const api = useApi();
  const [window, setWindow] = useState<UptimeWindow>("24h");
  const queryKey = ["check-stats", checkId, window];
  const { data, isFetching } = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<CheckStats>(`/api/v1/checks/${checkId}/stats?window=${window}`, signal),
    initialData: window === "24h" ? initial : undefined,
  });
  useLiveRefetch({
    queryKey,
    types: ["checks/status", "checks/results"],
    gapFor: (e) => (!concernsCheck(e, checkId) ? null : e.type === "checks/status" ? STATUS_GAP_MS : RESULTS_GAP_MS),
  });
  const beats = useHeartbeats({ ids: [checkId] }, { initial: initialBeats ? { checks: [initialBeats] } : undefined });
  const hb = beats.data?.checks.find((c) => c.checkId === checkId) ?? initialBeats;
  const uptime = data?.uptime ?? initial.uptime;
  const seen = new Set([...Object.keys(uptime), ...(hb?.results.map((r) => r.vantageId) ?? [])]);
  const shown = vantages.filter((v) => seen.has(v.id));

  return (
    <div className="space-y-6">
      <Card aria-labelledby="heartbeat-title">
        <CardHeader
          id="heartbeat-title"
          title="Heartbeat"
          description="Each bar is one round of probes, newest on the right: green up, red down, amber when vantage points disagree, grey no data or paused."
          actions={<LiveIndicator state={beats.live} updatedAt={beats.dataUpdatedAt} />}
        />
        <CardBody className="space-y-4">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start" data-testid="heartbeat-overall">
            <HeartbeatBar className="flex-1" label="All vantage points" results={hb?.results ?? []} intervalSec={intervalSec} pausedAt={hb?.pausedAt} enabled={hb?.enabled} />
            <UptimeFigures uptime={hb?.uptime ?? {}} />
          </div>
          {shown.length > 1 && (
            <ul className="space-y-3 border-t border-zinc-100 pt-3 dark:border-zinc-800">
              {shown.map((v) => (
                <li key={v.id} className="flex flex-col gap-2 sm:flex-row sm:items-start" data-testid={`heartbeat-vantage-${v.id}`}>
                  <span className="w-40 shrink-0 truncate text-sm text-zinc-700 dark:text-zinc-300">
                    {v.name} <span className="text-xs text-zinc-400">({v.kind})</span>
                  </span>
                  <HeartbeatBar className="flex-1" compact label={v.name} results={hb?.results ?? []} vantageIds={[v.id]} intervalSec={intervalSec} pausedAt={hb?.pausedAt} enabled={hb?.enabled} />
                  <UptimeFigures uptime={uptime[v.id] ?? {}} />
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="latency-title">
        <CardHeader
          id="latency-title"
          title="Latency"
          description={isFetching ? "Refreshing…" : "Mean response time of passing probes per vantage point; red where probes failed."}
          actions={<Segmented name="window" value={window} onChange={setWindow} options={WINDOWS.map((w) => ({ value: w, label: w }))} />}
        />
        <CardBody>{!data ? <Skeleton className="h-56 w-full" /> : <LatencyChart data={data} vantages={shown.length ? shown : vantages} intervalSec={intervalSec} />}</CardBody>
      </Card>
    </div>
  );
}
