// A stack's logs on its page: the log viewer over every service's containers (or one service's),
// each line tagged with its service in a stable colour, following new lines as they are written.
"use client";

import { useId, useState } from "react";
import { useLiveEvents } from "@/lib/client/live";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { LogViewer } from "@/components/logs/log-viewer";

export function StackLogs({ stackId, services, enabled = true, name = "stack" }: { stackId: string; services: string[]; enabled?: boolean; name?: string }) {
  const ids = useId();
  const [service, setService] = useState("");
  // One of the stack's containers started (an apply, a restart): reopen to include it.
  const [epoch, setEpoch] = useState(0);
  useLiveEvents({ types: ["container/state"], enabled, onEvent: (e) => e.type === "container/state" && e.action === "start" && e.container.name.startsWith(`${name}-`) && setEpoch((n) => n + 1) });
  const picker = (
    <>
      <label htmlFor={`${ids}-service`} className="sr-only">
        Service
      </label>
      <Select id={`${ids}-service`} value={service} onChange={(e) => setService(e.target.value)} className="h-8 w-auto">
        <option value="">All services</option>
        {services.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </Select>
    </>
  );
  return (
    <Card data-testid="stack-logs-card">
      <CardHeader id="logs" title="Logs" description="Every service's containers, streamed live; each line tagged with its service." />
      <CardBody>
        {services.length === 0 || !enabled ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No services yet: apply the stack to see their logs.</p>
        ) : (
          <LogViewer
            key={service}
            streamUrl={`/api/v1/stacks/${stackId}/logs/stream`}
            extraQuery={service ? { service } : undefined}
            name={service ? `${name}-${service}` : name}
            tagSources="always"
            testId="stack-logs"
            leading={picker}
            epoch={epoch}
          />
        )}
      </CardBody>
    </Card>
  );
}
