// CPU and memory of a service's container: recent samples from the agent (every ~15 s), charted
// as two small SVG lines that grow as live samples arrive.
"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useApi } from "@/lib/client/api";
import type { StatsSample } from "@/lib/protocol/docker";
import { agentQueryKeys, useAgentEvents } from "./agent-live";

const MAX_POINTS = 120;
const W = 320, H = 60;

function Sparkline({ values, max, label, format }: { values: number[]; max: number; label: string; format: (v: number) => string }) {
  const top = Math.max(max, ...values, 1e-9);
  const pts = values.map((v, i) => `${(i / Math.max(1, values.length - 1)) * W},${H - (v / top) * H}`).join(" ");
  const last = values.at(-1);
  return (
    <figure className="space-y-1">
      <figcaption className="flex justify-between text-sm"><span>{label}</span><span className="font-mono">{last === undefined ? "–" : format(last)}</span></figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-16 w-full rounded bg-zinc-50 dark:bg-zinc-800" role="img" aria-label={`${label} over time`}>
        {values.length > 1 && <polyline points={pts} fill="none" stroke="currentColor" strokeWidth="2" className="text-sky-600" />}
      </svg>
    </figure>
  );
}

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

export function ServiceStats({ serviceId }: { serviceId: string }) {
  const api = useApi();
  const qc = useQueryClient();
  const key = agentQueryKeys.stats(serviceId);
  const { data } = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<{ containerId: string | null; samples: StatsSample[] }>(`/api/v1/services/${serviceId}/stats`, signal),
    retry: false,
  });
  useAgentEvents({ serviceId }, (e) => {
    if (e.type !== "stats/sample") return;
    qc.setQueryData<{ containerId: string | null; samples: StatsSample[] }>(key, (old) => ({
      containerId: e.sample.containerId,
      samples: [...(old?.containerId === e.sample.containerId ? old.samples : []), e.sample].slice(-MAX_POINTS),
    }));
  });
  const samples = data?.samples ?? [];
  const limit = samples.at(-1)?.memoryLimitBytes ?? 0;
  return (
    <Card>
      <CardHeader title="CPU and memory" description={samples.length ? `${samples.length} samples` : "No samples yet; the agent samples running containers every 15 s."} />
      <CardBody className="grid gap-4 sm:grid-cols-2">
        <Sparkline label="CPU" values={samples.map((s) => s.cpuPercent)} max={100} format={(v) => `${v.toFixed(1)} %`} />
        <Sparkline label={`Memory${limit ? ` (limit ${mib(limit)})` : ""}`} values={samples.map((s) => s.memoryBytes)} max={0} format={mib} />
      </CardBody>
    </Card>
  );
}
