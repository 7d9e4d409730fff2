// Removing a stack, and starting, stopping or restarting it (or one of its services). Removal
// takes the containers, the services, the stack's networks and, only when asked separately, its
// named volumes (their data is lost); it refuses while a route still points at a stack service.
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { getAgentHub, serviceContainerAction } from "@/lib/agents";
import { deleteService } from "@/lib/inventory";
import { dependencyLevels } from "./desired";
import { loadStack } from "./load";
import { removeServiceContainers } from "./services";
import { openEnv } from "./store";

async function stackOrThrow(db: Db, id: string) {
  const row = await db.stack.findUnique({
    where: { id },
    include: { host: { select: { name: true } }, services: { select: { id: true, name: true, stackService: true } } },
  });
  if (!row) throw notFound("Stack");
  return row;
}

async function assertIdle(db: Db, id: string, name: string): Promise<void> {
  const running = await db.stackRollout.findFirst({ where: { stackId: id, status: "running" }, select: { id: true } });
  if (running) throw new DomainError("conflict", `An apply of stack "${name}" is under way; wait for it to end`);
}

export async function removeStack(db: Db, id: string, opts: { volumes: boolean }, actor: AuditActor, meta: AuditOrigin): Promise<{ removedVolumes: string[]; removedNetworks: string[] }> {
  const stack = await stackOrThrow(db, id);
  await assertIdle(db, id, stack.name);
  const ids = stack.services.map((s) => s.id);
  const routes = ids.length ? await db.route.findMany({ where: { serviceId: { in: ids } }, select: { hostname: true } }) : [];
  if (routes.length) throw new DomainError("conflict", `Routes still point at this stack's services: ${routes.map((r) => r.hostname).join(", ")}; delete or retarget them first`);
  const session = stack.hostId ? getAgentHub().session(stack.hostId) : undefined;
  if (stack.hostId && !session && (ids.length > 0 || opts.volumes)) {
    throw new DomainError("unavailable", `${stack.host?.name ?? "The stack's host"} is offline; its containers cannot be removed now`);
  }
  for (const s of stack.services) {
    await removeServiceContainers(db, s.id);
    await deleteService(db, s.id, actor, meta, { stackId: id });
  }
  const removedNetworks: string[] = [];
  const removedVolumes: string[] = [];
  if (session) {
    const res = await session.request("stack/resources", { stack: stack.name });
    for (const n of res.networks) {
      await session.request("network/remove", { name: n.name });
      removedNetworks.push(n.name);
    }
    if (opts.volumes) {
      for (const v of res.volumes) {
        await session.request("volume/remove", { name: v.name });
        removedVolumes.push(v.name);
      }
    }
  }
  await db.$transaction(async (tx) => {
    await tx.stack.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "stack.delete", target: { type: "stack", id }, details: { name: stack.name, volumes: removedVolumes, networks: removedNetworks }, meta });
  });
  return { removedVolumes, removedNetworks };
}

/** Start, stop or restart every service (in dependency order; stop in reverse) or one of them. */
export async function stackAction(
  db: Db,
  id: string,
  input: { action: "start" | "stop" | "restart"; service?: string },
  actor: AuditActor,
  meta: AuditOrigin,
): Promise<{ done: string[] }> {
  const stack = await stackOrThrow(db, id);
  await assertIdle(db, id, stack.name);
  let keys = stack.services.map((s) => s.stackService ?? s.name);
  if (input.service !== undefined) {
    if (!keys.includes(input.service)) throw notFound(`Service "${input.service}" of stack "${stack.name}"`);
    keys = [input.service];
  } else {
    // Dependency order from the applied file when it still loads; otherwise by name.
    const loaded = loadStack({ name: stack.name, compose: stack.compose, env: openEnv(stack.envSealed) });
    const order = loaded.ok ? dependencyLevels(loaded.services).flat() : [...keys].sort();
    keys = [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k))];
    if (input.action === "stop") keys.reverse();
  }
  const done: string[] = [];
  for (const key of keys) {
    const s = stack.services.find((x) => (x.stackService ?? x.name) === key)!;
    await serviceContainerAction(db, s.id, input.action, actor, meta);
    done.push(key);
  }
  if (input.service === undefined) await db.stack.update({ where: { id }, data: { desired: input.action === "stop" ? "stopped" : "running" } });
  const STACK_AUDIT_ACTIONS = { start: "stack.start", stop: "stack.stop", restart: "stack.restart" } as const;
  await recordAudit(db, { actor, action: STACK_AUDIT_ACTIONS[input.action], target: { type: "stack", id }, details: { services: done }, meta });
  return { done };
}
