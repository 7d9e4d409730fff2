// Swarm settings of a service: container or Swarm mode, replicas, placement constraints, publish
// mode and the rolling update (parallelism, delay, failure action, monitor). Saved with
// POST /api/v1/services/:id/swarm; applied on the next deploy.
"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { SwarmPlacementView } from "@/lib/protocol/swarm";
import { MAX_SWARM_REPLICAS } from "@/lib/protocol/swarm";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { useCan } from "@/components/auth/role-context";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";

export function SwarmSettingsForm({ serviceId, placement, manager }: { serviceId: string; placement: SwarmPlacementView; manager: boolean }) {
  const api = useApi();
  const router = useRouter();
  const canWrite = useCan("write");
  const u = placement.settings.update;
  const [mode, setMode] = useState(placement.mode);
  const [replicas, setReplicas] = useState(String(placement.replicas));
  const [constraints, setConstraints] = useState(placement.settings.constraints.join("\n"));
  const [publishMode, setPublishMode] = useState(placement.settings.publishMode);
  const [parallelism, setParallelism] = useState(String(u.parallelism));
  const [delay, setDelay] = useState(String(u.delaySeconds));
  const [failureAction, setFailureAction] = useState(u.failureAction);
  const [monitor, setMonitor] = useState(String(u.monitorSeconds));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  if (!canWrite) return null;

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setIssues({});
    setSaved(false);
    try {
      await api.post(`/api/v1/services/${serviceId}/swarm`, {
        mode,
        replicas: Number(replicas),
        constraints: constraints.split("\n").map((c) => c.trim()).filter(Boolean),
        publishMode,
        update: { ...u, parallelism: Number(parallelism), delaySeconds: Number(delay), failureAction, monitorSeconds: Number(monitor) },
      });
      setSaved(true);
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiRequestError) setIssues(Object.fromEntries((err.issues ?? []).map((i) => [i.path.split(".")[0] ?? i.path, i.message])));
    } finally {
      setBusy(false);
    }
  }

  const swarm = mode === "swarm";
  return (
    <details className="rounded-lg border border-zinc-200 dark:border-zinc-800" open={placement.mode === "container"}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">Swarm settings</summary>
      <form onSubmit={save} className="space-y-4 px-3 pb-3" aria-label="Swarm settings" noValidate>
        <Field id="swarm-mode" label="Run as" hint="Applied on the next deploy. Switching back to container mode does not remove a running Swarm service: delete it from the swarm or redeploy.">
          <Select id="swarm-mode" value={mode} onChange={(e) => setMode(e.target.value === "swarm" ? "swarm" : "container")} disabled={!manager && placement.mode !== "swarm"}>
            <option value="container">A container on this host</option>
            <option value="swarm">A Swarm service (replicas across the swarm)</option>
          </Select>
        </Field>
        {swarm && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="swarm-set-replicas" label="Replicas" error={issues.replicas} hint={`0–${MAX_SWARM_REPLICAS}`}>
              <Input id="swarm-set-replicas" type="number" inputMode="numeric" min={0} max={MAX_SWARM_REPLICAS} value={replicas} onChange={(e) => setReplicas(e.target.value)} invalid={Boolean(issues.replicas)} />
            </Field>
            <Field id="swarm-publish" label="Publish ports" hint="Ingress: every node answers (routing mesh). Host: only the node a task runs on.">
              <Select id="swarm-publish" value={publishMode} onChange={(e) => setPublishMode(e.target.value === "host" ? "host" : "ingress")}>
                <option value="ingress">Through the routing mesh (ingress)</option>
                <option value="host">On the task&apos;s node (host)</option>
              </Select>
            </Field>
            <Field id="swarm-constraints" label="Placement constraints" optional error={issues.constraints} hint="One per line, e.g. node.role == manager" className="sm:col-span-2">
              <Textarea id="swarm-constraints" rows={2} value={constraints} onChange={(e) => setConstraints(e.target.value)} className="font-mono" invalid={Boolean(issues.constraints)} />
            </Field>
            <Field id="swarm-parallelism" label="Update parallelism" hint="Tasks replaced at once; 0 = all">
              <Input id="swarm-parallelism" type="number" min={0} value={parallelism} onChange={(e) => setParallelism(e.target.value)} />
            </Field>
            <Field id="swarm-delay" label="Delay between batches (s)">
              <Input id="swarm-delay" type="number" min={0} value={delay} onChange={(e) => setDelay(e.target.value)} />
            </Field>
            <Field id="swarm-failure" label="If an update fails" hint="Rollback restores the previous spec (the health check decides)">
              <Select id="swarm-failure" value={failureAction} onChange={(e) => setFailureAction(e.target.value === "pause" ? "pause" : e.target.value === "continue" ? "continue" : "rollback")}>
                <option value="rollback">Roll back</option>
                <option value="pause">Pause</option>
                <option value="continue">Continue</option>
              </Select>
            </Field>
            <Field id="swarm-monitor" label="Watch each new task for (s)" hint="A task failing in this window fails the update">
              <Input id="swarm-monitor" type="number" min={1} value={monitor} onChange={(e) => setMonitor(e.target.value)} />
            </Field>
          </div>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" loading={busy} variant="secondary">
            Save Swarm settings
          </Button>
          <p role={error ? "alert" : "status"} className={error ? "text-sm text-red-700 dark:text-red-400" : "text-sm text-emerald-700 dark:text-emerald-400"}>
            {error ?? (saved ? "Saved. Deploy to apply." : "")}
          </p>
        </div>
      </form>
    </details>
  );
}
