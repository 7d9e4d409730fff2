// Adds or edits a notification channel (webhook, ntfy, email). The secret is write-only: on an
// edit an empty field keeps it, unless the URL (email: server, port) changes — then it is
// required again, or removed, because the server never sends it to a new address.
"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { movedChannelKeys, type ChannelView } from "@/lib/probes/schemas";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { SecretField } from "@/components/common/secret-field";
import { useToast } from "@/components/ui/toast";

type Kind = ChannelView["kind"];

export interface ChannelValues {
  name: string;
  kind: Kind;
  url: string;
  topic: string;
  host: string;
  port: string;
  from: string;
  to: string;
  username: string;
  secret: string;
  removeSecret: boolean;
}

const EMPTY: ChannelValues = { name: "", kind: "webhook", url: "", topic: "", host: "", port: "587", from: "", to: "", username: "", secret: "", removeSecret: false };

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export const channelValues = (c: ChannelView): ChannelValues => ({
  ...EMPTY,
  name: c.name,
  kind: c.kind,
  url: str(c.config.url),
  topic: str(c.config.topic),
  host: str(c.config.host),
  port: str(c.config.port ?? 587),
  from: str(c.config.from),
  to: Array.isArray(c.config.to) ? c.config.to.map(str).join(", ") : "",
  username: str(c.config.username),
});

/** The channel's config from the form; an edit keeps the stored fields the form does not show (priority, appUrl, TLS). */
export function channelConfig(v: ChannelValues, existing?: ChannelView): Record<string, unknown> {
  const shown =
    v.kind === "webhook" ? { url: v.url.trim() } :
    v.kind === "ntfy" ? { url: v.url.trim(), topic: v.topic.trim() } :
    { host: v.host.trim(), port: Number(v.port), from: v.from.trim(), to: v.to.split(",").map((s) => s.trim()).filter(Boolean), username: v.username.trim() || undefined };
  return { ...(existing?.config ?? {}), ...shown };
}

/** POST /api/v1/notifications or PATCH /api/v1/notifications/:id: the secret only when typed or removed. */
export function channelBody(v: ChannelValues, existing?: ChannelView) {
  const secret = v.removeSecret ? { secret: null } : v.secret ? { secret: v.secret } : {};
  const config = channelConfig(v, existing);
  return existing ? { name: v.name, config, ...secret } : { name: v.name, kind: v.kind, config, ...secret };
}

const MOVED_WORDS: Record<string, string> = { url: "URL", host: "SMTP server", port: "port", secure: "TLS setting" };

/** What of the secret's destination an edit changes, in words. */
export function movedChannelWords(existing: ChannelView | undefined, v: ChannelValues): string[] {
  if (!existing) return [];
  return movedChannelKeys(existing.kind, existing.config, channelConfig(v, existing)).map((k) => MOVED_WORDS[k] ?? k);
}

export function ChannelForm({ existing, onDone, initial }: { existing?: ChannelView; onDone?: () => void; initial?: ChannelValues }) {
  const api = useApi();
  const toast = useToast();
  const qc = useQueryClient();
  const [f, setF] = useState<ChannelValues>(() => initial ?? (existing ? channelValues(existing) : EMPTY));
  const set = (k: keyof ChannelValues) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  const save = useMutation({
    mutationFn: () => (existing ? api.patch<ChannelView>(`/api/v1/notifications/${existing.id}`, channelBody(f, existing)) : api.post<ChannelView>("/api/v1/notifications", channelBody(f))),
    onSuccess: (c) => {
      toast(existing ? `Channel "${c.name}" saved` : `Channel "${c.name}" added`);
      if (!existing) setF(EMPTY);
      void qc.invalidateQueries({ queryKey: ["channels"] });
      onDone?.();
    },
  });
  const issue = (path: string) => (save.error instanceof ApiRequestError ? save.error.issues.find((i) => i.path === path || i.path.endsWith(`.${path}`))?.message : undefined);
  const fieldIssues = save.error instanceof ApiRequestError && save.error.issues.length > 0;
  const kind = f.kind;
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
      <Field id={`${p}-name`} label="Name" error={issue("name")}>
        <Input id={`${p}-name`} value={f.name} onChange={set("name")} required maxLength={64} />
      </Field>
      <Field id={`${p}-kind`} label="Kind">
        <Select id={`${p}-kind`} value={kind} disabled={Boolean(existing)} onChange={(e) => setF({ ...f, kind: e.target.value as Kind })}>
          <option value="webhook">Webhook (JSON POST)</option>
          <option value="ntfy">ntfy</option>
          <option value="email">Email (SMTP)</option>
        </Select>
      </Field>
      {kind !== "email" ? (
        <>
          <Field id={`${p}-url`} label={kind === "ntfy" ? "ntfy server URL" : "Webhook URL"} error={issue("url")} className={kind === "webhook" ? "sm:col-span-2" : ""}>
            <Input id={`${p}-url`} type="url" value={f.url} onChange={set("url")} required placeholder={kind === "ntfy" ? "http://ntfy.home.example" : "http://192.0.2.20:8080/hooks/homeport"} />
          </Field>
          {kind === "ntfy" && (
            <Field id={`${p}-topic`} label="Topic" error={issue("topic")}>
              <Input id={`${p}-topic`} value={f.topic} onChange={set("topic")} required pattern="[A-Za-z0-9_-]{1,64}" />
            </Field>
          )}
        </>
      ) : (
        <>
          <Field id={`${p}-host`} label="SMTP server" error={issue("host")}>
            <Input id={`${p}-host`} value={f.host} onChange={set("host")} required placeholder="mail.home.example" />
          </Field>
          <Field id={`${p}-port`} label="Port" error={issue("port")}>
            <Input id={`${p}-port`} type="number" min={1} max={65535} value={f.port} onChange={set("port")} required />
          </Field>
          <Field id={`${p}-from`} label="From" error={issue("from")}>
            <Input id={`${p}-from`} type="email" value={f.from} onChange={set("from")} required />
          </Field>
          <Field id={`${p}-to`} label="To" hint="Comma-separated" error={issue("to")}>
            <Input id={`${p}-to`} value={f.to} onChange={set("to")} required />
          </Field>
          <Field id={`${p}-user`} label="Username" optional>
            <Input id={`${p}-user`} value={f.username} onChange={set("username")} autoComplete="off" />
          </Field>
        </>
      )}
      <SecretField
        id={`${p}-secret`}
        label={kind === "email" ? "Password" : "Bearer token"}
        optional
        hint="Stored encrypted; never shown again."
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
