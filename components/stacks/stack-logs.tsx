// A stack's logs on its page: every service's recent lines (or one service's), each tagged with its
// service, filtered on the server by the search text, re-read every LOG_POLL_MS while "follow" is
// on; services whose logs could not be read are named with the reason.
"use client";

import { useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { errorMessage, useApi } from "@/lib/client/api";
import { useDebounced } from "@/lib/client/use-debounced";
import type { StackLogsSchema } from "@/lib/stacks/schemas";
import { stackKeys } from "./stack-live";

export const LOG_POLL_MS = 2_000;
/** Lines per service. */
const TAIL = 200;

type StackLogs = z.infer<typeof StackLogsSchema>;

export function StackLogs({ stackId, services, enabled = true }: { stackId: string; services: string[]; enabled?: boolean }) {
  const api = useApi();
  const ids = useId();
  const [service, setService] = useState("");
  const [search, setSearch] = useState("");
  const [follow, setFollow] = useState(true);
  const q = useDebounced(search.trim(), 300);
  const logs = useQuery({
    queryKey: [...stackKeys.stack(stackId), "logs", service, q],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ tail: String(TAIL) });
      if (service) params.set("service", service);
      if (q) params.set("q", q);
      return api.get<StackLogs>(`/api/v1/stacks/${stackId}/logs?${params}`, signal);
    },
    refetchInterval: follow && enabled ? LOG_POLL_MS : false,
    enabled: enabled && services.length > 0,
    retry: false,
  });
  const lines = logs.data?.lines ?? [];
  return (
    <Card data-testid="stack-logs-card">
      <CardHeader
        id="logs"
        title="Logs"
        description="The latest lines of each service's container."
      />
      <CardBody className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
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
          <Input aria-label="Search the stack's logs" placeholder="Search…" value={search} onChange={(e) => setSearch(e.target.value)} className="h-8 w-40 min-w-0 flex-1 sm:flex-none" />
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" className="size-4 accent-indigo-600" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow
          </label>
        </div>
        {services.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">No services yet: apply the stack to see their logs.</p>}
        {logs.error != null && <Alert tone="info">{errorMessage(logs.error)}</Alert>}
        {(logs.data?.missing ?? []).map((m) => (
          <Alert key={m.service} tone="info">
            {m.service}: {m.reason}
          </Alert>
        ))}
        {services.length > 0 && logs.error == null && (
          <pre className="max-h-96 overflow-auto rounded-md bg-zinc-950 p-2 text-xs text-zinc-100" data-testid="stack-logs" tabIndex={0} aria-label="Log lines">
            {lines.map((l, i) => (
              <div key={i} className={l.stream === "stderr" ? "text-red-300" : undefined}>
                <span className="text-sky-300">{l.service}</span> {l.text}
              </div>
            ))}
            {logs.data && lines.length === 0 && <span className="text-zinc-400">{q ? "No line matches." : "No output yet."}</span>}
          </pre>
        )}
      </CardBody>
    </Card>
  );
}
