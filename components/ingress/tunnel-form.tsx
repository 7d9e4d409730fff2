// Adds or edits a tunnel, its fields rendered from the kind's descriptor (lib/tunnel/catalog.ts).
// Credentials are write-only; on an edit an empty field keeps them, unless the mode, API address or
// account changes — then they are required again, because the server never sends them somewhere new.
"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { SecretField } from "@/components/common/secret-field";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { TUNNEL_CATALOG, TUNNEL_KINDS, type TunnelKind } from "@/lib/tunnel/catalog";
import { fieldInMode, type TunnelFormField } from "@/lib/tunnel/descriptor";
import { movedTunnelFields, type TunnelEndpointField, type TunnelView } from "@/lib/tunnel/schemas";
import { TUNNEL_MODES, type TunnelMode } from "@/lib/tunnel/types";
import { INGRESS_KEY } from "./use-ingress";

export interface TunnelValues {
  kind: TunnelKind;
  name: string;
  mode: TunnelMode;
  accountId: string;
  externalId: string;
  credentials: string;
  originUrl: string;
  apiBaseUrl: string;
}

const EMPTY: TunnelValues = { kind: "cloudflare", name: "", mode: "remote", accountId: "", externalId: "", credentials: "", originUrl: "", apiBaseUrl: "" };

const isKind = (v: string): v is TunnelKind => TUNNEL_KINDS.some((k) => k === v);
const isMode = (v: string): v is TunnelMode => TUNNEL_MODES.some((m) => m === v);

export const tunnelValues = (t: TunnelView): TunnelValues => ({
  kind: t.kind,
  name: t.name,
  mode: t.mode,
  accountId: t.accountId ?? "",
  externalId: t.externalId,
  credentials: "",
  originUrl: t.originUrl,
  apiBaseUrl: t.apiBaseUrl ?? "",
});

/** The mode the form sends: the chosen one, or the kind's only one. */
const modeOf = (v: TunnelValues): TunnelMode => {
  const { modes } = TUNNEL_CATALOG[v.kind];
  return modes.includes(v.mode) ? v.mode : modes[0]!;
};

/** Settings that may be empty (sent as null). */
const NULLABLE: ReadonlySet<TunnelFormField> = new Set(["accountId", "apiBaseUrl"]);

/** The body of POST /api/v1/tunnel (no `existing`) or PATCH /api/v1/tunnel/:id: the kind's fields; empty credentials of an edit are left out (kept). */
export function tunnelBody(v: TunnelValues, existing?: TunnelView) {
  const fields: Partial<Record<"name" | "mode" | TunnelFormField, string | null>> = { name: v.name.trim(), mode: modeOf(v) };
  for (const f of TUNNEL_CATALOG[v.kind].fields) {
    if (f.key === "credentials") continue;
    const value = v[f.key].trim();
    fields[f.key] = value === "" && NULLABLE.has(f.key) ? null : value;
  }
  const credentials = existing && v.credentials.trim() === "" ? {} : { credentials: v.credentials };
  return existing ? { ...fields, ...credentials } : { kind: v.kind, ...fields, ...credentials };
}

const MOVED_WORDS: Record<TunnelEndpointField, string> = { mode: "mode", apiBaseUrl: "API address", accountId: "account ID", hostId: "host" };

/** What of the credentials' destination an edit changes, in words. */
export function movedTunnelWords(existing: TunnelView | undefined, v: TunnelValues): string[] {
  if (!existing) return [];
  return movedTunnelFields(existing, tunnelBody(v, existing)).map((f) => MOVED_WORDS[f]);
}

/** The form's element id of each field (kept stable for links and tests). */
const FIELD_IDS: Record<TunnelFormField, string> = { externalId: "id", accountId: "acc", apiBaseUrl: "admin", originUrl: "origin", credentials: "cred" };

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
  const set = (k: "name" | TunnelFormField) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  const setCredentials = (credentials: string) => setV({ ...v, credentials });
  const descriptor = TUNNEL_CATALOG[v.kind];
  const mode = modeOf(v);
  const moved = movedTunnelWords(existing, v);
  const isSet = existing?.hasCredentials ?? false;
  const p = existing ? "tn-edit" : "tn";
  return (
    <form className="grid gap-4 border-t border-zinc-200 px-5 py-4 sm:grid-cols-2 dark:border-zinc-800" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <Field id={`${p}-kind`} label="Kind" error={issue("kind")}>
        <Select id={`${p}-kind`} value={v.kind} onChange={(e) => isKind(e.target.value) && setV({ ...v, kind: e.target.value })} disabled={Boolean(existing)}>
          {TUNNEL_KINDS.map((k) => <option key={k} value={k}>{TUNNEL_CATALOG[k].label}</option>)}
        </Select>
      </Field>
      <Field id={`${p}-name`} label="Name" error={issue("name")}><Input id={`${p}-name`} value={v.name} onChange={set("name")} autoComplete="off" /></Field>
      {!existing && descriptor.intro && (
        <Alert tone="info" className="sm:col-span-2" title={descriptor.intro.title}>
          {descriptor.intro.text}
        </Alert>
      )}
      {descriptor.modes.length > 1 && (
        <Field id={`${p}-mode`} label="Mode" hint={descriptor.modeHelp} error={issue("mode")}>
          <Select id={`${p}-mode`} value={mode} onChange={(e) => isMode(e.target.value) && setV({ ...v, mode: e.target.value })}>
            {descriptor.modes.map((m) => <option key={m} value={m}>{descriptor.modeLabels[m] ?? m}</option>)}
          </Select>
        </Field>
      )}
      {descriptor.fields.map((spec) => {
        const f = fieldInMode(spec, mode);
        const id = `${p}-${FIELD_IDS[f.key]}`;
        const wide = f.wide ? "sm:col-span-2" : undefined;
        if (f.key === "credentials") {
          return (
            <SecretField key={f.key} id={id} label={f.label} optional={!f.required} className={wide} value={v.credentials} onChange={setCredentials}
              isSet={isSet} moved={moved} multiline={f.multiline} hint={f.help} error={issue("credentials")} />
          );
        }
        return (
          <Field key={f.key} id={id} label={f.label} optional={!f.required} hint={f.help} error={issue(f.key)} className={wide}>
            <Input id={id} value={v[f.key]} onChange={set(f.key)} inputMode={f.key.endsWith("Url") ? "url" : undefined} autoComplete="off" />
          </Field>
        );
      })}
      {save.isError && !(save.error instanceof ApiRequestError && save.error.issues.length > 0) && <Alert tone="error" className="sm:col-span-2">{errorMessage(save.error)}</Alert>}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" loading={save.isPending}>{existing ? "Save" : "Add tunnel"}</Button>
        <Button variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
