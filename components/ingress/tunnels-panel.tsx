// Tunnels: each tunnel's status, a plan of its ingress rules before applying, the generated
// cloudflared config.yml in local mode, the public CNAMEs it needs, and a form to add one — a
// Cloudflare Tunnel or a self-hosted Caddy edge. Credentials are write-only: the form sends them,
// no answer ever contains them.
"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { TUNNEL_KIND_RULES, type TunnelView } from "@/lib/tunnel/schemas";
import type { TunnelKind } from "@/lib/tunnel/types";
import { StatusBadge } from "./status-badge";
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
            {t.name} <Badge>{TUNNEL_KIND_RULES[t.kind as TunnelKind]?.label ?? t.kind}</Badge> <Badge>{t.mode === "remote" ? "Remotely managed" : "Local config.yml"}</Badge>
            <StatusBadge status={t.status} detail={t.statusDetail} />
          </p>
          <p className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{t.externalId} → {t.originUrl}</p>
        </div>
        <div className="flex gap-2">
          {!open && <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>Review changes</Button>}
          {open && <Button size="sm" onClick={() => apply.mutate()} loading={apply.isPending} disabled={!p || p.validationErrors.length > 0 || (t.mode === "remote" && !p.needsWrite)}>Apply</Button>}
        </div>
      </div>
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

const EMPTY = { kind: "cloudflare" as TunnelKind, name: "", mode: "remote", accountId: "", externalId: "", credentials: "", originUrl: "", apiBaseUrl: "" };

/** The body POST /api/v1/tunnel takes for the form's kind. */
function createBody(v: typeof EMPTY) {
  const common = { kind: v.kind, name: v.name.trim(), externalId: v.externalId.trim(), credentials: v.credentials, originUrl: v.originUrl.trim() };
  if (v.kind === "caddy-edge") return { ...common, mode: "remote", apiBaseUrl: v.apiBaseUrl.trim() || null };
  return { ...common, mode: v.mode, accountId: v.accountId.trim() || null };
}

function NewTunnelForm({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const qc = useQueryClient();
  const [v, setV] = useState(EMPTY);
  const create = useMutation({
    mutationFn: () => api.post("/api/v1/tunnel", createBody(v)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: INGRESS_KEY });
      setV(EMPTY);
      onDone();
    },
  });
  const issue = (path: string) => (create.error instanceof ApiRequestError ? create.error.issues.find((i) => i.path === path)?.message : undefined);
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setV({ ...v, [k]: e.target.value });
  const edge = v.kind === "caddy-edge";
  return (
    <form className="grid gap-4 border-t border-zinc-200 px-5 py-4 sm:grid-cols-2 dark:border-zinc-800" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
      <Field id="tn-kind" label="Kind" error={issue("kind")}>
        <Select id="tn-kind" value={v.kind} onChange={set("kind")}>
          {(Object.keys(TUNNEL_KIND_RULES) as TunnelKind[]).map((k) => <option key={k} value={k}>{TUNNEL_KIND_RULES[k].label}</option>)}
        </Select>
      </Field>
      <Field id="tn-name" label="Name" error={issue("name")}><Input id="tn-name" value={v.name} onChange={set("name")} autoComplete="off" /></Field>
      {edge ? (
        <>
          <Alert tone="info" className="sm:col-span-2" title="A Caddy on a small VPS as your edge">
            Homeport manages the edge through Caddy&apos;s admin API: it adds a server named homeport-edge on the edge&apos;s HTTPS port with one route per
            remotely exposed hostname, forwarding to your reverse proxy with the hostname as Host and TLS name. Your own sites on the edge are left alone;
            unknown hostnames get a 404. Public records CNAME each hostname to the edge&apos;s DNS name (not proxied), and the edge gets its certificates itself.
          </Alert>
          <Field id="tn-admin" label="Admin API URL" hint="The edge Caddy's admin API as Homeport reaches it, e.g. http://203.0.113.10:2019 (keep it off the internet: a VPN or a proxy with auth)" error={issue("apiBaseUrl")} className="sm:col-span-2">
            <Input id="tn-admin" value={v.apiBaseUrl} onChange={set("apiBaseUrl")} inputMode="url" autoComplete="off" />
          </Field>
          <Field id="tn-id" label="Edge DNS name" hint="The edge's public name, e.g. edge.example.org; public records point here" error={issue("externalId")}><Input id="tn-id" value={v.externalId} onChange={set("externalId")} autoComplete="off" /></Field>
          <Field id="tn-origin" label="Reverse proxy address" hint="As the edge reaches Caddy at home, e.g. https://198.51.100.1:443. TLS to it is not verified: the LAN proxy's certificates come from its internal CA, so keep this link private (WireGuard)." error={issue("originUrl")}>
            <Input id="tn-origin" value={v.originUrl} onChange={set("originUrl")} inputMode="url" autoComplete="off" />
          </Field>
          <Field id="tn-cred" label="Admin API credentials" optional hint="A bearer token or user:password if a proxy fronts the admin API. Stored encrypted; never shown again" error={issue("credentials")} className="sm:col-span-2">
            <Input id="tn-cred" type="password" value={v.credentials} onChange={set("credentials")} autoComplete="new-password" />
          </Field>
        </>
      ) : (
        <>
          <Field id="tn-mode" label="Mode" hint="Remote: rules kept in Cloudflare via its API. Local: a generated config.yml." error={issue("mode")}>
            <Select id="tn-mode" value={v.mode} onChange={set("mode")}>
              <option value="remote">Remotely managed</option>
              <option value="local">Locally managed</option>
            </Select>
          </Field>
          <Field id="tn-id" label="Tunnel ID" hint="The tunnel's UUID" error={issue("externalId")}><Input id="tn-id" value={v.externalId} onChange={set("externalId")} autoComplete="off" /></Field>
          <Field id="tn-acc" label="Account ID" optional={v.mode === "local"} error={issue("accountId")}><Input id="tn-acc" value={v.accountId} onChange={set("accountId")} autoComplete="off" /></Field>
          <Field id="tn-origin" label="Reverse proxy address" hint="As cloudflared reaches Caddy, e.g. https://192.168.1.10:443" error={issue("originUrl")}>
            <Input id="tn-origin" value={v.originUrl} onChange={set("originUrl")} inputMode="url" autoComplete="off" />
          </Field>
          <Field id="tn-cred" label={v.mode === "remote" ? "API token" : "Credentials JSON"} hint="Stored encrypted; never shown again" error={issue("credentials")} className="sm:col-span-2">
            {v.mode === "remote" ? (
              <Input id="tn-cred" type="password" value={v.credentials} onChange={set("credentials")} autoComplete="new-password" />
            ) : (
              <Textarea id="tn-cred" rows={3} value={v.credentials} onChange={set("credentials")} spellCheck={false} />
            )}
          </Field>
        </>
      )}
      {create.isError && !(create.error instanceof ApiRequestError && create.error.issues.length > 0) && <Alert tone="error" className="sm:col-span-2">{errorMessage(create.error)}</Alert>}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" loading={create.isPending}>Add tunnel</Button>
        <Button variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
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
      {adding && <NewTunnelForm onDone={() => setAdding(false)} />}
    </Card>
  );
}
