// A stack's page: the header (status, health, Apply, start / stop / restart, Export, Remove), what
// is broken first (a failed or running rollout, services not running), then the plan, the rollout
// moving live, the services, their logs, the Edit section and the versions.
"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { IconTrash } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { BackLink } from "@/components/common/back-link";
import { LiveIndicator } from "@/components/live/live-indicator";
import { errorMessage, useApi } from "@/lib/client/api";
import type { StackPlanView, StackRolloutView, StackView } from "@/lib/stacks/schemas";
import { HealthSummary, PendingBadge, StackStatusBadge } from "./stack-badges";
import { StackActionDialog, StackRemoveDialog, type ActionRequest } from "./stack-dialogs";
import { StackEdit } from "./stack-edit";
import { StackLogs } from "./stack-logs";
import { isStackQuery, stackKeys, useStack } from "./stack-live";
import { StackPlanCard } from "./stack-plan-card";
import { StackUpdateBadge } from "@/components/updates/stack-update-badge";
import { StackRolloutCard } from "./stack-rollout-card";
import { StackServices } from "./stack-services";
import { StackVersions } from "./stack-versions";
import { ImagesCard } from "./images-card";

/** Why Apply is not offered now, or null. */
export function applyBlocked(stack: StackView, plan: StackPlanView | undefined): string | null {
  if (stack.lastRollout?.status === "running") return "An apply is under way; wait for it to end.";
  if (!stack.hostId) return "The stack's host was removed; it cannot be applied.";
  if (plan?.ok && plan.changes === 0 && !stack.pendingChanges) return "Nothing to apply: every service already runs this file.";
  return null;
}

/** Services of an applied stack that are not running as they should, in words. */
export function brokenServices(stack: StackView): string[] {
  if (stack.appliedVersion === null) return [];
  return stack.services
    .filter((s) => s.state !== "running" || s.health === "unhealthy")
    .map((s) => `${s.key} (${s.health === "unhealthy" ? "unhealthy" : (s.state ?? "no container")})`);
}

