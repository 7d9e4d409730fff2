// Settings → Capacity: the live headroom cards on top (refreshed every few seconds), then the last
// scale run, whose headroom line follows the same live figures.
"use client";

import type { CapacityLive, CapacityRun } from "@/lib/capacity/schemas";
import { LiveCards, useCapacityLive } from "./live-cards";
import { NoRun, RunReport } from "./run-report";

export function CapacityView({ initialLive, run, runProblem }: { initialLive: CapacityLive; run: CapacityRun | null; runProblem: string | null }) {
  const q = useCapacityLive(initialLive);
  return (
    <div className="space-y-6">
      <LiveCards live={q.data} stale={q.isError} />
      {run ? <RunReport run={run} live={q.data} /> : <NoRun problem={runProblem} />}
    </div>
  );
}
