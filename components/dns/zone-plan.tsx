// One zone's plan, like `terraform plan`: creates (green +), updates (amber ~), deletes (red −),
// clashes with foreign records (reported, never overwritten), foreign records read-only, and an
// Apply button that shows each record's outcome.
"use client";

import { useCan } from "@/components/auth/role-context";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import type { ApplyResultView, ZonePlanView } from "@/lib/dns/schemas";

type Change = ZonePlanView["changes"][number];

const ACTION_STYLE = {
  create: { sign: "+", row: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200", label: "create" },
  update: { sign: "~", row: "bg-amber-50 text-amber-900 dark:bg-amber-950/50 dark:text-amber-200", label: "update" },
  delete: { sign: "−", row: "bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200", label: "delete" },
} as const;

const fmt = (s?: { values: string[]; ttl: number }) => (s ? `${s.values.join(", ")}${s.ttl ? ` (TTL ${s.ttl})` : ""}` : "");

function ChangeRow({ c, outcome }: { c: Change; outcome?: ApplyResultView["outcomes"][number] }) {
  const st = ACTION_STYLE[c.action];
  return (
    <li className={cn("flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-md px-3 py-2 font-mono text-xs sm:text-sm", st.row)}>
      <span aria-hidden className="w-3 font-bold">{st.sign}</span>
      <span className="sr-only">{st.label}</span>
      <span className="min-w-0 break-all font-semibold">{c.name}</span>
      <span>{c.type}</span>
      <span className="min-w-0 break-all">
        {c.action === "update" ? <>{fmt(c.before)} → {fmt(c.after)}</> : fmt(c.after ?? c.before)}
      </span>
      {outcome && (
        <span className={cn("ml-auto font-sans text-xs font-medium", outcome.ok ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300")}>
          {outcome.ok ? "✓ applied" : `✗ ${outcome.error ?? "failed"}`}
        </span>
      )}
    </li>
  );
}

export function ZonePlan({ plan }: { plan: ZonePlanView }) {
  const api = useApi();
  const qc = useQueryClient();
  const canWrite = useCan("write");
  const apply = useMutation({
    // Keeps the changes as they were when applied: the plan refreshes (empty) right after.
    mutationFn: async () => ({ changes: plan.changes, res: await api.post<{ zones: ApplyResultView[] }>("/api/v1/dns/apply", { zoneId: plan.zone.id }) }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["dns"] }),
  });
  const result = apply.data?.res.zones[0];
  const shown = apply.data?.changes ?? plan.changes;
  const outcomeOf = (c: Change) => result?.outcomes.find((o) => o.name === c.name && o.type === c.type && o.action === c.action);
  const counts = { create: 0, update: 0, delete: 0 };
  for (const c of plan.changes) counts[c.action]++;
  const nothing = plan.changes.length === 0;

  return (
    <Card aria-labelledby={`zone-${plan.zone.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <div className="min-w-0">
          <h3 id={`zone-${plan.zone.id}`} className="flex flex-wrap items-center gap-2 font-semibold text-zinc-900 dark:text-zinc-100">
            <span className="break-all">{plan.zone.name}</span>
            <Badge tone={plan.zone.role === "lan" ? "info" : "accent"}>{plan.zone.role === "lan" ? "LAN" : "public"}</Badge>
          </h3>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {plan.zone.providerName} · {counts.create} to create, {counts.update} to update, {counts.delete} to delete, {plan.unchanged} unchanged
          </p>
        </div>
        {canWrite && (
          <Button size="sm" onClick={() => apply.mutate()} loading={apply.isPending} disabled={nothing || plan.error !== null || plan.issues.length > 0}>
            Apply
          </Button>
        )}
      </div>
      <div className="space-y-3 px-4 py-3">
        {plan.error && <Alert tone="error" title="The provider could not be read">{plan.error}</Alert>}
        {plan.issues.length > 0 && (
          <Alert tone="error" title="Invalid records: nothing will be applied">
            <ul className="list-disc pl-5">{plan.issues.map((i) => <li key={i.path + i.message}>{i.message}</li>)}</ul>
          </Alert>
        )}
        {apply.isError && <Alert tone="error">{errorMessage(apply.error)}{apply.error instanceof ApiRequestError && apply.error.issues.length > 0 && ` (${apply.error.issues.length} issues)`}</Alert>}
        {result && (
          <Alert tone={result.ok ? "success" : "error"} className="flex flex-wrap items-center justify-between gap-2">
            {result.ok ? (result.outcomes.length ? `Applied ${result.outcomes.length} changes.` : "Already up to date.") : `Apply failed: ${result.error}. The desired state is kept and the reconciler retries.`}{" "}
            <button type="button" className="underline" onClick={() => apply.reset()}>Show the current plan</button>
          </Alert>
        )}
        {nothing && !result && !plan.error ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No changes. The zone matches the routes.</p>
        ) : (
          <ul className="space-y-1" aria-label={`Changes in ${plan.zone.name}`}>
            {shown.map((c) => <ChangeRow key={`${c.action}${c.name}${c.type}`} c={c} outcome={outcomeOf(c)} />)}
          </ul>
        )}
        {plan.conflicts.length > 0 && (
          <div className="rounded-md border border-amber-300 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:text-amber-200">
            <p className="font-medium">Name clashes (left untouched)</p>
            <ul className="mt-1 space-y-1">{plan.conflicts.map((c) => <li key={c.name + c.type} className="break-words text-xs">{c.reason}</li>)}</ul>
          </div>
        )}
        {plan.foreign.length > 0 && (
          <details className="text-sm">
            <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{plan.foreign.length} records not managed by Homeport (read-only)</summary>
            <ul className="mt-2 space-y-1 font-mono text-xs text-zinc-600 dark:text-zinc-400">
              {plan.foreign.map((f) => <li key={f.name + f.type} className="break-all">{f.name} {f.type} {f.values.join(", ")}</li>)}
            </ul>
          </details>
        )}
      </div>
    </Card>
  );
}
