// The blast radius of a planned game day, as the confirmation before it starts: what stops it now,
// the summary, per route, service and host what should fail from home and from away, and the
// agents it runs on. Also used on the result page for the prediction's "why".
"use client";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import type { PlanView, Prediction } from "@/lib/gamedays/schemas";
import { SIDE_LABEL, sideTone } from "./gameday-model";

export function SideBadge({ side, label }: { side: Prediction["lan"]; label?: string }) {
  return (
    <Badge tone={sideTone(side)}>
      {label && <span className="sr-only">{label}: </span>}
      {SIDE_LABEL[side]}
    </Badge>
  );
}

const broken = (p: Prediction) => [p.lan, p.away].some((s) => s === "down" || s === "degraded");

export function PredictionList({ predictions }: { predictions: Prediction[] }) {
  if (predictions.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-300">Nothing Homeport knows of is in the blast radius.</p>;
  // What breaks first, then the rest.
  const sorted = [...predictions].sort((a, b) => Number(broken(b)) - Number(broken(a)));
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" data-testid="gameday-predictions">
      {sorted.map((p) => (
        <li key={`${p.type}:${p.id}`} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-start sm:gap-4" data-testid="gameday-prediction">
          <div className="min-w-0 flex-1">
            <p className="text-sm font-medium break-all">
              <span className="mr-2 text-xs font-normal tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{p.type}</span>
              {p.name}
            </p>
            <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{p.why}</p>
          </div>
          <div className="flex shrink-0 gap-3 text-xs text-zinc-500 dark:text-zinc-400">
            <span className="flex items-center gap-1">home <SideBadge side={p.lan} label="from home" /></span>
            <span className="flex items-center gap-1">away <SideBadge side={p.away} label="from away" /></span>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function PlanPanel({ plan }: { plan: PlanView }) {
  return (
    <div className="space-y-4" data-testid="gameday-plan">
      {plan.blockers.length > 0 && (
        <Alert tone="error" title="It cannot start now">
          <ul className="list-disc pl-5" data-testid="gameday-blockers">
            {plan.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </Alert>
      )}
      <p className="text-sm font-medium" data-testid="gameday-summary">
        {plan.summary}
      </p>
      <PredictionList predictions={plan.predictions} />
      <div className="text-sm text-zinc-600 dark:text-zinc-300">
        <p className="font-medium text-zinc-800 dark:text-zinc-100">Runs on</p>
        <ul className="mt-1 list-disc pl-5">
          {plan.targets.map((t) => (
            <li key={t.hostId}>
              {t.hostName} {t.online ? "" : "(offline)"} — {t.fault.kind === "internet-down" ? "drops everything beyond the LAN networks" : t.fault.kind === "cut-agent" ? "its agent leaves" : t.fault.kind === "netem" ? `netem on ${t.fault.containerId}` : `stops ${t.fault.containerId}`}
            </li>
          ))}
        </ul>
        {plan.warnings.map((w) => (
          <p key={w} className="mt-2 text-xs break-words">
            {w}
          </p>
        ))}
      </div>
    </div>
  );
}
