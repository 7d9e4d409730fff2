// Adds or edits a notification channel, its fields rendered from the kind's descriptor
// (lib/probes/notify/catalog.ts). The secret is write-only: on an edit an empty field keeps it,
// unless the destination (URL; email: server, port, TLS) changes — then it is required again, or
// removed, because the server never sends it to a new address.
"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { CHANNEL_CATALOG, CHANNEL_KINDS, type ChannelKind } from "@/lib/probes/notify/catalog";
import { parseAppriseUrl } from "@/lib/probes/notify/apprise";
import type { ChannelFieldSpec } from "@/lib/probes/notify/descriptor";
import { movedChannelKeys, type ChannelView } from "@/lib/probes/schemas";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { SecretField } from "@/components/common/secret-field";
import { useToast } from "@/components/ui/toast";
import { Check } from "./check-editors/controls";

/** The form's state: name, kind, secret, and each config field of the kind as typed (checkboxes as booleans). */
export interface ChannelValues {
  name: string;
  kind: ChannelKind;
  secret: string;
  removeSecret: boolean;
  [field: string]: string | boolean;
}

const isKind = (v: string): v is ChannelKind => CHANNEL_KINDS.some((k) => k === v);

/** Every kind's fields at their defaults, so switching kinds keeps what was typed. */
function emptyValues(kind: ChannelKind = "webhook"): ChannelValues {
  const v: ChannelValues = { name: "", kind, secret: "", removeSecret: false };
  for (const k of CHANNEL_KINDS) for (const f of CHANNEL_CATALOG[k].fields) v[f.key] ??= f.default ?? (f.type === "checkbox" ? false : "");
  return v;
}

/** A stored config value as the field shows it. */
function shown(f: ChannelFieldSpec, value: unknown): string | boolean {
  if (f.type === "checkbox") return value === undefined ? f.default === true : value === true;
  if (f.type === "list") return Array.isArray(value) ? value.map(String).join(", ") : "";
  return value === undefined || value === null ? (typeof f.default === "string" ? f.default : "") : String(value);
}

export const channelValues = (c: ChannelView): ChannelValues => {
  const v = emptyValues(c.kind);
  v.name = c.name;
  for (const f of CHANNEL_CATALOG[c.kind].fields) v[f.key] = shown(f, c.config[f.key]);
  return v;
};

/** A field's value for the config, or undefined to leave it out (a blank optional field). */
function configValue(f: ChannelFieldSpec, raw: string | boolean | undefined): unknown {
  if (f.type === "checkbox") return raw === true;
  const text = typeof raw === "string" ? raw.trim() : "";
  if (text === "" && !f.required) return undefined;
  if (f.type === "number") return Number(text);
  if (f.type === "list") return text.split(",").map((s) => s.trim()).filter(Boolean);
  return text;
}

/** The channel's config from the form; an edit keeps stored settings the kind's form does not describe. */
export function channelConfig(v: ChannelValues, existing?: ChannelView): Record<string, unknown> {
  const fields = CHANNEL_CATALOG[v.kind].fields;
  const kept = Object.fromEntries(Object.entries(existing?.config ?? {}).filter(([k]) => !fields.some((f) => f.key === k)));
  const config: Record<string, unknown> = { ...kept };
  for (const f of fields) {
    const value = configValue(f, v[f.key]);
    if (value !== undefined) config[f.key] = value;
  }
  return config;
}

/** POST /api/v1/notifications or PATCH /api/v1/notifications/:id: the secret only when typed or removed. */
export function channelBody(v: ChannelValues, existing?: ChannelView) {
  const secret = v.removeSecret ? { secret: null } : v.secret ? { secret: v.secret } : {};
  const config = channelConfig(v, existing);
  return existing ? { name: v.name, config, ...secret } : { name: v.name, kind: v.kind, config, ...secret };
}

/** What of the secret's destination an edit changes, in words. */
export function movedChannelWords(existing: ChannelView | undefined, v: ChannelValues): string[] {
  if (!existing) return [];
  const fields = CHANNEL_CATALOG[existing.kind].fields;
  return movedChannelKeys(existing.kind, existing.config, channelConfig(v, existing)).map((k) => {
    const f = fields.find((x) => x.key === k);
    return f?.word ?? f?.label.toLowerCase() ?? k;
  });
}

/** One config field, as its descriptor says. */
function ConfigField({ id, f, value, error, onChange }: { id: string; f: ChannelFieldSpec; value: string | boolean | undefined; error?: string; onChange: (v: string | boolean) => void }) {
  if (f.type === "checkbox") return <Check id={id} label={f.label} checked={value === true} hint={f.help} error={error} onChange={onChange} />;
  return (
    <Field id={id} label={f.label} optional={!f.required} hint={f.help} error={error} className={f.wide ? "sm:col-span-2" : ""}>
      <Input
        id={id}
        type={f.type === "list" ? "text" : f.type}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => onChange(e.target.value)}
        required={f.required}
        placeholder={f.placeholder}
        pattern={f.pattern}
        min={f.min}
        max={f.max}
        autoComplete="off"
      />
    </Field>
  );
}

