// A check's latency over a window: one line per vantage point on an axis from 0 with a floor (a few
// ms of jitter is a ripple, not a cliff), units on both axes, buckets with failures shaded red and
// left as gaps in the line. Instead of an empty frame: "no results yet" for a new check, "all
// checks failed in this window: <why>" for a failing one, and a dot with a note for a first result.
"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LatencyChart as LatencyChartData } from "@/lib/probes/queries";
import { errorWords, SERIES_COLOURS } from "@/components/reachability/status";
import { formatMs, latencyDomain } from "./scale";

/** Draw a dot on each point while there are at most this many (a sparse line reads as points). */
const DOTS_UP_TO = 30;

export interface ChartVantage {
  id: string;
  name: string;
}

function timeTick(spanMs: number) {
  return (t: number) => {
    const d = new Date(t);
    return spanMs <= 36 * 3600_000 ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : d.toLocaleDateString([], { month: "short", day: "numeric" });
  };
}

function Note({ tone, children, testId }: { tone: "neutral" | "danger"; children: React.ReactNode; testId: string }) {
  return (
    <div
      role="status"
      data-testid={testId}
      className={
        tone === "danger"
          ? "flex h-40 items-center justify-center rounded-lg border border-dashed border-red-300 bg-red-50 px-4 text-center text-sm text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300"
          : "flex h-40 items-center justify-center rounded-lg border border-dashed border-zinc-300 px-4 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
      }
    >
      <div>{children}</div>
    </div>
  );
}

export function LatencyChart({ data, vantages, intervalSec }: { data: LatencyChartData; vantages: ChartVantage[]; intervalSec: number }) {
  const { series, bucketMs, lastFailure } = data;
  const shown = vantages.filter((v) => series.some((p) => p.values[v.id]));
  if (series.length === 0 || shown.length === 0) {
    return (
      <Note tone="neutral" testId="latency-empty">
        No results yet: the first check runs within {intervalSec} s.
      </Note>
    );
  }
  const latencies = series.flatMap((p) => shown.map((v) => p.values[v.id]?.latencyMs ?? null));
  if (latencies.every((l) => l === null)) {
    return (
      <Note tone="danger" testId="latency-failed">
        <p className="font-medium">All checks failed in this window: {lastFailure ? errorWords(lastFailure.errorClass) || "error" : "no probe passed"}.</p>
        {lastFailure?.message && <p className="mt-1 break-words text-xs opacity-80">{lastFailure.message}</p>}
        <p className="mt-1 text-xs opacity-80">There is no latency to draw until a probe passes.</p>
      </Note>
    );
  }
  const rows = series.map((p) => ({ t: p.t + bucketMs / 2, ...Object.fromEntries(shown.map((v) => [v.id, p.values[v.id]?.latencyMs ?? null])) }));
  const failing = series.filter((p) => shown.some((v) => (p.values[v.id]?.uptime ?? 100) < 100));
  const allFailed = (p: (typeof series)[number]) => shown.every((v) => !p.values[v.id] || p.values[v.id]!.latencyMs === null);
  const first = series[0]!.t;
  const last = series.at(-1)!.t + bucketMs;
  const [, top] = latencyDomain(latencies);
  const one = series.length === 1 ? latencies.find((l) => l !== null) : undefined;

  return (
    <figure className="space-y-2" aria-label={`Latency, ${shown.map((v) => v.name).join(", ")}`} data-testid="latency-chart" data-failing-buckets={failing.length}>
      <div className="h-56 w-full text-xs sm:h-64">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="stroke-zinc-200 dark:stroke-zinc-800" />
            {failing.map((p) => (
              <ReferenceArea key={p.t} x1={p.t} x2={p.t + bucketMs} y1={0} y2={top} ifOverflow="hidden" fill="#ef4444" fillOpacity={allFailed(p) ? 0.28 : 0.12} strokeOpacity={0} />
            ))}
            <XAxis dataKey="t" type="number" scale="time" domain={[first, last]} tickFormatter={timeTick(last - first)} stroke="currentColor" className="text-zinc-500" minTickGap={28} />
            <YAxis domain={[0, top]} ticks={[0, top / 4, top / 2, (top * 3) / 4, top]} tickFormatter={(v: number) => `${v} ms`} stroke="currentColor" className="text-zinc-500" width={60} />
            <Tooltip
              labelFormatter={(t) => new Date(Number(t) - bucketMs / 2).toLocaleString()}
              formatter={(v) => (v == null ? "failed" : formatMs(Number(v)))}
              contentStyle={{ background: "rgb(24 24 27)", border: "none", borderRadius: 8, color: "#fafafa" }}
            />
            {shown.length > 1 && <Legend />}
            {shown.map((v, i) => (
              <Line
                key={v.id}
                type="monotone"
                dataKey={v.id}
                name={v.name}
                stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
                dot={rows.length <= DOTS_UP_TO ? { r: rows.length === 1 ? 5 : 3 } : false}
                strokeWidth={2}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
        {one !== undefined && one !== null ? (
          <span data-testid="latency-one-point">One point so far ({formatMs(one)}); the line grows as results arrive, one every {intervalSec} s.</span>
        ) : (
          <span>Mean latency of passing probes per {bucketMs >= 3600_000 ? `${bucketMs / 3600_000} h` : bucketMs >= 60_000 ? `${Math.round(bucketMs / 60_000)} min` : `${Math.round(bucketMs / 1000)} s`}.</span>
        )}
        {failing.length > 0 && (
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block size-2.5 rounded-sm bg-red-500/40" /> failures in {failing.length} of {series.length} {series.length === 1 ? "bucket" : "buckets"}
            {lastFailure ? ` (latest: ${errorWords(lastFailure.errorClass) || "error"})` : ""}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
