// Earlier rollouts of a service (the Runtime card shows the latest one with its log). Shares the
// deployments query with ServiceRuntime, so live deploy events refresh both.
"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { agentQueryKeys } from "@/components/agents";
import { useApi } from "@/lib/client/api";
import type { DeploymentView } from "@/lib/agents/schemas";

const TONE = { pending: "neutral", running: "info", succeeded: "success", unchanged: "neutral", failed: "danger" } as const;

export function DeploymentHistory({ serviceId }: { serviceId: string }) {
  const api = useApi();
  const [open, setOpen] = useState<string | null>(null);
  const { data } = useQuery({
    queryKey: agentQueryKeys.deployments(serviceId),
    queryFn: ({ signal }) => api.get<{ items: DeploymentView[] }>(`/api/v1/services/${serviceId}/deployments`, signal),
  });
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card aria-labelledby="deployments">
      <CardHeader id="deployments" title="Deployments" description="Every rollout of this service, newest first." />
      <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="deployment-history">
        {items.map((d) => (
          <li key={d.id} className="px-5 py-3 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={TONE[d.status]}>{d.status}</Badge>
              <Time iso={d.createdAt} className="text-zinc-600 dark:text-zinc-300" />
              {d.actorName && <span className="text-xs text-zinc-500 dark:text-zinc-400">by {d.actorName}</span>}
              {d.specHash && <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">spec {d.specHash.slice(0, 8)}</code>}
              {d.log.length > 0 && (
                <Button size="sm" variant="ghost" className="ml-auto" aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? null : d.id)}>
                  {open === d.id ? "Hide log" : "Show log"}
                </Button>
              )}
            </div>
            {d.error && <p className="mt-1 text-red-700 dark:text-red-300">{d.error}</p>}
            {open === d.id && <pre className="mt-2 max-h-64 overflow-auto rounded-md bg-zinc-950 p-2 text-xs text-zinc-100">{d.log.join("\n")}</pre>}
          </li>
        ))}
      </ol>
    </Card>
  );
}
