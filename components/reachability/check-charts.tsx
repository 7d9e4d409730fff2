// Latency and uptime per vantage point for one check over 24 h / 7 d / 30 d, drawn with recharts
// (SVG, bundled: works offline), plus the uptime percentages table. Follows the live stream: the
// check's new results refetch them (at most every RESULTS_GAP_MS), a status change at once.
"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import { concernsCheck } from "@/lib/events/schemas";
import { LiveIndicator } from "@/components/live/live-indicator";
import type { SeriesPoint, UptimeWindow } from "@/lib/probes/queries";
import type { VantageView } from "@/lib/probes/schemas";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { SERIES_COLOURS } from "./status";

const WINDOWS: UptimeWindow[] = ["24h", "7d", "30d"];
/** The check's status changed: refetch this soon after the previous refetch. */
const STATUS_GAP_MS = 1_000;
/** New results of the check (one per interval per vantage point): refetch at most this often. */
const RESULTS_GAP_MS = 15_000;

interface Stats {
  uptime: Record<string, Record<UptimeWindow, number | null>>;
  series: SeriesPoint[];
}

function tick(window: UptimeWindow) {
  return (t: number) => {
    const d = new Date(t);
    return window === "24h" ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : d.toLocaleDateString([], { month: "short", day: "numeric" });
  };
}

function Chart({ data, vantages, field, unit, window, domain }: { data: SeriesPoint[]; vantages: VantageView[]; field: "latencyMs" | "uptime"; unit: string; window: UptimeWindow; domain?: [number, number] }) {
  const rows = data.map((p) => ({ t: p.t, ...Object.fromEntries(vantages.map((v) => [v.id, p.values[v.id]?.[field] ?? null])) }));
  return (
    <div className="h-56 w-full text-xs sm:h-64">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-zinc-200 dark:stroke-zinc-800" />
          <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} scale="time" tickFormatter={tick(window)} stroke="currentColor" className="text-zinc-500" minTickGap={24} />
          <YAxis unit={unit} domain={domain} stroke="currentColor" className="text-zinc-500" width={64} />
          <Tooltip
            labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
            formatter={(v) => (v == null ? "—" : `${String(v)}${unit}`)}
            contentStyle={{ background: "rgb(24 24 27)", border: "none", borderRadius: 8, color: "#fafafa" }}
          />
          <Legend />
          {vantages.map((v, i) => (
            <Line key={v.id} type="monotone" dataKey={v.id} name={v.name} stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]} dot={false} strokeWidth={2} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function CheckCharts({ checkId, vantages, initial }: { checkId: string; vantages: VantageView[]; initial: Stats }) {
  const api = useApi();
  const [window, setWindow] = useState<UptimeWindow>("24h");
  const queryKey = ["check-stats", checkId, window];
  const { data, isFetching, dataUpdatedAt } = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<Stats>(`/api/v1/checks/${checkId}/stats?window=${window}`, signal),
    initialData: window === "24h" ? initial : undefined,
  });
  // No polling: only this check's results change these numbers, and each batch of them is an event.
  const live = useLiveRefetch({
    queryKey,
    types: ["checks/status", "checks/results"],
    gapFor: (e) => (!concernsCheck(e, checkId) ? null : e.type === "checks/status" ? STATUS_GAP_MS : RESULTS_GAP_MS),
  });
  const shown = vantages.filter((v) => data?.uptime[v.id] || initial.uptime[v.id]);
  const uptime = data?.uptime ?? initial.uptime;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Uptime" description="Share of probes that passed, per vantage point." actions={<LiveIndicator state={live} updatedAt={dataUpdatedAt} />} />
        <CardBody className="overflow-x-auto">
          {shown.length === 0 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">No results yet.</p>
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-zinc-500 uppercase dark:text-zinc-400">
                <tr>
                  <th scope="col" className="py-1 pr-4 font-medium">Vantage point</th>
                  {WINDOWS.map((w) => (
                    <th key={w} scope="col" className="py-1 pr-4 text-right font-medium">{w}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((v) => (
                  <tr key={v.id} className="border-t border-zinc-100 dark:border-zinc-800">
                    <th scope="row" className="py-1.5 pr-4 text-left font-normal text-zinc-800 dark:text-zinc-200">
                      {v.name} <span className="text-xs text-zinc-400">({v.kind})</span>
                    </th>
                    {WINDOWS.map((w) => {
                      const pct = uptime[v.id]?.[w];
                      return (
                        <td key={w} className="py-1.5 pr-4 text-right font-mono tabular-nums text-zinc-900 dark:text-zinc-100">
                          {pct == null ? "—" : `${pct.toFixed(2)}%`}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="History"
          description={isFetching ? "Refreshing…" : "Mean latency of passing probes, and uptime, per vantage point."}
          actions={<Segmented name="window" value={window} onChange={setWindow} options={WINDOWS.map((w) => ({ value: w, label: w }))} />}
        />
        <CardBody className="space-y-6">
          {!data ? (
            <Skeleton className="h-56 w-full" />
          ) : data.series.length === 0 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">No results in this window.</p>
          ) : (
            <>
              <section aria-label="Latency chart">
                <h3 className="mb-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">Latency</h3>
                <Chart data={data.series} vantages={shown} field="latencyMs" unit=" ms" window={window} />
              </section>
              <section aria-label="Uptime chart">
                <h3 className="mb-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">Uptime</h3>
                <Chart data={data.series} vantages={shown} field="uptime" unit="%" window={window} domain={[0, 100]} />
              </section>
            </>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
