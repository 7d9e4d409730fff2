// The DNS page: the plan of every zone with Apply, drift with Re-apply, providers and zones.
// Server data comes in as initial props; the plan and drift are read from the providers live.
"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { errorMessage, useApi } from "@/lib/client/api";
import type { DriftView, ProviderView, ZonePlanView, ZoneView } from "@/lib/dns/schemas";
import { ProviderForm } from "./provider-form";
import { ZoneForm } from "./zone-form";
import { ZonePlan } from "./zone-plan";
import { DriftList } from "./drift-list";

interface Props {
  providers: ProviderView[];
  zones: ZoneView[];
  canAdmin: boolean;
}

export function DnsPage(props: Props) {
  const api = useApi();
  const [form, setForm] = useState<"provider" | "zone" | { edit: ProviderView } | null>(null);
  const providers = useQuery({ queryKey: ["dns", "providers"], queryFn: ({ signal }) => api.get<{ items: ProviderView[] }>("/api/v1/dns/providers", signal).then((r) => r.items), initialData: props.providers });
  const zones = useQuery({ queryKey: ["dns", "zones"], queryFn: ({ signal }) => api.get<{ items: ZoneView[] }>("/api/v1/dns/zones", signal).then((r) => r.items), initialData: props.zones });
  const plan = useQuery({ queryKey: ["dns", "plan"], queryFn: ({ signal }) => api.get<{ zones: ZonePlanView[] }>("/api/v1/dns/plan", signal).then((r) => r.zones), enabled: props.zones.length > 0 || (zones.data?.length ?? 0) > 0 });
  const drift = useQuery({ queryKey: ["dns", "drift"], queryFn: ({ signal }) => api.get<{ zones: DriftView[] }>("/api/v1/dns/drift", signal).then((r) => r.zones), enabled: (zones.data?.length ?? 0) > 0 });

  return (
    <div className="space-y-6">
      <section aria-labelledby="dns-plan" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="dns-plan" className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">Plan</h2>
          <Button size="sm" variant="secondary" onClick={() => plan.refetch()} loading={plan.isFetching}>Refresh plan</Button>
        </div>
        {zones.data.length === 0 ? (
          <Alert tone="info">Add a provider and a zone below; Homeport then derives each route&apos;s records and shows them here before applying anything.</Alert>
        ) : plan.isPending ? (
          <Skeleton className="h-32 w-full" />
        ) : plan.isError ? (
          <Alert tone="error">{errorMessage(plan.error)}</Alert>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2">{plan.data.map((p) => <ZonePlan key={p.zone.id} plan={p} />)}</div>
        )}
      </section>

      {zones.data.length > 0 && (
        <Card aria-labelledby="dns-drift">
          <CardHeader id="dns-drift" title="Drift" description="Records changed or removed by hand since Homeport applied them." actions={<Button size="sm" variant="secondary" onClick={() => drift.refetch()} loading={drift.isFetching}>Check now</Button>} />
          <CardBody>{drift.isPending ? <Skeleton className="h-10 w-full" /> : drift.isError ? <Alert tone="error">{errorMessage(drift.error)}</Alert> : <DriftList zones={drift.data} />}</CardBody>
        </Card>
      )}

      <Card aria-labelledby="dns-zones">
        <CardHeader id="dns-zones" title="Zones" description="Which provider answers for a zone at home (LAN) and on the internet (public)." actions={props.canAdmin && providers.data.length > 0 && <Button size="sm" onClick={() => setForm("zone")}>Add zone</Button>} />
        <CardBody className="space-y-4">
          {form === "zone" && <ZoneForm providers={providers.data} onDone={() => setForm(null)} />}
          {zones.data.length === 0 ? <p className="text-sm text-zinc-500 dark:text-zinc-400">No zones yet.</p> : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {zones.data.map((z) => (
                <li key={z.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className="flex min-w-0 flex-wrap items-center gap-2">
                    <span className="break-all font-medium text-zinc-900 dark:text-zinc-100">{z.name}</span>
                    <Badge tone={z.role === "lan" ? "info" : "accent"}>{z.role === "lan" ? "LAN" : "public"}</Badge>
                    <span className="text-zinc-500 dark:text-zinc-400">{z.providerName} → {z.target.join(", ") || "no target"}</span>
                  </span>
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    {z.lastApplyOk === false ? (
                      <span className="text-red-700 dark:text-red-300">Failed{z.retryAt ? <>; retry <Time iso={z.retryAt} /></> : null}: {z.lastError}</span>
                    ) : z.lastApplyAt ? <>Applied <Time iso={z.lastApplyAt} /></> : "Never applied"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="dns-providers">
        <CardHeader id="dns-providers" title="Providers" description="DNS servers and APIs Homeport writes to. Secrets are stored encrypted and never shown again." actions={props.canAdmin && <Button size="sm" onClick={() => setForm("provider")}>Add provider</Button>} />
        <CardBody className="space-y-4">
          {form === "provider" && <ProviderForm onDone={() => setForm(null)} />}
          {typeof form === "object" && form && "edit" in form && <ProviderForm existing={form.edit} onDone={() => setForm(null)} />}
          {providers.data.length === 0 ? <p className="text-sm text-zinc-500 dark:text-zinc-400">No providers yet.</p> : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {providers.data.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className="min-w-0">
                    <span className="font-medium text-zinc-900 dark:text-zinc-100">{p.name}</span>{" "}
                    <span className="text-zinc-500 dark:text-zinc-400">{p.label} · ownership by {p.capabilities.ownership === "marker" ? "marker" : "Homeport's ledger"}</span>
                  </span>
                  <span className="flex gap-2">
                    <ProviderTest id={p.id} />
                    {props.canAdmin && <Button size="sm" variant="ghost" onClick={() => setForm({ edit: p })}>Edit</Button>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}

function ProviderTest({ id }: { id: string }) {
  const api = useApi();
  const [state, setState] = useState<{ ok: boolean; message: string } | "busy" | null>(null);
  return (
    <span className="flex flex-wrap items-center gap-2">
      {state && state !== "busy" && <span className={state.ok ? "text-xs text-emerald-700 dark:text-emerald-300" : "text-xs text-red-700 dark:text-red-300"}>{state.message}</span>}
      <Button size="sm" variant="secondary" loading={state === "busy"} onClick={async () => {
        setState("busy");
        try {
          setState(await api.post<{ ok: boolean; message: string }>(`/api/v1/dns/providers/${id}/test`));
        } catch (err) {
          setState({ ok: false, message: errorMessage(err) });
        }
      }}>Test</Button>
    </span>
  );
}
