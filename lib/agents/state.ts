// Observed container state: a snapshot replaces a host's ContainerState rows; a Docker event
// updates or removes one row. Pure row mapping plus two small writers.
import type { Db } from "@/lib/db";
import type { ContainerSummary } from "@/lib/protocol";
import type { ContainerStateView } from "./schemas";

function columns(c: ContainerSummary, at: Date) {
  return {
    name: c.name,
    image: c.image,
    state: c.state,
    status: c.status,
    health: c.health,
    exitCode: c.exitCode,
    managed: c.managed,
    serviceId: c.serviceId,
    specHash: c.specHash,
    ports: JSON.stringify(c.ports),
    startedAt: c.startedAt ? new Date(c.startedAt) : null,
    observedAt: at,
  };
}

/** The view of a summary as the browser will see it (before or without a database round trip). */
export function containerView(hostId: string, c: ContainerSummary, at = new Date()): ContainerStateView {
  return { hostId, containerId: c.id, ...columns(c, at), ports: c.ports, startedAt: c.startedAt, observedAt: at.toISOString() };
}

export async function replaceSnapshot(db: Db, hostId: string, containers: ContainerSummary[], at = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.containerState.deleteMany({ where: { hostId, containerId: { notIn: containers.map((c) => c.id) } } });
    for (const c of containers) {
      await tx.containerState.upsert({
        where: { hostId_containerId: { hostId, containerId: c.id } },
        create: { hostId, containerId: c.id, ...columns(c, at) },
        update: columns(c, at),
      });
    }
  });
}

export async function applyContainerEvent(db: Db, hostId: string, containerId: string, c: ContainerSummary | null, at = new Date()): Promise<void> {
  if (!c) {
    await db.containerState.deleteMany({ where: { hostId, containerId } });
    return;
  }
  await db.containerState.upsert({
    where: { hostId_containerId: { hostId, containerId: c.id } },
    create: { hostId, containerId: c.id, ...columns(c, at) },
    update: columns(c, at),
  });
}
