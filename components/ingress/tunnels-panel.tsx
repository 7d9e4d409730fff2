// Tunnels: each tunnel's status, a plan of its ingress rules before applying, the generated
// cloudflared config.yml in local mode, the public CNAMEs it needs, and the form (tunnel-form.tsx)
// to add or edit one — a Cloudflare Tunnel or a self-hosted Caddy edge. Credentials are
// write-only: the form sends them, no answer ever contains them.
"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { errorMessage, useApi } from "@/lib/client/api";
import type { TunnelView } from "@/lib/tunnel/schemas";
import { TUNNEL_CATALOG } from "@/lib/tunnel/catalog";
import { StatusBadge } from "./status-badge";
import { TunnelForm } from "./tunnel-form";
import { INGRESS_KEY, useTunnels } from "./use-ingress";

interface TunnelPlanView {
  status: { status: string; detail: string | null };
  changes: { action: "create" | "update" | "delete"; hostname: string; summary: string }[];
  needsWrite: boolean;
  configYaml: string | null;
  validationErrors: string[];
  publicRecords: { name: string; type: string; content: string; proxied: boolean }[];
}
interface TunnelApplyResult {
  status: { status: string; detail: string | null };
  handOff: { status: "deployed" | "unchanged" | "no_host" | "agent_unavailable" | "failed"; message: string; spec: { name: string; image: string; files: string[] } } | null;
}

const ACTION_TONE = { create: "success", update: "warning", delete: "danger" } as const;
const HAND_OFF_ALERT = {
  deployed: { tone: "success", title: "cloudflared deployed" },
  unchanged: { tone: "success", title: "cloudflared already runs this config" },
  no_host: { tone: "warning", title: "Generated; choose a host to run cloudflared" },
  agent_unavailable: { tone: "warning", title: "Generated; the host's agent is offline" },
  failed: { tone: "error", title: "Deploying cloudflared failed" },
} as const;

function TunnelItem({ t }: { t: TunnelView }) {
  const api = useApi();
  const qc = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const plan = useQuery({
    queryKey: [...INGRESS_KEY, "tunnel-plan", t.id],
    queryFn: ({ signal }) => api.get<TunnelPlanView>(`/api/v1/tunnel/${t.id}/plan`, signal),
    enabled: open,
    staleTime: 0,
  });
  const apply = useMutation({
    mutationFn: () => api.post<TunnelApplyResult>(`/api/v1/tunnel/${t.id}/apply`),
    onSuccess: (r) => {
      if (r.status.status === "ok") toast(`Tunnel ${t.name} updated`);
      void qc.invalidateQueries({ queryKey: INGRESS_KEY });
    },
  });
  const p = plan.data;
  return (
    <li className="space-y-3 px-5 py-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 font-medium text-zinc-900 dark:text-zinc-100">
            {t.name} <Badge>{TUNNEL_CATALOG[t.kind].label}</Badge> <Badge>{t.mode === "remote" ? "Remotely managed" : "Local config.yml"}</Badge>
            <StatusBadge status={t.status} detail={t.statusDetail} />
          </p>
          <p className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{t.externalId} → {t.originUrl}</p>
        </div>
        <div className="flex gap-2">
          {!editing && <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>Edit</Button>}
          {!open && <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>Review changes</Button>}
          {open && <Button size="sm" onClick={() => apply.mutate()} loading={apply.isPending} disabled={!p || p.validationErrors.length > 0 || (t.mode === "remote" && !p.needsWrite)}>Apply</Button>}
        </div>
      </div>
      {editing && <div className="-mx-5"><TunnelForm existing={t} onDone={() => setEditing(false)} /></div>}
      {t.statusDetail && t.status !== "ok" && <p className="text-xs break-words text-zinc-500 dark:text-zinc-400">{t.statusDetail}</p>}
      {open && plan.isError && <Alert tone="error">{errorMessage(plan.error)}</Alert>}
      {open && p && (
        <div className="space-y-3">
          {p.status.status !== "ok" && p.status.status !== "unknown" && <Alert tone="error">{p.status.detail}</Alert>}
          {p.validationErrors.length > 0 && <Alert tone="error" title={t.kind === "caddy-edge" ? "The edge cannot carry these rules" : "cloudflared would refuse these rules"}>{p.validationErrors.join("; ")}</Alert>}
          {p.changes.length === 0 && p.status.status === "ok" && !p.needsWrite ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-300">The tunnel&apos;s rules match the routes.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {p.changes.map((c) => (
                <li key={`${c.action}-${c.hostname}`} className="flex flex-wrap items-center gap-2">
                  <Badge tone={ACTION_TONE[c.action]}>{c.action}</Badge>
                  <span className="font-mono text-xs break-all">{c.summary}</span>
                </li>
              ))}
            </ul>
          )}
          {p.configYaml && (
            <details className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800">
              <summary className="cursor-pointer text-sm font-medium">config.yml</summary>
              <pre className="mt-2 overflow-x-auto font-mono text-xs">{p.configYaml}</pre>
            </details>
          )}
          {p.publicRecords.length > 0 && (
            <div className="text-xs text-zinc-600 dark:text-zinc-300">
              <p className="mb-1 font-medium">Public DNS records (kept by the DNS module)</p>
              <ul className="space-y-0.5 font-mono break-all">
                {p.publicRecords.map((r) => <li key={r.name}>{r.name} {r.type} {r.content}{r.proxied ? " (proxied)" : ""}</li>)}
              </ul>
            </div>
          )}
        </div>
      )}
      {apply.data?.handOff && (
        <Alert tone={HAND_OFF_ALERT[apply.data.handOff.status].tone} title={HAND_OFF_ALERT[apply.data.handOff.status].title}>{apply.data.handOff.message}</Alert>
      )}
      {apply.data && apply.data.status.status !== "ok" && !apply.data.handOff && <Alert tone="error">{apply.data.status.detail}</Alert>}
      {apply.isError && <Alert tone="error">{errorMessage(apply.error)}</Alert>}
    </li>
  );
}

export function TunnelsPanel({ initial }: { initial: TunnelView[] }) {
  const tunnels = useTunnels(initial);
  const [adding, setAdding] = useState(false);
  const items = tunnels.data.items;
  return (
    <Card aria-labelledby="tunnels-title">
      <CardHeader
        id="tunnels-title"
        title="Tunnels"
        description="Routes exposed remote or both reach home through a tunnel to the reverse proxy, with no VPN client."
        actions={!adding && <Button size="sm" variant="secondary" onClick={() => setAdding(true)}>Add tunnel</Button>}
      />
      {items.length === 0 && !adding && <CardBody><p className="text-sm text-zinc-500 dark:text-zinc-400">No tunnel yet. Add a Cloudflare Tunnel or your own Caddy edge on a small VPS to make routes reachable away from home.</p></CardBody>}
      {items.length > 0 && <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">{items.map((t) => <TunnelItem key={t.id} t={t} />)}</ul>}
      {adding && <TunnelForm onDone={() => setAdding(false)} />}
    </Card>
  );
}
