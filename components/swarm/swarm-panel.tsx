// The service page's Swarm panel: replicas running / desired, the tasks per node (failed ones
// first), Scale, and the Swarm settings (mode, replicas, placement, rolling update). Tasks come from
// GET …/tasks and stay current from the live stream (swarm/tasks events).
"use client";

import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { SwarmPlacementView, SwarmServiceStatus, SwarmTask } from "@/lib/protocol/swarm";
import { MAX_SWARM_REPLICAS } from "@/lib/protocol/swarm";
import { errorMessage, useApi } from "@/lib/client/api";
import { useLiveEvents } from "@/lib/client/live";
import { useCan } from "@/components/auth/role-context";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/field";
import { SwarmSettingsForm } from "./swarm-settings-form";

const FAILED = new Set(["failed", "rejected", "orphaned", "remove"]);
const toneOf = (t: SwarmTask): BadgeTone =>
  FAILED.has(t.state) ? "danger" : t.state === "running" ? "success" : t.desiredState !== "running" ? "neutral" : "warning";

/** Tasks that matter now: those meant to run, and failures still shown by Swarm; failures first. */
function currentTasks(tasks: SwarmTask[]): SwarmTask[] {
  const shown = tasks.filter((t) => t.desiredState === "running" || FAILED.has(t.state));
  return shown.sort((a, b) => Number(FAILED.has(b.state)) - Number(FAILED.has(a.state)) || (a.slot ?? 0) - (b.slot ?? 0));
}

function byNode(tasks: SwarmTask[]): [string, SwarmTask[]][] {
  const m = new Map<string, SwarmTask[]>();
  for (const t of tasks) m.set(t.node || t.nodeId, [...(m.get(t.node || t.nodeId) ?? []), t]);
  return [...m.entries()];
}

export function SwarmPanel({ serviceId, placement, manager, routingMesh, deployed }: {
  serviceId: string;
  placement: SwarmPlacementView;
  manager: boolean;
  routingMesh: boolean | null;
  deployed: boolean;
}) {
  const api = useApi();
  const qc = useQueryClient();
  const canWrite = useCan("write");
  const key = ["swarm-tasks", serviceId];
  const swarm = placement.mode === "swarm";
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<SwarmServiceStatus>(`/api/v1/services/${serviceId}/tasks`, signal),
    enabled: swarm,
    retry: false,
  });
  useLiveEvents({
    serviceId,
    types: ["swarm/tasks", "deploy/status"],
    enabled: swarm,
    onEvent: (e) => {
      if (e.type === "swarm/tasks") qc.setQueryData(key, e.status);
      else void qc.invalidateQueries({ queryKey: key });
    },
  });
  const [replicas, setReplicas] = useState(String(placement.replicas));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function scale(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    const n = Number(replicas);
    if (!Number.isInteger(n) || n < 0 || n > MAX_SWARM_REPLICAS) return setError(`Replicas: a whole number from 0 to ${MAX_SWARM_REPLICAS}`);
    setBusy(true);
    try {
      const r = await api.post<{ replicas: number; previous: number }>(`/api/v1/services/${serviceId}/scale`, { replicas: n });
      setDone(`Scaling from ${r.previous} to ${r.replicas}; tasks update below as Swarm converges.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const status = q.data;
  const tasks = status ? currentTasks(status.tasks) : [];
  const failing = tasks.filter((t) => FAILED.has(t.state));
  const short = status && status.found && status.running < status.desired;
  return (
    <Card aria-labelledby="swarm-title">
      <CardHeader
        id="swarm-title"
        title={swarm ? "Swarm service" : "Swarm"}
        description={swarm ? "Runs as a Docker Swarm service on this host's swarm; Swarm schedules the tasks and rolls updates." : "This host is a Swarm manager: the service can run as a Swarm service with replicas."}
        actions={
          status?.found ? (
            <Badge tone={short ? "warning" : "success"}>
              {status.running} / {status.desired} running
            </Badge>
          ) : undefined
        }
      />
      <CardBody className="space-y-4">
        {!manager && swarm && (
          <Alert tone="error" title="The host is no longer a Swarm manager">
            Its agent reports no active swarm with control available: deploys fail until it is a manager again, or switch the service back to container mode.
          </Alert>
        )}
        {swarm && routingMesh === false && placement.settings.publishMode === "ingress" && (
          <Alert tone="warning" title="The routing mesh cannot answer on this host">
            Its kernel has no IPVS, which Swarm&apos;s routing mesh needs: ports published in ingress mode do not answer. Use host publish mode below (one task per node).
          </Alert>
        )}
        {failing.length > 0 && (
          <Alert tone="error" title={`${failing.length} task${failing.length === 1 ? "" : "s"} failed`}>
            {failing[0]?.error ?? failing[0]?.message}
          </Alert>
        )}
        {status?.updateState && status.updateState !== "completed" && (
          <Alert tone={status.updateState.startsWith("rollback") || status.updateState === "paused" ? "warning" : "info"} title={`Update ${status.updateState.replace("_", " ")}`}>
            {status.updateMessage}
          </Alert>
        )}
        {swarm && q.isError && <Alert tone="warning" title="Tasks unavailable">{errorMessage(q.error)}</Alert>}
        {swarm && status && !status.found && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {deployed ? "No Swarm service exists for it on the manager: deploy it again." : "Not deployed on the swarm yet: deploy the service to create it."}
          </p>
        )}
        {swarm && status?.found && (
          <>
            <form onSubmit={scale} className="flex flex-wrap items-end gap-2" aria-label="Scale">
              <div>
                <Label htmlFor="swarm-replicas">Replicas</Label>
                <Input id="swarm-replicas" type="number" inputMode="numeric" min={0} max={MAX_SWARM_REPLICAS} step={1} value={replicas} onChange={(e) => setReplicas(e.target.value)} className="mt-1 w-28" disabled={!canWrite} aria-describedby="swarm-scale-msg" />
              </div>
              {canWrite && (
                <Button type="submit" loading={busy}>
                  Scale
                </Button>
              )}
            </form>
            <p id="swarm-scale-msg" role={error ? "alert" : "status"} className={error ? "text-sm text-red-700 dark:text-red-400" : "text-sm text-zinc-600 dark:text-zinc-400"}>
              {error ?? done}
            </p>
            <TasksByNode tasks={tasks} />
          </>
        )}
        <SwarmSettingsForm serviceId={serviceId} placement={placement} manager={manager} />
      </CardBody>
    </Card>
  );
}

function TasksByNode({ tasks }: { tasks: SwarmTask[] }) {
  if (tasks.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No tasks (scaled to 0).</p>;
  return (
    <div className="space-y-3">
      {byNode(tasks).map(([node, list]) => (
        <section key={node} aria-label={`Tasks on ${node}`}>
          <h3 className="mb-1 text-sm font-semibold">
            {node} <span className="font-normal text-zinc-500 dark:text-zinc-400">· {list.filter((t) => t.state === "running").length} running</span>
          </h3>
          <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
            {list.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
                <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">#{t.slot ?? "–"}</span>
                <Badge tone={toneOf(t)}>{t.state}</Badge>
                {t.desiredState !== "running" && <span className="text-xs text-zinc-500 dark:text-zinc-400">desired {t.desiredState}</span>}
                <span className="min-w-0 flex-1 truncate text-zinc-700 dark:text-zinc-300" title={t.error ?? t.message}>
                  {t.error ?? t.message}
                </span>
                {t.containerId && <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{t.containerId.slice(0, 12)}</code>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