/** A new channel from an Apprise-style URL (tgram://…, discord://…): fills the kind, its settings and the secret. */
function AppriseImport({ id, onFill }: { id: string; onFill: (kind: ChannelKind, fill: (v: ChannelValues) => ChannelValues) => void }) {
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string | undefined>();
  const apply = () => {
    const r = parseAppriseUrl(url);
    if (!r.ok) return setError(r.error);
    const { kind, config, secret } = r.channel;
    setError(undefined);
    setUrl("");
    onFill(kind, (v) => {
      const next: ChannelValues = { ...v, kind, secret };
      for (const f of CHANNEL_CATALOG[kind].fields) if (config[f.key] !== undefined) next[f.key] = shown(f, config[f.key]);
      return next;
    });
  };
  return (
    <Field id={id} label="Notification URL (Apprise style)" optional className="sm:col-span-2" error={error} hint="Paste tgram://…, discord://…, gotify://…, matrixs://…, slack://…, pover://… or a Discord/Slack webhook URL to fill in the form.">
      <div className="flex gap-2">
        <Input id={id} className="font-mono" autoComplete="off" spellCheck={false} value={url} invalid={!!error} aria-describedby={describedBy(id, { hint: true, error })} placeholder="tgram://123456:ABC…/123456789" onChange={(e) => setUrl(e.target.value)} onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); apply(); } }} />
        <Button type="button" variant="secondary" onClick={apply} disabled={url.trim() === ""}>Fill in</Button>
      </div>
    </Field>
  );
}

export function ChannelForm({ existing, onDone, initial }: { existing?: ChannelView; onDone?: () => void; initial?: ChannelValues }) {
  const api = useApi();
  const toast = useToast();
  const qc = useQueryClient();
  const [f, setF] = useState<ChannelValues>(() => initial ?? (existing ? channelValues(existing) : emptyValues()));
  const save = useMutation({
    mutationFn: () => (existing ? api.patch<ChannelView>(`/api/v1/notifications/${existing.id}`, channelBody(f, existing)) : api.post<ChannelView>("/api/v1/notifications", channelBody(f))),
    onSuccess: (c) => {
      toast(existing ? `Channel "${c.name}" saved` : `Channel "${c.name}" added`);
      if (!existing) setF(emptyValues());
      void qc.invalidateQueries({ queryKey: ["channels"] });
      onDone?.();
    },
  });
  const issue = (path: string) => (save.error instanceof ApiRequestError ? save.error.issues.find((i) => i.path === path || i.path.endsWith(`.${path}`))?.message : undefined);
  const fieldIssues = save.error instanceof ApiRequestError && save.error.issues.length > 0;
  const kind = f.kind;
  const descriptor = CHANNEL_CATALOG[kind];
  const p = existing ? `ch-${existing.id}` : "ch";

  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {save.isError && !fieldIssues && <Alert tone="error" className="sm:col-span-2">{errorMessage(save.error)}</Alert>}
      {!existing && <AppriseImport id={`${p}-apprise`} onFill={(_kind, fill) => setF(fill)} />}
      <Field id={`${p}-name`} label="Name" error={issue("name")}>
        <Input id={`${p}-name`} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required maxLength={64} />
      </Field>
      <Field id={`${p}-kind`} label="Kind">
        <Select id={`${p}-kind`} value={kind} disabled={Boolean(existing)} onChange={(e) => isKind(e.target.value) && setF({ ...f, kind: e.target.value })}>
          {CHANNEL_KINDS.map((k) => <option key={k} value={k}>{CHANNEL_CATALOG[k].label}</option>)}
        </Select>
      </Field>
      {descriptor.fields.map((field) => (
        <ConfigField key={field.key} id={`${p}-${field.key}`} f={field} value={f[field.key]} error={issue(field.key)} onChange={(value) => setF({ ...f, [field.key]: value })} />
      ))}
      <SecretField
        id={`${p}-secret`}
        label={descriptor.secret.label}
        optional
        hint={descriptor.secret.help}
        value={f.secret}
        onChange={(secret) => setF({ ...f, secret })}
        isSet={existing?.hasSecret ?? false}
        moved={movedChannelWords(existing, f)}
        remove={existing ? { checked: f.removeSecret, onChange: (removeSecret) => setF({ ...f, removeSecret, secret: "" }) } : null}
        error={issue("secret")}
      />
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" loading={save.isPending}>{existing ? "Save" : "Add channel"}</Button>
        {onDone && <Button variant="ghost" onClick={onDone}>Cancel</Button>}
      </div>
    </form>
  );
}
