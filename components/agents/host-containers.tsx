// Every container on a host as its agent reports it, live: Homeport-managed ones first, the rest
// read-only with an "Adopt" action that records them in the inventory as a Service.
"use client";

import { useId, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useApi, errorMessage } from "@/lib/client/api";
import type { ContainerStateView } from "@/lib/agents/schemas";
import { ContainerStateBadge } from "./container-state-badge";
import { agentQueryKeys, useAgentEvents } from "./agent-live";

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

export function HostContainers({ hostId }: { hostId: string }) {
  const api = useApi();
  const [adopting, setAdopting] = useState<ContainerStateView | null>(null);
  const { data, error } = useQuery({
    queryKey: agentQueryKeys.hostContainers(hostId),
    queryFn: ({ signal }) => api.get<{ items: ContainerStateView[] }>(`/api/v1/hosts/${hostId}/containers`, signal),
  });
  useAgentEvents({ hostId });
  return (
    <Card>
      <CardHeader title="Containers" description="As the agent last reported them. Containers Homeport does not manage are read-only." />
      <CardBody>
        {error && <Alert tone="error">{errorMessage(error)}</Alert>}
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-zinc-500">
            <tr><th className="py-1">Name</th><th>Image</th><th>State</th><th>Ports</th><th /></tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((c) => (
              <tr key={c.containerId} className="border-t border-zinc-200 dark:border-zinc-800" data-testid="host-container" data-name={c.name}>
                <td className="py-1.5">{c.name} {c.managed ? <Badge tone="accent">managed</Badge> : <Badge>read-only</Badge>}</td>
                <td className="font-mono text-xs">{c.image}</td>
                <td><ContainerStateBadge container={c} /></td>
                <td className="font-mono text-xs">{ports(c)}</td>
                <td className="text-right">{!c.managed && <Button size="sm" variant="ghost" onClick={() => setAdopting(c)}>Adopt</Button>}</td>
              </tr>
            ))}
            {data && data.items.length === 0 && <tr><td colSpan={5} className="py-2 text-zinc-500">No containers reported yet.</td></tr>}
          </tbody>
        </table>
      </CardBody>
      {adopting && <AdoptDialog hostId={hostId} container={adopting} onClose={() => setAdopting(null)} />}
    </Card>
  );
}
