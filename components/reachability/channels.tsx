// Notification channels: the list with each channel's recent deliveries (sent / retrying /
// failed, with the last error), a test-send button, and a form to add a webhook, ntfy or email
// channel. Secrets are write-only: the server keeps them sealed and never sends them back.
"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import type { ChannelView, DeliveryView } from "@/lib/probes/schemas";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Field, Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";

type Kind = ChannelView["kind"];
const DELIVERY_TONE: Record<DeliveryView["status"], BadgeTone> = { sent: "success", pending: "warning", failed: "danger" };
const REFRESH_MS = 10_000;

function Deliveries({ channelId }: { channelId: string }) {
  const api = useApi();
  const { data } = useQuery({
    queryKey: ["deliveries", channelId],
    queryFn: ({ signal }) => api.get<{ items: DeliveryView[] }>(`/api/v1/notifications/${channelId}/deliveries`, signal),
    refetchInterval: REFRESH_MS,
  });
  const items = data?.items.slice(0, 5) ?? [];
  if (items.length === 0) return <p className="text-xs text-zinc-500 dark:text-zinc-400">Nothing sent yet.</p>;
  return (
    <ul className="space-y-1 text-xs">
      {items.map((d) => (
        <li key={d.id} className="flex flex-wrap items-center gap-2">
          <Badge tone={DELIVERY_TONE[d.status]}>{d.status === "pending" && d.attempts > 0 ? `retrying (${d.attempts})` : d.status}</Badge>
          <span className="text-zinc-700 dark:text-zinc-300">{d.event}</span>
          <Time iso={d.createdAt} className="text-zinc-500" />
          {d.lastError && <span className="w-full truncate text-red-700 sm:w-auto dark:text-red-300" title={d.lastError}>{d.lastError}</span>}
        </li>
      ))}
    </ul>
  );
}

function ChannelRow({ channel }: { channel: ChannelView }) {
  const api = useApi();
  const toast = useToast();
  const qc = useQueryClient();
  const test = useMutation({
    mutationFn: () => api.post<DeliveryView>(`/api/v1/notifications/${channel.id}/test`),
    onSuccess: (d) => {
      toast(d.status === "sent" ? "Test notification sent" : `Test not delivered yet: ${d.lastError ?? "will retry"}`, d.status === "sent" ? "success" : "error");
      void qc.invalidateQueries({ queryKey: ["deliveries", channel.id] });
    },
    onError: (err) => toast(errorMessage(err), "error"),
  });
  const target = channel.kind === "email" ? (channel.config.to as string[] | undefined)?.join(", ") : String(channel.config.url ?? "") + (channel.kind === "ntfy" ? `/${String(channel.config.topic)}` : "");
  return (
    <li className="space-y-2 px-5 py-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <span className="font-medium text-zinc-900 dark:text-zinc-100">{channel.name}</span>
            <Badge tone="accent">{channel.kind}</Badge>
            {!channel.enabled && <Badge>disabled</Badge>}
          </div>
          <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{target}</p>
        </div>
        <Button size="sm" variant="secondary" loading={test.isPending} onClick={() => test.mutate()}>
          Send test
        </Button>
      </div>
      <Deliveries channelId={channel.id} />
    </li>
  );
}

