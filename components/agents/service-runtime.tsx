// The Service page's runtime panel: observed container state (live), deploy (with "pull the
// image" for updates), start/stop/restart/remove (destructive ones confirmed), and the latest
// rollout with its log streaming in.
"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { useApi, errorMessage } from "@/lib/client/api";
import { Time } from "@/components/ui/time";
import type { ContainerAction, ContainerStateView, DeploymentView } from "@/lib/agents/schemas";
import { useCan } from "@/components/auth/role-context";
import { shortDuration } from "@/lib/client/format";
import type { DesiredState } from "@/lib/inventory/schemas";
import { ContainerStateBadge } from "./container-state-badge";
import { agentQueryKeys, useAgentEvents } from "./agent-live";

const STATUS_TONE = { pending: "neutral", running: "info", succeeded: "success", unchanged: "neutral", failed: "danger" } as const;
const CONFIRM: Partial<Record<ContainerAction, string>> = {
  stop: "The service stops answering until it is started again.",
  remove: "The container is removed. Deploy the service again to bring it back.",
};

/** `stackName`: the service belongs to a stack, which deploys and removes it (start/stop/restart stay). */
export function ServiceRuntime({ serviceId, hasHost, stackName = null, desiredState = "running", swarm = false }: { serviceId: string; hasHost: boolean; stackName?: string | null; desiredState?: DesiredState; swarm?: boolean }) {
  const api = useApi();
  const canWrite = useCan("write");
  const [desired, setDesired] = useState<DesiredState>(desiredState);
  const qc = useQueryClient();
  const [pull, setPull] = useState(false);
  const [confirm, setConfirm] = useState<ContainerAction | null>(null);
  const [liveLog, setLiveLog] = useState<{ deploymentId: string; lines: string[] }>({ deploymentId: "", lines: [] });

  const container = useQuery({
    queryKey: agentQueryKeys.serviceContainer(serviceId),
    queryFn: ({ signal }) => api.get<{ container: ContainerStateView | null; restartCount?: number | null }>(`/api/v1/services/${serviceId}/container`, signal),
  });
  const deployments = useQuery({
    queryKey: agentQueryKeys.deployments(serviceId),
    queryFn: ({ signal }) => api.get<{ items: DeploymentView[] }>(`/api/v1/services/${serviceId}/deployments`, signal),
  });
  useAgentEvents({ serviceId }, (e) => {
    if (e.type === "deploy/log") {
      setLiveLog((l) => (l.deploymentId === e.deploymentId ? { ...l, lines: [...l.lines, e.line] } : { deploymentId: e.deploymentId, lines: [e.line] }));
    }
  });

  const deploy = useMutation({
    mutationFn: () => api.post<DeploymentView>(`/api/v1/services/${serviceId}/deploy`, { pull }),
    onSuccess: () => {
      setDesired("running");
      void qc.invalidateQueries({ queryKey: agentQueryKeys.deployments(serviceId) });
    },
  });
  const act = useMutation({
    mutationFn: (action: ContainerAction) => api.post<{ container: ContainerStateView | null }>(`/api/v1/services/${serviceId}/actions`, { action }),
    onSuccess: (r, action) => {
      setDesired(action === "start" || action === "restart" ? "running" : "stopped");
      qc.setQueryData(agentQueryKeys.serviceContainer(serviceId), r);
      setConfirm(null);
    },
  });
  const run = (a: ContainerAction) => (CONFIRM[a] ? setConfirm(a) : act.mutate(a));

  const c = container.data?.container ?? null;
  const latest = deployments.data?.items[0];
  const log = latest && liveLog.deploymentId === latest.id && latest.status === "running" ? liveLog.lines : latest?.log ?? [];

  return (
    <Card>
      <CardHeader
        title="Runtime"
        description={stackName ? `What the host's agent reports, live. Stack ${stackName} deploys and removes it.` : hasHost ? "What the host's agent reports, live." : "Place this service on a host to deploy it."}
        actions={stackName || !canWrite ? undefined : (
          <div className="flex items-center gap-2">
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={pull} onChange={(e) => setPull(e.target.checked)} /> pull image
            </label>
            <Button onClick={() => deploy.mutate()} loading={deploy.isPending} disabled={!hasHost}>Deploy</Button>
          </div>
        )}
      />
      <CardBody className="space-y-4">
        {deploy.error && <Alert tone="error">{errorMessage(deploy.error)}</Alert>}
        {act.error && !confirm && <Alert tone="error">{errorMessage(act.error)}</Alert>}
        {c ? (
          <div className="flex flex-wrap items-center gap-3">
            <ContainerStateBadge container={c} desiredState={desired} />
            <code className="text-xs">{c.name} · {c.containerId.slice(0, 12)}</code>
            <Since container={c} />
            {typeof container.data?.restartCount === "number" && (
              <span className={container.data.restartCount > 0 ? "text-xs text-amber-700 dark:text-amber-400" : "text-xs text-zinc-500"} data-testid="restart-count">
                {container.data.restartCount === 0 ? "no restarts" : `restarted ${container.data.restartCount} time${container.data.restartCount === 1 ? "" : "s"}`}
              </span>
            )}
            <div className={canWrite ? "ml-auto flex gap-2" : "hidden"}>
              {c.state !== "running" && <Button size="sm" variant="secondary" onClick={() => run("start")} loading={act.isPending && act.variables === "start"}>Start</Button>}
              {c.state === "running" && <Button size="sm" variant="secondary" onClick={() => run("restart")} loading={act.isPending && act.variables === "restart"}>Restart</Button>}
              {c.state === "running" && <Button size="sm" variant="secondary" onClick={() => run("stop")}>Stop</Button>}
              {!stackName && <Button size="sm" variant="danger" onClick={() => run("remove")}>Remove</Button>}
            </div>
          </div>
        ) : (
          <p className="text-sm text-zinc-500">{swarm ? "Runs as a Swarm service: its tasks are in the Swarm panel." : "No container yet."}</p>
        )}
        {latest && (
          <div className="space-y-2" data-testid="latest-deployment">
            <div className="flex items-center gap-2 text-sm">
              <span className="font-medium">Latest rollout</span>
              <Badge tone={STATUS_TONE[latest.status]}>{latest.status}</Badge>
              <span className="text-xs text-zinc-500"><Time iso={latest.createdAt} />{latest.actorName ? ` by ${latest.actorName}` : ""}</span>
            </div>
            {latest.error && <Alert tone="error">{latest.error}</Alert>}
            {log.length > 0 && <pre className="max-h-64 overflow-auto rounded-md bg-zinc-950 p-2 text-xs text-zinc-100">{log.join("\n")}</pre>}
          </div>
        )}
      </CardBody>
      <ConfirmDialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        onConfirm={() => confirm && act.mutate(confirm)}
        title={`${confirm === "remove" ? "Remove" : "Stop"} the container?`}
        description={confirm ? CONFIRM[confirm] : undefined}
        confirmLabel={confirm === "remove" ? "Remove" : "Stop"}
        pending={act.isPending}
        error={act.error ? errorMessage(act.error) : undefined}
      />
    </Card>
  );
}

/** "up 2 h" for a running container (from its start); otherwise when it was last seen. The observation time is in the title. */
function Since({ container: c }: { container: ContainerStateView }) {
  const [now] = useState(() => Date.now());
  if (c.state === "running" && c.startedAt) {
    return (
      <span className="text-xs text-zinc-500" title={`Started ${new Date(c.startedAt).toLocaleString()} · observed ${new Date(c.observedAt).toLocaleString()}`} suppressHydrationWarning>
        up {shortDuration(c.startedAt, now)}
      </span>
    );
  }
  return <span className="text-xs text-zinc-500">last seen <Time iso={c.observedAt} /></span>;
}
