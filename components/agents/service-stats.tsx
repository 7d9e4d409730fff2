// CPU and memory of a service's container: recent samples from the agent (every ~15 s), charted
// with time and value axes (CPU 0-100 % of one core, higher only when it uses more; memory from 0
// with a minimum span, so noise stays a ripple), the limit in human units, and empty and error
// states. Grows as stats/sample events arrive on the live stream.
"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage, useApi } from "@/lib/client/api";
import type { StatsSample } from "@/lib/protocol/docker";
import { ResourceChart } from "@/components/charts/resource-chart";
import { cpuDomain, formatBytes, memoryDomain, plural } from "@/components/charts/scale";
import { useLiveEvents } from "@/lib/client/live";
import { agentQueryKeys, useAgentEvents } from "./agent-live";

const MAX_POINTS = 120;
const STATS_TYPES = ["stats/sample"] as const;
/** The agent's sampling period, as users are told it. */
const SAMPLE_EVERY_S = 15;

const pct = (v: number) => `${v >= 10 || v === 0 ? Math.round(v) : v.toFixed(1)} %`;

function Figure({ label, value, children }: { label: string; value: string; children: React.ReactNode }) {
  return (
    <figure className="min-w-0 space-y-1">
      <figcaption className="flex flex-wrap justify-between gap-x-2 text-sm">
        <span className="text-zinc-700 dark:text-zinc-300">{label}</span>
        <span className="font-mono tabular-nums text-zinc-900 dark:text-zinc-100">{value}</span>
      </figcaption>
      {children}
    </figure>
  );
}

export function ServiceStats({ serviceId }: { serviceId: string }) {
  const api = useApi();
  const qc = useQueryClient();
  const key = agentQueryKeys.stats(serviceId);
  const { data, isError, error, isPending } = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<{ containerId: string | null; samples: StatsSample[] }>(`/api/v1/services/${serviceId}/stats`, signal),
    retry: false,
  });
  useAgentEvents({ serviceId }); // refetches the samples whenever the stream (re)opens or resyncs
  // Stats samples are asked for by type: an unscoped page stream then carries them too (stats=1).
  useLiveEvents({ serviceId, types: STATS_TYPES, onEvent: (e) => {
    if (e.type !== "stats/sample") return;
    qc.setQueryData<{ containerId: string | null; samples: StatsSample[] }>(key, (old) => ({
      containerId: e.sample.containerId,
      samples: [...(old?.containerId === e.sample.containerId ? old.samples : []), e.sample].slice(-MAX_POINTS),
    }));
  } });
  const samples = data?.samples ?? [];
  const latest = samples.at(-1);
  const limit = latest?.memoryLimitBytes ?? 0;
  const cpu = samples.map((s) => ({ t: Date.parse(s.at), v: s.cpuPercent }));
  const mem = samples.map((s) => ({ t: Date.parse(s.at), v: s.memoryBytes }));
  const memDomain = memoryDomain(mem.map((p) => p.v));
  const description = isError
    ? "Samples could not be loaded."
    : samples.length
      ? `${plural(samples.length, "sample")}, one every ${SAMPLE_EVERY_S} s${samples.length === 1 ? "; the charts grow as more arrive" : ""}.`
      : data?.containerId === null
        ? "No container runs for this service: nothing to sample."
        : `No samples yet; the agent samples running containers every ${SAMPLE_EVERY_S} s.`;

  return (
    <Card>
      <CardHeader title="CPU and memory" description={description} />
      {isError ? (
        <CardBody>
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorMessage(error)}
          </p>
        </CardBody>
      ) : isPending ? (
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-40 w-full" />
        </CardBody>
      ) : samples.length > 0 ? (
        <CardBody className="grid gap-6 sm:grid-cols-2" data-testid="service-stats">
          <Figure label="CPU (% of one core)" value={latest ? pct(latest.cpuPercent) : "—"}>
            <ResourceChart points={cpu} domain={cpuDomain(cpu.map((p) => p.v))} format={pct} colour="#0284c7" label="CPU" />
          </Figure>
          <Figure label={`Memory${limit ? ` (limit ${formatBytes(limit)})` : ""}`} value={latest ? formatBytes(latest.memoryBytes) : "—"}>
            <ResourceChart points={mem} domain={memDomain} format={formatBytes} colour="#7c3aed" label="Memory" limit={limit ? { value: limit, label: `limit ${formatBytes(limit)}` } : undefined} />
          </Figure>
        </CardBody>
      ) : null}
    </Card>
  );
}
