// Live, searchable logs of a service's container: the last lines, re-read every LOG_POLL_MS while
// "follow" is on, filtered on the server by the search text.
"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useApi, errorMessage } from "@/lib/client/api";
import { useDebounced } from "@/lib/client/use-debounced";

export const LOG_POLL_MS = 2_000;
const TAIL = 500;

interface LogsAnswer {
  containerId: string;
  lines: { stream: "stdout" | "stderr"; text: string }[];
}

export function ServiceLogs({ serviceId }: { serviceId: string }) {
  const api = useApi();
  const [search, setSearch] = useState("");
  const [follow, setFollow] = useState(true);
  const q = useDebounced(search.trim(), 300);
  const logs = useQuery({
    queryKey: ["agents", "logs", serviceId, q],
    queryFn: ({ signal }) => api.get<LogsAnswer>(`/api/v1/services/${serviceId}/logs?tail=${TAIL}${q ? `&q=${encodeURIComponent(q)}` : ""}`, signal),
    refetchInterval: follow ? LOG_POLL_MS : false,
    retry: false,
  });
  return (
    <Card>
      <CardHeader
        title="Logs"
        actions={
          <div className="flex items-center gap-2">
            <Input aria-label="Search the logs" placeholder="Search…" value={search} onChange={(e) => setSearch(e.target.value)} className="w-48" />
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow
            </label>
          </div>
        }
      />
      <CardBody>
        {logs.error ? (
          <Alert tone="info">{errorMessage(logs.error)}</Alert>
        ) : (
          <pre className="max-h-96 overflow-auto rounded-md bg-zinc-950 p-2 text-xs text-zinc-100" data-testid="service-logs">
            {(logs.data?.lines ?? []).map((l, i) => (
              <div key={i} className={l.stream === "stderr" ? "text-red-300" : undefined}>{l.text}</div>
            ))}
            {logs.data && logs.data.lines.length === 0 && <span className="text-zinc-400">{q ? "No line matches." : "No output yet."}</span>}
          </pre>
        )}
      </CardBody>
    </Card>
  );
}
