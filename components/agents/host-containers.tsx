// Every container on a host as its agent reports it, live: Homeport-managed ones first (an orphaned
// one, whose service was deleted, with Remove), the rest read-only with an "Adopt" action that
// records them in the inventory as a Service.
"use client";

import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useApi, errorMessage } from "@/lib/client/api";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useCan } from "@/components/auth/role-context";
import { useLiveRefetch } from "@/lib/client/live";
import type { ContainerStateView, HostContainerView } from "@/lib/agents/schemas";
import { ContainerStateBadge } from "./container-state-badge";

const ports = (c: ContainerStateView) =>
  c.ports.filter((p) => p.host).map((p) => `${p.hostIp ?? ""}:${p.host}→${p.container}/${p.protocol}`).join(", ");

function AdoptDialog({ hostId, container, onClose }: { hostId: string; container: ContainerStateView; onClose: () => void }) {
  const api = useApi();
  const id = useId();
  const [name, setName] = useState(container.name.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^-+|-+$/g, "").slice(0, 63));
  const adopt = useMutation({
    mutationFn: () => api.post<{ id: string }>(`/api/v1/hosts/${hostId}/containers/${container.containerId}/adopt`, { name }),
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Adopt ${container.name}`}
      description="Records this container as a Service in the inventory. The running container is left as it is."
      footer={
        adopt.data ? (
          <Button onClick={onClose}>Done</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose}>Cancel</Button>
            <Button onClick={() => adopt.mutate()} loading={adopt.isPending}>Adopt</Button>
          </>
        )
      }
    >
      {adopt.data ? (
        <Alert tone="success">Added to the inventory. <a className="underline" href={`/services/${adopt.data.id}`}>Open the service</a></Alert>
      ) : (
        <div className="space-y-3">
          <Field id={`${id}-name`} label="Service name">
            <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          {adopt.error && <Alert tone="error">{errorMessage(adopt.error)}</Alert>}
        </div>
      )}
    </Dialog>
  );
}

function RemoveOrphan({ hostId, container, onDone }: { hostId: string; container: HostContainerView; onDone: () => void }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.post(`/api/v1/hosts/${hostId}/containers/${container.containerId}/remove`, {}),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
  });
  return (
    <>
      <Button size="sm" variant="danger" onClick={() => setOpen(true)}>Remove</Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => remove.mutate()}
        title={`Remove ${container.name}?`}
        description="Its service was deleted from Homeport; the container is stopped and removed, and its published ports are freed."
        confirmLabel="Remove container"
        pending={remove.isPending}
        error={remove.error ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : undefined}
      />
    </>
  );
}

export function HostContainers({ hostId }: { hostId: string }) {
  const api = useApi();
  const qc = useQueryClient();
  const canWrite = useCan("write");
  const [adopting, setAdopting] = useState<ContainerStateView | null>(null);
  const queryKey = ["host-containers", hostId];
  const { data, error } = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<{ items: HostContainerView[] }>(`/api/v1/hosts/${hostId}/containers`, signal),
  });
  useLiveRefetch({ queryKey, types: ["container/state", "container/removed", "host/snapshot"], gapFor: (e) => ("hostId" in e && e.hostId !== hostId ? null : 500) });
  const orphans = (data?.items ?? []).filter((c) => c.orphaned).length;
  return (
    <Card>
      <CardHeader title="Containers" description="As the agent last reported them. Containers Homeport does not manage are read-only." />
      <CardBody>
        {error && <Alert tone="error">{errorMessage(error)}</Alert>}
        {orphans > 0 && (
          <Alert tone="warning" title={`${orphans} orphaned container${orphans === 1 ? "" : "s"}`} className="mb-3">
            Homeport started {orphans === 1 ? "it" : "them"} for a service that has since been deleted. Remove {orphans === 1 ? "it" : "them"} below.
          </Alert>
        )}
        <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-zinc-500">
            <tr><th className="py-1">Name</th><th>Image</th><th>State</th><th>Ports</th><th><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((c) => (
              <tr key={c.containerId} className="border-t border-zinc-200 dark:border-zinc-800" data-testid="host-container" data-name={c.name} data-orphaned={c.orphaned || undefined}>
                <td className="py-1.5 pr-2">{c.name} {c.orphaned ? <Badge tone="warning">orphaned</Badge> : c.managed ? <Badge tone="accent">managed</Badge> : <Badge>read-only</Badge>}</td>
                <td className="pr-2 font-mono text-xs">{c.image}</td>
                <td className="pr-2"><ContainerStateBadge container={c} /></td>
                <td className="pr-2 font-mono text-xs">{ports(c)}</td>
                <td className="text-right">
                  {canWrite && c.orphaned && <RemoveOrphan hostId={hostId} container={c} onDone={() => void qc.invalidateQueries({ queryKey })} />}
                  {canWrite && !c.managed && <Button size="sm" variant="ghost" onClick={() => setAdopting(c)}>Adopt</Button>}
                </td>
              </tr>
            ))}
            {data && data.items.length === 0 && <tr><td colSpan={5} className="py-2 text-zinc-500">No containers reported yet.</td></tr>}
          </tbody>
        </table>
        </div>
      </CardBody>
      {adopting && <AdoptDialog hostId={hostId} container={adopting} onClose={() => setAdopting(null)} />}
    </Card>
  );
}
