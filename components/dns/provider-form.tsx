// Adds or edits a DNS provider, its fields rendered from the kind's descriptor (lib/dns/catalog.ts).
// Secrets are write-only: an edit leaves them empty, and an empty
// secret keeps the stored one — unless the server, port or address changes, which needs the
// secret again. Server-side validation errors appear under their field.
"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { DNS_PROVIDER_CATALOG, PROVIDER_KINDS, type DnsProviderKind } from "@/lib/dns/catalog";
import { movedEndpointKeys, type ProviderView } from "@/lib/dns/schemas";
import { SecretField } from "@/components/common/secret-field";

const isKind = (v: string): v is DnsProviderKind => PROVIDER_KINDS.some((k) => k === v);

/** The settings the form sends: empty optional fields and empty secrets of an edit are left out (kept). */
export function providerSettingsBody(kind: DnsProviderKind, values: Record<string, string>, editing: boolean): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const f of DNS_PROVIDER_CATALOG[kind].fields) {
    const v = values[f.key]?.trim() ?? "";
    if (v === "" && (!f.required || (f.type === "secret" && editing))) continue;
    settings[f.key] = f.type === "number" ? Number(v) : v;
  }
  return settings;
}

/** What of the provider's destination an edit changes, in words for the secret's hint. */
export function movedProviderEndpoint(existing: ProviderView | undefined, values: Record<string, string>): string[] {
  if (!existing) return [];
  const next = { ...existing.settings, ...providerSettingsBody(existing.kind, values, true) };
  return movedEndpointKeys(existing.kind, existing.settings, next).map((k) => DNS_PROVIDER_CATALOG[existing.kind].fields.find((f) => f.key === k)?.label.toLowerCase() ?? k);
}

export function ProviderForm({ existing, onDone, initial }: { existing?: ProviderView; onDone: () => void; initial?: Record<string, string> }) {
  const api = useApi();
  const qc = useQueryClient();
  const toast = useToast();
  const [kind, setKind] = useState<DnsProviderKind>(existing?.kind ?? "rfc2136");
  const [name, setName] = useState(existing?.name ?? "");
  const [values, setValues] = useState<Record<string, string>>(() => initial ?? Object.fromEntries(Object.entries(existing?.settings ?? {}).map(([k, v]) => [k, String(v)])));
  const moved = movedProviderEndpoint(existing, values);
  const save = useMutation({
    mutationFn: () => {
      const settings = providerSettingsBody(kind, values, Boolean(existing));
      return existing ? api.patch<ProviderView>(`/api/v1/dns/providers/${existing.id}`, { name, settings }) : api.post<ProviderView>("/api/v1/dns/providers", { name, kind, settings });
    },
    onSuccess: async (p) => {
      toast(`Saved provider ${p.name}`);
      await qc.invalidateQueries({ queryKey: ["dns"] });
      onDone();
    },
  });
  const issue = (path: string) => (save.error instanceof ApiRequestError ? save.error.issues.find((i) => i.path === path)?.message : undefined);
  const fieldIssues = save.error instanceof ApiRequestError && save.error.issues.length > 0;
  const descriptor = DNS_PROVIDER_CATALOG[kind];
  const setValue = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  return (
    <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="dns-provider-name" label="Name" error={issue("name")}>
          <Input id="dns-provider-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="home-bind" required />
        </Field>
        <Field id="dns-provider-kind" label="Kind">
          <Select id="dns-provider-kind" value={kind} disabled={Boolean(existing)} onChange={(e) => isKind(e.target.value) && setKind(e.target.value)}>
            {PROVIDER_KINDS.map((k) => <option key={k} value={k}>{DNS_PROVIDER_CATALOG[k].label}</option>)}
          </Select>
        </Field>
        {descriptor.fields.map((f) => {
          const id = `dns-provider-${f.key}`;
          const error = issue(`settings.${f.key}`);
          if (f.type === "secret") {
            return (
              <SecretField key={f.key} id={id} label={f.label} hint={f.help} value={values[f.key] ?? ""} onChange={setValue(f.key)}
                isSet={existing?.secretsSet.includes(f.key) ?? false} moved={moved} error={error} />
            );
          }
          if (f.type === "select") {
            return (
              <Field key={f.key} id={id} label={f.label} optional={!f.required} error={error} hint={f.help}>
                <Select id={id} value={values[f.key] || f.options?.[0] || ""} onChange={(e) => setValue(f.key)(e.target.value)}>
                  {f.options?.map((o) => <option key={o} value={o}>{o}</option>)}
                </Select>
              </Field>
            );
          }
          return (
            <Field key={f.key} id={id} label={f.label} optional={!f.required} error={error} hint={f.help}>
              <Input
                id={id}
                type={f.type === "number" ? "number" : "text"}
                autoComplete="off"
                spellCheck={false}
                placeholder={f.placeholder}
                value={values[f.key] ?? ""}
                onChange={(e) => setValue(f.key)(e.target.value)}
                required={f.required}
                invalid={Boolean(error)}
              />
            </Field>
          );
        })}
      </div>
      {save.isError && !fieldIssues && <Alert tone="error">{errorMessage(save.error)}</Alert>}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>Cancel</Button>
        <Button type="submit" loading={save.isPending}>{existing ? "Save" : "Add provider"}</Button>
      </div>
    </form>
  );
}
