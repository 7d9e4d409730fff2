// A stack's services as they are now (their Service rows, networks and containers), for the
// planner; and the two writes a stack makes beside the inventory's own: its services' networks,
// and removing a service's containers through the host's agent.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { jsonColumn } from "@/lib/db/rows";
import { specHash } from "@/lib/deploy";
import { getAgentHub, serviceSpec } from "@/lib/agents";
import { serviceRows, toServiceView } from "@/lib/inventory";
import { NetworkAttachmentSchema, type NetworkAttachment } from "@/lib/protocol";
import type { CurrentService } from "./plan";

const NetworksColumn = jsonColumn(z.array(NetworkAttachmentSchema));

export async function currentServices(db: Db, stackId: string): Promise<CurrentService[]> {
  const stack = await db.stack.findUnique({ where: { id: stackId }, select: { name: true } });
  const rows = await db.service.findMany({ where: { stackId }, orderBy: { name: "asc" } });
  const ids = rows.map((r) => r.id);
  const containers = ids.length ? await db.containerState.findMany({ where: { serviceId: { in: ids }, managed: true } }) : [];
  return rows.map((row) => {
    const r = serviceRows.parse(row);
    const networks = NetworksColumn.parse(row.networks);
    const mine = containers.filter((c) => c.serviceId === r.id);
    const c = mine.find((x) => x.name === r.name) ?? mine[0] ?? null;
    const view = toServiceView(r, { hostName: null, stackName: stack?.name ?? null, routeCount: 0 });
    const hash = specHash(serviceSpec(view, { stack: stack?.name ?? "", networks }));
    return {
      id: r.id, key: r.stackService ?? r.name, name: r.name, image: r.image, command: r.command, env: r.env, ports: r.ports, volumes: r.volumes,
      healthcheck: r.healthcheck, restartPolicy: r.restartPolicy, egress: r.egress, runtime: r.runtime, networks,
      container: c ? { state: c.state, health: c.health } : null,
      containerCurrent: c?.specHash === hash,
    };
  });
}

export async function writeNetworks(db: Db, serviceId: string, networks: NetworkAttachment[]): Promise<void> {
  await db.service.update({ where: { id: serviceId }, data: { networks: JSON.stringify(networks) } });
}

/** Removes every container of a service on its host (managed containers only; the agent checks). */
export async function removeServiceContainers(db: Db, serviceId: string): Promise<void> {
  const service = await db.service.findUnique({ where: { id: serviceId }, select: { hostId: true, host: { select: { name: true } } } });
  if (!service?.hostId) return;
  const containers = await db.containerState.findMany({ where: { serviceId, hostId: service.hostId, managed: true }, select: { containerId: true } });
  if (containers.length === 0) return;
  const session = getAgentHub().requireSession(service.hostId, service.host?.name ?? "the host");
  for (const c of containers) {
    await session.request("container/remove", { containerId: c.containerId }).catch((err: unknown) => {
      if ((err as { code?: string }).code !== "not_found") throw err;
    });
  }
}
