// A service's logs on its page: the log viewer over all its containers (rollout temps included
// while they exist), following new lines as they are written.
"use client";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { LogViewer } from "@/components/logs/log-viewer";

export function ServiceLogs({ serviceId, name = "service" }: { serviceId: string; name?: string }) {
  return (
    <Card>
      <CardHeader title="Logs" description="Streamed live from the container; stderr in red." />
      <CardBody>
        <LogViewer streamUrl={`/api/v1/services/${serviceId}/logs/stream`} name={name} tagSources="several" testId="service-logs" />
      </CardBody>
    </Card>
  );
}
