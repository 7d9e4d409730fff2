// Adds or edits a tunnel: a Cloudflare Tunnel or a self-hosted Caddy edge. Credentials are
// write-only; on an edit an empty field keeps them, unless the mode, API address or account
// changes — then they are required again, because the server never sends them somewhere new.
"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { SecretField } from "@/components/common/secret-field";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { movedTunnelFields, TUNNEL_KIND_RULES, type TunnelEndpointField, type TunnelView } from "@/lib/tunnel/schemas";
import type { TunnelKind } from "@/lib/tunnel/types";
import { INGRESS_KEY } from "./use-ingress";

export interface TunnelValues {
  kind: TunnelKind;
  name: string;
  mode: string;
  accountId: string;
  externalId: string;
  credentials: string;
  originUrl: string;
  apiBaseUrl: string;
}

const EMPTY: TunnelValues = { kind: "cloudflare", name: "", mode: "remote", accountId: "", externalId: "", credentials: "", originUrl: "", apiBaseUrl: "" };

export const tunnelValues = (t: TunnelView): TunnelValues => ({
  kind: t.kind as TunnelKind,
  name: t.name,
  mode: t.mode,
  accountId: t.accountId ?? "",
  externalId: t.externalId,
  credentials: "",
  originUrl: t.originUrl,
  apiBaseUrl: t.apiBaseUrl ?? "",
});

/** The body of POST /api/v1/tunnel (no `existing`) or PATCH /api/v1/tunnel/:id; empty credentials of an edit are left out (kept). */
export function tunnelBody(v: TunnelValues, existing?: TunnelView) {
  const common = { name: v.name.trim(), externalId: v.externalId.trim(), originUrl: v.originUrl.trim() };
  const credentials = existing && v.credentials.trim() === "" ? {} : { credentials: v.credentials };
  const kindFields = v.kind === "caddy-edge" ? { mode: "remote", apiBaseUrl: v.apiBaseUrl.trim() || null } : { mode: v.mode, accountId: v.accountId.trim() || null };
  return existing ? { ...common, ...kindFields, ...credentials } : { kind: v.kind, ...common, ...kindFields, ...credentials };
}

const MOVED_WORDS: Record<TunnelEndpointField, string> = { mode: "mode", apiBaseUrl: "API address", accountId: "account ID", hostId: "host" };

/** What of the credentials' destination an edit changes, in words. */
export function movedTunnelWords(existing: TunnelView | undefined, v: TunnelValues): string[] {
  if (!existing) return [];
  return movedTunnelFields(existing, tunnelBody(v, existing)).map((f) => MOVED_WORDS[f]);
}

