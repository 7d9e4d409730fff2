// The latest rollout of a stack, step by step as the stack/rollout events arrive: pending →
// running → succeeded / failed / skipped, each with its message; when it failed, why at the top.
"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import type { StackRolloutView } from "@/lib/stacks/schemas";
import { ACTION_LOOK, ROLLOUT_LOOK, STEP_LOOK, groupPlan } from "./stack-model";

/** "2 of 3 steps done" (unchanged services are not steps). */
export function rolloutProgress(r: StackRolloutView): string {
  const work = r.steps.filter((s) => s.action !== "unchanged");
  const done = work.filter((s) => s.status === "succeeded" || s.status === "failed" || s.status === "skipped").length;
  if (work.length === 0) return "nothing to change";
  return `${done} of ${work.length} step${work.length === 1 ? "" : "s"} done`;
}

export function StackRolloutCard({ rollout }: { rollout: StackRolloutView | null }) {
  if (!rollout) {
    return (
      <Card data-testid="stack-rollout" data-status="none">
        <CardHeader title="Rollout" description="Nothing applied yet: review the plan above, then Apply." />
      </Card>
    );
  }
  const look = ROLLOUT_LOOK[rollout.status];
  return (
    <Card data-testid="stack-rollout" data-status={rollout.status} aria-busy={rollout.status === "running" || undefined}>
      <CardHeader
        title={`Rollout of version ${rollout.version}`}
        description={
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Badge tone={look.tone}>{look.label}</Badge>
            <span>
              started <Time iso={rollout.createdAt} />
              {rollout.actorName ? ` by ${rollout.actorName}` : ""}
            </span>
            <span role="status" className="tabular-nums">
              · {rolloutProgress(rollout)}
            </span>
          </span>
        }
      />
      <CardBody className="space-y-4">
        {rollout.status === "failed" && rollout.error && (
          <Alert tone="error" title="The rollout stopped">
            <span data-testid="rollout-error">{rollout.error}</span>
          </Alert>
        )}
        {groupPlan(rollout.steps).map((g) => (
          <section key={g.key} aria-labelledby={`rollout-${g.key}`}>
            <h3 id={`rollout-${g.key}`} className="mb-1.5 text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">
              {g.title}
            </h3>
            <ol className="space-y-2">
              {g.steps.map((s) => {
                const st = STEP_LOOK[s.status];
                return (
                  <li
                    key={`${s.action}-${s.key}`}
                    className="rounded-lg border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800"
                    data-testid="rollout-step"
                    data-key={s.key}
                    data-status={s.status}
                  >
                    <div className="flex flex-wrap items-center gap-2">
                      {s.status === "running" ? <Spinner className="size-4 text-sky-600" /> : null}
                      <span className="font-medium">
                        {s.serviceId ? (
                          <Link href={`/services/${s.serviceId}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                            {s.key}
                          </Link>
                        ) : (
                          s.key
                        )}
                      </span>
                      <span className="text-xs text-zinc-500 dark:text-zinc-400">{ACTION_LOOK[s.action].label}</span>
                      <Badge tone={st.tone} className="ml-auto">
                        {st.label}
                      </Badge>
                    </div>
                    {s.message && <p className={`mt-1 text-xs break-words ${s.status === "failed" ? "text-red-700 dark:text-red-300" : "text-zinc-600 dark:text-zinc-400"}`}>{s.message}</p>}
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </CardBody>
    </Card>
  );
}
