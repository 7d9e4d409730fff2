// A small time-series area chart for a container's CPU or memory: time axis, a y axis with units
// and a domain chosen by the caller (from 0, with a floor), an optional dashed limit line, and a
// dot with a note when there is a single sample.
"use client";

import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ResourcePoint {
  t: number;
  v: number;
}

export function ResourceChart({ points, domain, format, colour, label, limit }: { points: ResourcePoint[]; domain: [number, number]; format: (v: number) => string; colour: string; label: string; limit?: { value: number; label: string } }) {
  const first = points[0]?.t ?? 0;
  const last = points.at(-1)?.t ?? 0;
  const pad = points.length === 1 ? 30_000 : 0;
  return (
    <div className="h-40 w-full text-xs" role="img" aria-label={`${label} over time${points.length ? `, latest ${format(points.at(-1)!.v)}` : ""}`}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-zinc-200 dark:stroke-zinc-800" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[first - pad, last + pad]}
            tickFormatter={(t: number) => new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
            stroke="currentColor"
            className="text-zinc-500"
            minTickGap={28}
          />
          <YAxis domain={domain} tickFormatter={format} stroke="currentColor" className="text-zinc-500" width={64} tickCount={5} />
          <Tooltip
            labelFormatter={(t) => new Date(Number(t)).toLocaleTimeString()}
            formatter={(v) => [format(Number(v)), label]}
            contentStyle={{ background: "rgb(24 24 27)", border: "none", borderRadius: 8, color: "#fafafa" }}
          />
          {limit && limit.value <= domain[1] && <ReferenceLine y={limit.value} stroke="#ef4444" strokeDasharray="4 3" label={{ value: limit.label, position: "insideTopRight", fill: "#ef4444", fontSize: 11 }} />}
          <Area type="monotone" dataKey="v" stroke={colour} fill={colour} fillOpacity={0.15} strokeWidth={2} dot={points.length === 1 ? { r: 4 } : false} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
