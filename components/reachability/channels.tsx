// Notification channels: the list with each channel's recent deliveries (sent / retrying /
// failed, with the last error), a test-send button, and the form (channel-form.tsx) to add or
// edit a webhook, ntfy or email channel. Secrets are write-only: the server keeps them sealed and
// never sends them back.
"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage, useApi } from "@/lib/client/api";
import type { ChannelView, DeliveryView } from "@/lib/probes/schemas";
import { CHANNEL_CATALOG } from "@/lib/probes/notify/catalog";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { ChannelForm } from "./channel-form";

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
  const [editing, setEditing] = useState(false);
  const test = useMutation({
    mutationFn: () => api.post<DeliveryView>(`/api/v1/notifications/${channel.id}/test`),
    onSuccess: (d) => {
      toast(d.status === "sent" ? "Test notification sent" : `Test not delivered yet: ${d.lastError ?? "will retry"}`, d.status === "sent" ? "success" : "error");
      void qc.invalidateQueries({ queryKey: ["deliveries", channel.id] });
    },
    onError: (err) => toast(errorMessage(err), "error"),
  });
  const target = CHANNEL_CATALOG[channel.kind].summary(channel.config);
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
        <div className="flex gap-2">
          {!editing && <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>Edit</Button>}
          <Button size="sm" variant="secondary" loading={test.isPending} onClick={() => test.mutate()}>
            Send test
          </Button>
        </div>
      </div>
      {editing && <div className="border-t border-zinc-200 pt-4 dark:border-zinc-800"><ChannelForm existing={channel} onDone={() => setEditing(false)} /></div>}
      <Deliveries channelId={channel.id} />
    </li>
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
          <ChannelForm />
        </CardBody>
      </Card>
    </div>
  );
}
