// The Plan card: what applying the file would do, before anything changes, grouped by dependency
// level (each level's services go together, removals last): create, recreate with its reasons,
// unchanged, remove; and the Apply button.
"use client";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/client/api";
import type { StackPlanView } from "@/lib/stacks/schemas";
import { IssueList } from "./issue-list";
import { ACTION_LOOK, groupPlan, planSummary } from "./stack-model";

export interface ApplyControl {
  onApply: () => void;
  pending: boolean;
  /** Why Apply is not offered now (a rollout under way, nothing to apply), or null. */
  blocked: string | null;
  error: unknown;
  pull: boolean;
  onPull: (v: boolean) => void;
}

export function PlanSteps({ plan }: { plan: StackPlanView }) {
  return (
    <div className="space-y-4">
      {groupPlan(plan.steps).map((g) => (
        <section key={g.key} aria-labelledby={`plan-${g.key}`} data-testid="plan-group">
          <h3 id={`plan-${g.key}`} className="mb-1.5 text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">
            {g.title}
          </h3>
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {g.steps.map((s) => (
              <li key={`${s.action}-${s.key}`} className="px-3 py-2 text-sm" data-testid="plan-step" data-key={s.key} data-action={s.action}>
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={ACTION_LOOK[s.action].tone}>{ACTION_LOOK[s.action].label}</Badge>
                  <span className="font-medium">{s.key}</span>
                  <span className="min-w-0 font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{s.name}</span>
                </div>
                {s.reasons.length > 0 && (
                  <ul className="mt-1 list-inside list-disc text-xs text-zinc-600 dark:text-zinc-300" aria-label={`Why ${s.key} is ${s.action === "remove" ? "removed" : "recreated"}`}>
                    {s.reasons.map((r) => (
                      <li key={r} className="break-words" data-testid="plan-reason">
                        {r}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function StackPlanCard({ plan, loading, error, apply }: { plan: StackPlanView | undefined; loading: boolean; error: unknown; apply: ApplyControl }) {
  const canApply = plan?.ok === true && apply.blocked === null;
  return (
    <Card data-testid="stack-plan">
      <CardHeader
        id="plan"
        title="Plan"
        description={plan?.ok ? `Applying the file now: ${planSummary(plan.steps)}.` : "What applying the file would change."}
        actions={
          <>
            <label className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" className="size-4 accent-indigo-600" checked={apply.pull} onChange={(e) => apply.onPull(e.target.checked)} /> pull images
            </label>
            <Button onClick={apply.onApply} loading={apply.pending} disabled={!canApply}>
              Apply
            </Button>
          </>
        }
      />
      <CardBody className="space-y-4">
        {apply.error != null && <Alert tone="error" title="Could not apply">{errorMessage(apply.error)}</Alert>}
        {error != null && <Alert tone="error" title="Could not plan">{errorMessage(error)}</Alert>}
        {apply.blocked && plan?.ok && <p className="text-sm text-zinc-600 dark:text-zinc-400">{apply.blocked}</p>}
        {loading && !plan && (
          <div className="space-y-2" aria-hidden="true">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        )}
        {plan && !plan.ok && (
          <>
            <Alert tone="error" title="The file cannot be applied">
              Fix these problems under Edit below, save, and the plan follows.
            </Alert>
            <IssueList issues={plan.errors} kind="error" label="Problems" />
          </>
        )}
        {plan?.ok && <IssueList issues={plan.warnings} kind="warning" label="Warnings" />}
        {plan?.ok && <PlanSteps plan={plan} />}
      </CardBody>
    </Card>
  );
}
