// Host status badge: "online", or "unknown · last seen …" when no agent session is open (an
// agent that is gone is never shown as "down"); warns about a protocol version mismatch. Kept
// current by the page's live stream (every status change is an event), not by polling.
"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { useApi } from "@/lib/client/api";
import { Time } from "@/components/ui/time";
import type { HostStatusView } from "@/lib/agents/schemas";
import { agentQueryKeys, useAgentEvents } from "./agent-live";

export function HostStatusBadge({ hostId, initial }: { hostId: string; initial?: HostStatusView }) {
  const api = useApi();
  const { data } = useQuery({
    queryKey: agentQueryKeys.hostStatus(hostId),
    queryFn: ({ signal }) => api.get<HostStatusView>(`/api/v1/hosts/${hostId}/status`, signal),
    initialData: initial,
  });
  useAgentEvents({ hostId });
  if (!data) return <Badge tone="neutral">…</Badge>;
  return <HostStatusLabel status={data} />;
}

/** The badge alone, for lists that already hold the status. */
export function HostStatusLabel({ status }: { status: HostStatusView }) {
  const seen = status.lastSeenAt ? <>last seen <Time iso={status.lastSeenAt} /></> : "never seen";
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5" data-testid="host-status" data-online={status.online ? "true" : "false"}>
      {status.revoked ? (
        <Badge tone="danger">revoked</Badge>
      ) : status.online ? (
        <Badge tone="success">online</Badge>
      ) : (
        <Badge tone="neutral">
          unknown <span className="font-normal">· {seen}</span>
        </Badge>
      )}
      {status.versionMismatch && (
        <Badge tone="warning">
          <span title={status.versionMismatch}>protocol mismatch</span>
        </Badge>
      )}
      {status.agentVersion && <span className="text-xs text-zinc-500 dark:text-zinc-400">agent {status.agentVersion}</span>}
    </span>
  );
}
