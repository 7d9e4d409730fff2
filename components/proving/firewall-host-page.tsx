// Proving ground → Firewall → one host: what is broken first (a change waiting or reverted, the
// firewall unreadable), then what is allowed in and out per interface, the suggested rules with the
// plan preview and Apply, and the change history. Re-read every few seconds while a change waits.
"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { errorMessage, useApi } from "@/lib/client/api";
import type { FirewallChangeView, FirewallHostView } from "@/lib/firewall/schemas";
import { FIREWALL_PATH, PENDING_POLL_MS } from "./firewall-model";
import { FirewallViewCard } from "./firewall-view";
import { FirewallPlanCard } from "./firewall-plan";
import { FirewallChanges } from "./firewall-changes";

function Outcome({ change }: { change: FirewallChangeView }) {
  if (change.status === "confirmed") return <Alert tone="success" title="Rules applied and confirmed">Homeport reached the agent with the new rules on, so they are kept.</Alert>;
  if (change.status === "failed") return <Alert tone="error" title="The change failed">{change.error}</Alert>;
  if (change.status === "reverted") return <Alert tone="warning" title="The rules were reverted">{change.error}</Alert>;
  return <Alert tone="warning" title="Not confirmed: the agent will revert these rules">{change.error}</Alert>;
}

export function FirewallHostPage({ hostId, hostName }: { hostId: string; hostName: string }) {
  const api = useApi();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<FirewallChangeView | null>(null);
  const changes = useQuery({
    queryKey: ["firewall", hostId, "changes"],
    queryFn: ({ signal }) => api.get<{ items: FirewallChangeView[] }>(`${FIREWALL_PATH(hostId)}/changes`, signal),
    refetchInterval: (q) => (q.state.data?.items.some((c) => c.status === "applied" || c.status === "pending") ? PENDING_POLL_MS : false),
  });
  const waiting = changes.data?.items.some((c) => c.status === "applied" || c.status === "pending") ?? false;
  const fw = useQuery({
    queryKey: ["firewall", hostId],
    queryFn: ({ signal }) => api.get<FirewallHostView>(FIREWALL_PATH(hostId), signal),
    refetchInterval: waiting ? PENDING_POLL_MS : false,
  });
  const onApplied = (c: FirewallChangeView) => {
    setOutcome(c);
    void qc.invalidateQueries({ queryKey: ["firewall", hostId] });
  };
  const v = fw.data;
  const latest = changes.data?.items[0];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <Link href="/proving/firewall" className="text-sm text-blue-700 hover:underline dark:text-blue-400">← All hosts</Link>
        <h2 className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">{hostName}</h2>
        {v && <Badge tone={v.host.online ? "success" : "neutral"}>{v.host.online ? "Agent online" : "Agent offline"}</Badge>}
        {v && !v.host.allowFirewall && <Badge tone="warning">Firewall access off (--deny-firewall)</Badge>}
        {v?.view?.homeportTable && <Badge tone="accent">Homeport table in force</Badge>}
      </div>
      {outcome && <Outcome change={changes.data?.items.find((c) => c.id === outcome.id) ?? outcome} />}
      {!outcome && latest && (latest.status === "reverted" || latest.status === "failed") && (
        <Alert tone="warning" title="The last change did not stick">{latest.error}</Alert>
      )}
      {v?.pending.map((p) => (
        <Alert key={p.changeId} tone="warning" title="A change is waiting for its confirmation">
          The agent reverts it by itself <Time iso={p.deadline} /> unless Homeport confirms it can still reach the agent.
        </Alert>
      ))}
      {fw.isPending && (
        <Card><CardBody className="space-y-3"><Skeleton className="h-5 w-1/3" /><Skeleton className="h-20 w-full" /><p className="text-sm text-zinc-500">Reading the rules through the agent…</p></CardBody></Card>
      )}
      {fw.isError && <Alert tone="error" title="Could not read this host's firewall">{errorMessage(fw.error)}</Alert>}
      {v && !v.available && <Alert tone="warning" title="The firewall cannot be read here">{v.reason}</Alert>}
      {v?.view && (
        <div data-testid="firewall-headline">
          <Alert tone={v.view.headline.tone === "warning" ? "warning" : "success"}>{v.view.headline.text}</Alert>
        </div>
      )}
      {v?.view && <FirewallViewCard view={v.view} />}
      {v?.suggestions && v.host.allowFirewall && <FirewallPlanCard hostId={hostId} hostName={hostName} suggestions={v.suggestions} onApplied={onApplied} />}
      <FirewallChanges changes={changes.data?.items ?? []} />
    </div>
  );
}