function NewChannelForm() {
  const api = useApi();
  const toast = useToast();
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>("webhook");
  const [f, setF] = useState({ name: "", url: "", topic: "", host: "", port: "587", from: "", to: "", username: "", secret: "" });
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  const create = useMutation({
    mutationFn: () => {
      const config =
        kind === "webhook" ? { url: f.url } :
        kind === "ntfy" ? { url: f.url, topic: f.topic } :
        { host: f.host, port: Number(f.port), from: f.from, to: f.to.split(",").map((s) => s.trim()).filter(Boolean), ...(f.username ? { username: f.username } : {}) };
      return api.post<ChannelView>("/api/v1/notifications", { name: f.name, kind, config, ...(f.secret ? { secret: f.secret } : {}) });
    },
    onSuccess: (c) => {
      toast(`Channel "${c.name}" added`);
      setF({ name: "", url: "", topic: "", host: "", port: "587", from: "", to: "", username: "", secret: "" });
      void qc.invalidateQueries({ queryKey: ["channels"] });
    },
  });
  const issue = (path: string) => (create.error instanceof ApiRequestError ? create.error.issues.find((i) => i.path.endsWith(path))?.message : undefined);

  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      {create.isError && <Alert tone="error" className="sm:col-span-2">{errorMessage(create.error)}</Alert>}
      <Field id="ch-name" label="Name" error={issue("name")}>
        <Input id="ch-name" value={f.name} onChange={set("name")} required maxLength={64} />
      </Field>
      <Field id="ch-kind" label="Kind">
        <Select id="ch-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="webhook">Webhook (JSON POST)</option>
          <option value="ntfy">ntfy</option>
          <option value="email">Email (SMTP)</option>
        </Select>
      </Field>
      {kind !== "email" ? (
        <>
          <Field id="ch-url" label={kind === "ntfy" ? "ntfy server URL" : "Webhook URL"} error={issue("url")} className={kind === "webhook" ? "sm:col-span-2" : ""}>
            <Input id="ch-url" type="url" value={f.url} onChange={set("url")} required placeholder={kind === "ntfy" ? "http://ntfy.home.example" : "http://192.0.2.20:8080/hooks/homeport"} />
          </Field>
          {kind === "ntfy" && (
            <Field id="ch-topic" label="Topic" error={issue("topic")}>
              <Input id="ch-topic" value={f.topic} onChange={set("topic")} required pattern="[A-Za-z0-9_-]{1,64}" />
            </Field>
          )}
        </>
      ) : (
        <>
          <Field id="ch-host" label="SMTP server" error={issue("host")}>
            <Input id="ch-host" value={f.host} onChange={set("host")} required placeholder="mail.home.example" />
          </Field>
          <Field id="ch-port" label="Port" error={issue("port")}>
            <Input id="ch-port" type="number" min={1} max={65535} value={f.port} onChange={set("port")} required />
          </Field>
          <Field id="ch-from" label="From" error={issue("from")}>
            <Input id="ch-from" type="email" value={f.from} onChange={set("from")} required />
          </Field>
          <Field id="ch-to" label="To" hint="Comma-separated" error={issue("to")}>
            <Input id="ch-to" value={f.to} onChange={set("to")} required />
          </Field>
          <Field id="ch-user" label="Username" optional>
            <Input id="ch-user" value={f.username} onChange={set("username")} autoComplete="off" />
          </Field>
        </>
      )}
      <Field id="ch-secret" label={kind === "email" ? "Password" : "Bearer token"} optional hint="Stored encrypted; never shown again.">
        <Input id="ch-secret" type="password" value={f.secret} onChange={set("secret")} autoComplete="new-password" />
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" loading={create.isPending}>Add channel</Button>
      </div>
    </form>
  );
}

export function NotificationChannels({ initial }: { initial: ChannelView[] }) {
  const api = useApi();
  const { data } = useQuery({
    queryKey: ["channels"],
    queryFn: ({ signal }) => api.get<{ items: ChannelView[] }>("/api/v1/notifications", signal),
    initialData: { items: initial },
  });
  return (
    <div className="space-y-6">
      <Card aria-labelledby="channels">
        <CardHeader id="channels" title="Channels" description="Which checks notify which channel is set on each check. Failed deliveries are retried with backoff and never hold up probing." />
        {data.items.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-500 dark:text-zinc-400">No channels yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {data.items.map((c) => <ChannelRow key={c.id} channel={c} />)}
          </ul>
        )}
      </Card>
      <Card aria-labelledby="new-channel">
        <CardHeader id="new-channel" title="Add a channel" />
        <CardBody>
          <NewChannelForm />
        </CardBody>
      </Card>
    </div>
  );
}
