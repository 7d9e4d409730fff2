// A service's logs on its page: the log viewer over all its containers (rollout temps included
// while they exist), following new lines as they are written; reopened when one of them starts.
"use client";

import { useState } from "react";
import { useLiveEvents } from "@/lib/client/live";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { LogViewer } from "@/components/logs/log-viewer";

export function ServiceLogs({ serviceId, name = "service" }: { serviceId: string; name?: string }) {
  // A container of the service started (first deploy, a rollout's temp): reopen to include it.
  const [epoch, setEpoch] = useState(0);
  useLiveEvents({ serviceId, types: ["container/state"], onEvent: (e) => e.type === "container/state" && e.action === "start" && setEpoch((n) => n + 1) });
  return (
    <Card>
      <CardHeader title="Logs" description="Streamed live from the container; stderr in red." />
      <CardBody>
        <LogViewer streamUrl={`/api/v1/services/${serviceId}/logs/stream`} name={name} tagSources="several" testId="service-logs" epoch={epoch} />
      </CardBody>
    </Card>
  );
}
