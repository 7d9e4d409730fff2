// One figure of a scale run against the number of agents: a line per series (p50/p95/p99, or one
// per page), the target drawn as a dashed red line, and the points as a table for screen readers
// and anyone who wants the numbers.
"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CapacityRun } from "@/lib/capacity/schemas";
import { chartRows, niceAxis, type ChartDef } from "@/lib/capacity/view";

const COLOURS = ["#6366f1", "#f59e0b", "#ef4444", "#10b981"];

const fmt = (v: number | null, unit: string) => (v === null ? "—" : `${v >= 100 ? Math.round(v).toLocaleString("en-US") : Number(v.toFixed(2)).toLocaleString("en-US")} ${unit}`);

export function StepChart({ run, chart }: { run: CapacityRun; chart: ChartDef }) {
  const rows = chartRows(run, chart);
  const data = rows.map((r) => ({ agents: r.agents, ...r.values }));
  const values = rows.flatMap((r) => Object.values(r.values)).filter((v): v is number => v !== null);
  const yTicks = niceAxis(Math.max(chart.target ?? 0, ...values) * 1.05);
  const xTicks = niceAxis(Math.max(...rows.map((r) => r.agents)));
  const last = rows.at(-1);
  const summary = `${chart.title} by number of agents${last ? `: at ${last.agents.toLocaleString("en-US")} agents ${chart.series.map((s) => `${s.label} ${fmt(last.values[s.key] ?? null, chart.unit)}`).join(", ")}` : ""}${chart.target !== null ? `; ${chart.targetLabel}` : ""}`;
  const titleId = `chart-${chart.id}-title`;
  return (
    <figure className="min-w-0 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900" aria-labelledby={titleId} data-testid={`capacity-chart-${chart.id}`}>
      <figcaption id={titleId} className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        <span>
          {chart.title} <span className="font-normal text-zinc-500 dark:text-zinc-400">({chart.unit})</span>
        </span>
        {chart.target !== null && (
          <span className="flex items-center gap-1.5 text-xs font-normal text-red-700 dark:text-red-400">
            <span aria-hidden className="inline-block w-4 border-t-2 border-dashed border-red-500" />
            {chart.targetLabel}
          </span>
        )}
      </figcaption>
      {values.length === 0 ? (
        <p className="flex h-48 items-center justify-center text-sm text-zinc-500 dark:text-zinc-400">Not measured in this run.</p>
      ) : (
        <div className="mt-2 h-48 w-full text-xs" role="img" aria-label={summary}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" className="stroke-zinc-200 dark:stroke-zinc-800" />
              <XAxis dataKey="agents" type="number" domain={[0, xTicks.at(-1)!]} ticks={xTicks} tickFormatter={(v: number) => v.toLocaleString("en-US")} stroke="currentColor" className="text-zinc-500" minTickGap={8} />
              <YAxis domain={[0, yTicks.at(-1)!]} ticks={yTicks} tickFormatter={(v: number) => v.toLocaleString("en-US")} stroke="currentColor" className="text-zinc-500" width={48} />
              <Tooltip
                labelFormatter={(v) => `${Number(v).toLocaleString("en-US")} agents`}
                formatter={(v, name) => [fmt(v === null || v === undefined ? null : Number(v), chart.unit), String(name)]}
                contentStyle={{ background: "rgb(24 24 27)", border: "none", borderRadius: 8, color: "#fafafa" }}
              />
              {chart.series.length > 1 && <Legend verticalAlign="bottom" height={20} iconType="plainline" />}
              {chart.target !== null && <ReferenceLine y={chart.target} stroke="#ef4444" strokeDasharray="4 3" />}
              {chart.series.map((s, i) => (
                <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:text-zinc-200">Show as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">{chart.title} by number of agents</caption>
            <thead className="text-zinc-500 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Agents</th>
                {chart.series.map((s) => (
                  <th key={s.key} scope="col" className="py-1 pr-3 font-medium">{s.label}</th>
                ))}
              </tr>
            </thead>
            <tbody className="text-zinc-700 dark:text-zinc-300">
              {rows.map((r) => (
                <tr key={r.agents}>
                  <th scope="row" className="py-0.5 pr-3 font-normal">{r.agents.toLocaleString("en-US")}</th>
                  {chart.series.map((s) => (
                    <td key={s.key} className={`py-0.5 pr-3 ${chart.target !== null && chart.limited.includes(s.key) && (r.values[s.key] ?? 0) > chart.target ? "text-red-700 dark:text-red-400" : ""}`}>{fmt(r.values[s.key] ?? null, chart.unit)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