export function TunnelForm({ existing, onDone, initial }: { existing?: TunnelView; onDone: () => void; initial?: TunnelValues }) {
  const api = useApi();
  const qc = useQueryClient();
  const toast = useToast();
  const [v, setV] = useState<TunnelValues>(() => initial ?? (existing ? tunnelValues(existing) : EMPTY));
  const save = useMutation({
    mutationFn: () => (existing ? api.patch<TunnelView>(`/api/v1/tunnel/${existing.id}`, tunnelBody(v, existing)) : api.post<TunnelView>("/api/v1/tunnel", tunnelBody(v))),
    onSuccess: (t) => {
      toast(existing ? `Tunnel ${t.name} saved` : `Tunnel ${t.name} added`);
      void qc.invalidateQueries({ queryKey: INGRESS_KEY });
      onDone();
    },
  });
  const issue = (path: string) => (save.error instanceof ApiRequestError ? save.error.issues.find((i) => i.path === path)?.message : undefined);
  const set = (k: keyof TunnelValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  const setCredentials = (credentials: string) => setV({ ...v, credentials });
  const edge = v.kind === "caddy-edge";
  const moved = movedTunnelWords(existing, v);
  const isSet = existing?.hasCredentials ?? false;
  const p = existing ? "tn-edit" : "tn";
  return (
    <form className="grid gap-4 border-t border-zinc-200 px-5 py-4 sm:grid-cols-2 dark:border-zinc-800" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <Field id={`${p}-kind`} label="Kind" error={issue("kind")}>
        <Select id={`${p}-kind`} value={v.kind} onChange={set("kind")} disabled={Boolean(existing)}>
          {(Object.keys(TUNNEL_KIND_RULES) as TunnelKind[]).map((k) => <option key={k} value={k}>{TUNNEL_KIND_RULES[k].label}</option>)}
        </Select>
      </Field>
      <Field id={`${p}-name`} label="Name" error={issue("name")}><Input id={`${p}-name`} value={v.name} onChange={set("name")} autoComplete="off" /></Field>
      {edge ? (
        <>
          {!existing && (
            <Alert tone="info" className="sm:col-span-2" title="A Caddy on a small VPS as your edge">
              Homeport manages the edge through Caddy&apos;s admin API: it adds a server named homeport-edge on the edge&apos;s HTTPS port with one route per
              remotely exposed hostname, forwarding to your reverse proxy with the hostname as Host and TLS name. Your own sites on the edge are left alone;
              unknown hostnames get a 404. Public records CNAME each hostname to the edge&apos;s DNS name (not proxied), and the edge gets its certificates itself.
            </Alert>
          )}
          <Field id={`${p}-admin`} label="Admin API URL" hint="The edge Caddy's admin API as Homeport reaches it, e.g. http://203.0.113.10:2019 (keep it off the internet: a VPN or a proxy with auth)" error={issue("apiBaseUrl")} className="sm:col-span-2">
            <Input id={`${p}-admin`} value={v.apiBaseUrl} onChange={set("apiBaseUrl")} inputMode="url" autoComplete="off" />
          </Field>
          <Field id={`${p}-id`} label="Edge DNS name" hint="The edge's public name, e.g. edge.example.org; public records point here" error={issue("externalId")}><Input id={`${p}-id`} value={v.externalId} onChange={set("externalId")} autoComplete="off" /></Field>
          <Field id={`${p}-origin`} label="Reverse proxy address" hint="As the edge reaches Caddy at home, e.g. https://198.51.100.1:443. TLS to it is not verified: the LAN proxy's certificates come from its internal CA, so keep this link private (WireGuard)." error={issue("originUrl")}>
            <Input id={`${p}-origin`} value={v.originUrl} onChange={set("originUrl")} inputMode="url" autoComplete="off" />
          </Field>
          <SecretField id={`${p}-cred`} label="Admin API credentials" optional className="sm:col-span-2" value={v.credentials} onChange={setCredentials} isSet={isSet} moved={moved}
            hint="A bearer token or user:password if a proxy fronts the admin API. Stored encrypted; never shown again" error={issue("credentials")} />
        </>
      ) : (
        <>
          <Field id={`${p}-mode`} label="Mode" hint="Remote: rules kept in Cloudflare via its API. Local: a generated config.yml." error={issue("mode")}>
            <Select id={`${p}-mode`} value={v.mode} onChange={set("mode")}>
              <option value="remote">Remotely managed</option>
              <option value="local">Locally managed</option>
            </Select>
          </Field>
          <Field id={`${p}-id`} label="Tunnel ID" hint="The tunnel's UUID" error={issue("externalId")}><Input id={`${p}-id`} value={v.externalId} onChange={set("externalId")} autoComplete="off" /></Field>
          <Field id={`${p}-acc`} label="Account ID" optional={v.mode === "local"} error={issue("accountId")}><Input id={`${p}-acc`} value={v.accountId} onChange={set("accountId")} autoComplete="off" /></Field>
          <Field id={`${p}-origin`} label="Reverse proxy address" hint="As cloudflared reaches Caddy, e.g. https://192.168.1.10:443" error={issue("originUrl")}>
            <Input id={`${p}-origin`} value={v.originUrl} onChange={set("originUrl")} inputMode="url" autoComplete="off" />
          </Field>
          <SecretField id={`${p}-cred`} label={v.mode === "remote" ? "API token" : "Credentials JSON"} className="sm:col-span-2" value={v.credentials} onChange={setCredentials}
            isSet={isSet} moved={moved} multiline={v.mode !== "remote"} hint="Stored encrypted; never shown again" error={issue("credentials")} />
        </>
      )}
      {save.isError && !(save.error instanceof ApiRequestError && save.error.issues.length > 0) && <Alert tone="error" className="sm:col-span-2">{errorMessage(save.error)}</Alert>}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" loading={save.isPending}>{existing ? "Save" : "Add tunnel"}</Button>
        <Button variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
