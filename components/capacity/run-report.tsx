// Settings → Capacity's last scale run: the verdict ("Held 1,000 agents × 50 containers; collapsed at
// 2,000: event loop"), where this instance stands against it, the machine and the load, the curves
// against their targets and every step as a table. Before any run: how to produce one.
"use client";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { IconActivity } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { cn } from "@/components/ui/cn";
import type { CapacityLive, CapacityRun } from "@/lib/capacity/schemas";
import { headroom, runCharts, verdictLine } from "@/lib/capacity/view";
import { StepChart } from "./step-chart";
import { StepsTable } from "./steps-table";

const BENCH_COMMAND = "npm run bench:scale";

const HEADROOM_TONE = {
  ok: "text-emerald-700 dark:text-emerald-400",
  warning: "text-amber-700 dark:text-amber-400",
  danger: "text-red-700 dark:text-red-400",
  unknown: "text-zinc-600 dark:text-zinc-300",
};

function duration(fromIso: string, toIso: string): string {
  const s = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

export function NoRun({ problem }: { problem: string | null }) {
  return (
    <Card aria-labelledby="run-title">
      <CardHeader id="run-title" title="Last scale run" description="What this machine carried when the scale bench pushed simulated agents at it." />
      {problem ? (
        <CardBody>
          <Alert tone="error" title="The last run cannot be read">
            <p className="break-words">{problem}</p>
          </Alert>
        </CardBody>
      ) : (
        <EmptyState icon={<IconActivity className="size-6" />} title="No scale run yet">
          <p>
            The bench starts a control plane on a temporary data dir, connects 100, 250, 500 and 1,000 simulated agents with 50 containers each, and measures memory, CPU, event latency, reconnect storms and page times at each
            step. Run it on this machine from the Homeport folder (after <code>npm run build</code>):
          </p>
          <div className="mt-3 flex flex-wrap items-center justify-center gap-2">
            <code className="rounded bg-zinc-100 px-2 py-1 font-mono text-sm text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100" data-testid="bench-command">
              {BENCH_COMMAND}
            </code>
            <CopyButton value={BENCH_COMMAND} label="Copy command" />
          </div>
          <p className="mt-3 text-xs">It writes capacity/last-run.json beside the database; this page shows it.</p>
        </EmptyState>
      )}
    </Card>
  );
}

export function RunReport({ run, live }: { run: CapacityRun; live: CapacityLive }) {
  const held = headroom(run, live);
  const collapsed = run.collapse !== null;
  const charts = runCharts(run);
  const c = run.config;
  return (
    <Card aria-labelledby="run-title">
      <CardHeader
        id="run-title"
        title="Last scale run"
        description={
          <>
            Ran <Time iso={run.startedAt} /> for {duration(run.startedAt, run.finishedAt)} on {run.machine.cpus} cores, {run.machine.memoryGiB.toFixed(1)} GiB, Node {run.machine.node}
          </>
        }
        actions={<Badge tone={collapsed ? "danger" : "success"}>{collapsed ? "Collapsed" : "Held"}</Badge>}
      />
      <CardBody className="space-y-5">
        <div>
          <p className={cn("text-lg font-semibold", collapsed ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400")} data-testid="capacity-verdict">
            {verdictLine(run)}
          </p>
          {run.collapse && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">What gave out first: {run.collapse.detail || run.collapse.resource}.</p>}
          <p className={cn("mt-2 text-sm font-medium", HEADROOM_TONE[held.tone])} data-testid="capacity-headroom">
            This instance now: {held.text}
          </p>
        </div>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-5">
          <Fact label="Containers per agent" value={String(c.containersPerAgent)} />
          <Fact label="Stats every" value={`${c.statsIntervalSeconds} s`} />
          <Fact label="Churn" value={`${c.churnPerAgentPerMinute} / agent / min`} />
          <Fact label="Probe results" value={`${c.probeResultsPerAgentPerMinute} / agent / min`} />
          <Fact label="Steady state per step" value={`${c.steadySeconds} s`} />
        </dl>
        <div className="grid gap-4 md:grid-cols-2">
          {charts.map((chart) => (
            <StepChart key={chart.id} run={run} chart={chart} />
          ))}
        </div>
        <StepsTable run={run} />
      </CardBody>
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">{value}</dd>
    </div>
  );
}