export function StackPage({ initial, isAdmin }: { initial: StackView; isAdmin: boolean }) {
  const api = useApi();
  const qc = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [pull, setPull] = useState(false);
  const [request, setRequest] = useState<ActionRequest | null>(null);
  const [removing, setRemoving] = useState(false);
  // Once removal starts, nothing about this stack is fetched again (it would answer 404).
  const [gone, setGone] = useState(false);
  const { stack, live, setRollout } = useStack(initial, { paused: gone });
  const id = stack.id;

  // The plan depends on the file and on what runs: refetched when either changes.
  const planInputs = JSON.stringify([stack.updatedAt, stack.services.map((s) => [s.serviceId, s.state, s.health])]);
  const plan = useQuery({
    queryKey: [...stackKeys.plan(id), planInputs],
    queryFn: ({ signal }) => api.get<StackPlanView>(`/api/v1/stacks/${id}/plan`, signal),
    placeholderData: keepPreviousData,
    enabled: !gone,
  });

  const apply = useMutation({
    mutationFn: (body: { version?: number; pull: boolean }) => api.post<StackRolloutView>(`/api/v1/stacks/${id}/apply`, body),
    onSuccess: (r) => {
      setRollout(r);
      void qc.invalidateQueries({ queryKey: stackKeys.stack(id) });
    },
  });
  const act = useMutation({
    mutationFn: (r: ActionRequest) => api.post<{ done: string[] }>(`/api/v1/stacks/${id}/actions`, r),
    onSuccess: (res, r) => {
      setRequest(null);
      toast(`${r.action === "start" ? "Started" : r.action === "stop" ? "Stopped" : "Restarted"} ${res.done.join(", ") || "nothing"}`);
      void qc.invalidateQueries({ queryKey: stackKeys.stack(id) });
    },
  });
  const remove = useMutation({
    mutationFn: (opts: { volumes: boolean }) => api.del<{ removedVolumes: string[] }>(`/api/v1/stacks/${id}?volumes=${opts.volumes}`),
    onMutate: () => setGone(true),
    onError: () => setGone(false),
    onSuccess: async (res) => {
      await qc.cancelQueries({ predicate: isStackQuery(id) });
      // Service counts and lists elsewhere change too.
      await qc.invalidateQueries({ predicate: (q) => !isStackQuery(id)(q) });
      toast(`Removed stack ${stack.name}${res.removedVolumes.length ? ` and ${res.removedVolumes.length} volume(s)` : ""}`);
      router.push("/stacks");
      router.refresh();
    },
  });

  const blocked = applyBlocked(stack, plan.data);
  const running = stack.lastRollout?.status === "running";
  const broken = brokenServices(stack);
  const doApply = () => apply.mutate({ pull });
  const planCard = (
    <StackPlanCard
      plan={plan.data}
      loading={plan.isPending}
      error={plan.error}
      apply={{ onApply: doApply, pending: apply.isPending, blocked, error: apply.error, pull, onPull: setPull }}
    />
  );
  const rolloutCard = <StackRolloutCard rollout={stack.lastRollout} />;
  const rolloutFirst = running || stack.lastRollout?.status === "failed";

  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        back={<BackLink href="/stacks">Stacks</BackLink>}
        title={stack.name}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <StackStatusBadge stack={stack} />
            <PendingBadge stack={stack} />
            <StackUpdateBadge stackId={stack.id} />
            <span>
              on{" "}
              {stack.hostId && stack.hostName ? (
                <Link href={`/hosts/${stack.hostId}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                  {stack.hostName}
                </Link>
              ) : (
                "no host"
              )}
              {" · "}
              {stack.appliedVersion === null ? "not applied yet" : `version ${stack.appliedVersion} applied`}
            </span>
            <HealthSummary services={stack.services} />
            <LiveIndicator state={live} />
          </span>
        }
        actions={
          <>
            <Button onClick={doApply} loading={apply.isPending} disabled={blocked !== null || plan.data?.ok !== true}>
              Apply
            </Button>
            <Button variant="secondary" disabled={stack.services.length === 0 || running} onClick={() => setRequest({ action: "start" })}>
              Start
            </Button>
            <Button variant="secondary" disabled={stack.services.length === 0 || running} onClick={() => setRequest({ action: "stop" })}>
              Stop
            </Button>
            <Button variant="secondary" disabled={stack.services.length === 0 || running} onClick={() => setRequest({ action: "restart" })}>
              Restart
            </Button>
            <a href={`/api/v1/stacks/${id}/export`} download className={buttonClass("secondary")}>
              Export
            </a>
            <Button variant="secondary" className="text-red-700 dark:text-red-400" onClick={() => setRemoving(true)} disabled={running}>
              <IconTrash className="size-4" /> Remove
            </Button>
          </>
        }
      />
      <div className="space-y-6">
        {broken.length > 0 && !running && (
          <Alert tone="warning" title={`${broken.length} service${broken.length === 1 ? " is" : "s are"} not running as applied`}>
            {broken.join(", ")}
          </Alert>
        )}
        {rolloutFirst ? rolloutCard : planCard}
        {rolloutFirst ? planCard : rolloutCard}
        <StackServices stack={stack} onAction={setRequest} busy={running || act.isPending} />
        {!gone && <ImagesCard path={`/api/v1/stacks/${id}/images`} hostId={stack.hostId} />}
        <StackLogs stackId={id} name={stack.name} services={stack.services.map((s) => s.key)} enabled={!gone} />
        <StackEdit stack={stack} isAdmin={isAdmin} />
        <StackVersions
          stackId={id}
          rollback={{
            onRollback: async (version) => {
              await apply.mutateAsync({ version, pull });
              toast(`Rolling back to version ${version}`);
            },
            pending: apply.isPending,
            error: apply.error,
            blocked: running ? "An apply is under way; wait for it to end." : stack.hostId ? null : "The stack's host was removed.",
          }}
        />
      </div>
      <StackActionDialog
        request={request}
        stackName={stack.name}
        onClose={() => {
          setRequest(null);
          act.reset();
        }}
        onConfirm={(r) => act.mutate(r)}
        pending={act.isPending}
        error={act.error ? errorMessage(act.error) : undefined}
      />
      {removing && (
        <StackRemoveDialog
          open
          stackName={stack.name}
          onClose={() => {
            setRemoving(false);
            remove.reset();
          }}
          onConfirm={(opts) => remove.mutate(opts)}
          pending={remove.isPending}
          error={remove.error ? errorMessage(remove.error) : undefined}
        />
      )}
    </div>
  );
}
