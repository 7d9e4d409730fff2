// The plan before applying: what Homeport would create, replace or remove in Caddy, then Apply.
// If Caddy refuses a change, the change and Caddy's own error text are shown.
"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/client/api";
import type { IngressChangeViewT } from "@/lib/ingress/schemas";
import { useApplyIngress, useIngressPlan } from "./use-ingress";

const ACTION: Record<IngressChangeViewT["action"], { tone: BadgeTone; label: string }> = {
  create: { tone: "success", label: "Add" },
  update: { tone: "warning", label: "Replace" },
  delete: { tone: "danger", label: "Remove" },
};
const KIND: Record<IngressChangeViewT["kind"], string> = { server: "Server", route: "Proxy entry", "tls-policy": "TLS policy", certificate: "Certificate" };

export function ChangeList({ changes }: { changes: IngressChangeViewT[] }) {
  return (
    <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {changes.map((c) => (
        <li key={`${c.action}-${c.id}`} className="flex flex-wrap items-center gap-2 py-2 text-sm">
          <Badge tone={ACTION[c.action].tone}>{ACTION[c.action].label}</Badge>
          <span className="text-zinc-500 dark:text-zinc-400">{KIND[c.kind]}</span>
          <span className="min-w-0 font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">{c.summary}</span>
        </li>
      ))}
    </ul>
  );
}

export function IngressPlanCard() {
  const [open, setOpen] = useState(false);
  const plan = useIngressPlan(open);
  const apply = useApplyIngress();
  const toast = useToast();
  const changes = plan.data?.changes ?? [];

  const onApply = () =>
    apply.mutate(undefined, {
      onSuccess: (r) => {
        if (!r.failed && r.caddy.status === "ok") toast(r.applied.length ? `Applied ${r.applied.length} change${r.applied.length === 1 ? "" : "s"} to Caddy` : "Caddy already matched");
        void plan.refetch();
      },
    });

  return (
    <Card aria-labelledby="plan-title">
      <CardHeader
        id="plan-title"
        title="Plan"
        description="Review what will change in Caddy before applying it."
        actions={
          open ? (
            <>
              <Button variant="secondary" size="sm" onClick={() => plan.refetch()} loading={plan.isFetching}>Refresh</Button>
              <Button size="sm" onClick={onApply} loading={apply.isPending} disabled={plan.isFetching || changes.length === 0}>Apply</Button>
            </>
          ) : (
            <Button size="sm" onClick={() => setOpen(true)}>Review changes</Button>
          )
        }
      />
      {open && (
        <CardBody className="space-y-3">
          {plan.isPending ? (
            <Skeleton className="h-16" />
          ) : plan.isError ? (
            <Alert tone="error">{errorMessage(plan.error)}</Alert>
          ) : plan.data.caddy.status !== "ok" ? (
            <Alert tone="error" title="Caddy could not be read, so there is no plan">{plan.data.caddy.detail}</Alert>
          ) : changes.length === 0 ? (
            <Alert tone="success">Caddy matches the routes: nothing to apply.</Alert>
          ) : (
            <ChangeList changes={changes} />
          )}
          {plan.data && plan.data.unresolved.length > 0 && (
            <Alert tone="warning" title="Routes without an upstream (left out of the plan)">
              <ul className="list-disc space-y-1 pl-5">
                {plan.data.unresolved.map((u) => (
                  <li key={u.routeId}><span className="font-mono text-xs">{u.hostname}</span>: {u.reason}</li>
                ))}
              </ul>
            </Alert>
          )}
          {apply.data?.failed && (
            <Alert tone="error" title={`Caddy refused: ${apply.data.failed.change.summary}`}>
              <p>The changes before it were applied; Caddy kept its previous config for this one.</p>
              <pre className="mt-2 overflow-x-auto font-mono text-xs whitespace-pre-wrap break-words">{apply.data.failed.message}</pre>
            </Alert>
          )}
          {apply.data && !apply.data.failed && apply.data.caddy.status === "unreachable" && <Alert tone="error">{apply.data.caddy.detail}</Alert>}
          {apply.isError && <Alert tone="error">{errorMessage(apply.error)}</Alert>}
        </CardBody>
      )}
    </Card>
  );
}
