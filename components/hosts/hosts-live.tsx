// The Hosts page on the live stream: host status events land in each host's status query
// (HostStatusCell reads them), and a host the page has not rendered yet — an agent that just
// enrolled — refreshes the server-rendered list.
"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { HostStatusLabel, agentQueryKeys, useAgentEvents } from "@/components/agents";
import { Badge } from "@/components/ui/badge";
import { useApi } from "@/lib/client/api";
import type { HostStatusView } from "@/lib/agents/schemas";

export function HostsLive({ knownIds }: { knownIds: string[] }) {
  const router = useRouter();
  const known = useRef(new Set(knownIds));
  useEffect(() => {
    known.current = new Set(knownIds);
  }, [knownIds]);
  useAgentEvents({}, (e) => {
    if (e.type === "host/status" && !known.current.has(e.hostId)) {
      known.current.add(e.hostId);
      router.refresh();
    }
  });
  return null;
}

/** A host's status in a list, kept current by the events HostsLive follows (no polling). */
export function HostStatusCell({ initial }: { initial: HostStatusView }) {
  const api = useApi();
  const { data } = useQuery({
    queryKey: agentQueryKeys.hostStatus(initial.hostId),
    queryFn: ({ signal }) => api.get<HostStatusView>(`/api/v1/hosts/${initial.hostId}/status`, signal),
    initialData: initial,
  });
  return data ? <HostStatusLabel status={data} /> : <Badge>…</Badge>;
}
