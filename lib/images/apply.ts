// Applying an image update: the service is rolled out again with a forced pull, through the same
// health-gated rollout as any deploy (new container first, old one kept until the new one is
// healthy, rolled back on failure). References pinned to a digest are refused: they never move.
// A stack's update rolls its services with an update one after the other, in dependency order (a
// database before the app that needs it), stopping at a failure.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { deployService, type StartedDeployment } from "@/lib/agents";
import { planStackApply } from "@/lib/stacks";
import { NetworkAttachmentSchema } from "@/lib/protocol";
import { parseImageRef } from "@/lib/protocol/image-digest";
import { listUpdates } from "./updates";
import type { StackUpdateStarted } from "./update-schemas";

const NetworksColumn = z.array(NetworkAttachmentSchema);

function networksOf(text: string): z.infer<typeof NetworksColumn> {
  try {
    const r = NetworksColumn.safeParse(JSON.parse(text));
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

async function rollOut(db: Db, serviceId: string, actor: AuditActor, meta: AuditOrigin): Promise<StartedDeployment> {
  const s = await db.service.findUnique({ where: { id: serviceId }, select: { id: true, name: true, image: true, stackId: true, networks: true, stack: { select: { name: true } } } });
  if (!s) throw notFound("Service");
  if (parseImageRef(s.image)?.digest) {
    throw new DomainError("conflict", `"${s.name}" is pinned to a digest; change the ${s.stackId ? "file" : "image"} to move it`);
  }
  const view = (await listUpdates(db)).services.find((u) => u.serviceId === serviceId);
  const stack = s.stackId && s.stack ? { stackId: s.stackId, stack: s.stack.name, networks: networksOf(s.networks) } : undefined;
  const started = await deployService(db, serviceId, { pull: true, stack }, actor, meta);
  await recordAudit(db, {
    actor, action: "image.update", target: { type: "service", id: serviceId }, meta,
    details: { image: s.image, deploymentId: started.deployment.id, from: view?.currentDigest ?? null, to: view?.newDigest ?? null },
  });
  return started;
}

/** POST /services/:id/update: one service, its image pulled again and rolled out. */
export async function applyServiceUpdate(db: Db, serviceId: string, actor: AuditActor, meta: AuditOrigin): Promise<StartedDeployment> {
  return rollOut(db, serviceId, actor, meta);
}

/** The services in the stack file's rollout levels (dependencies first); ties keep their order. */
export async function inDependencyOrder(db: Db, stackId: string, serviceIds: string[]): Promise<string[]> {
  const plan = await planStackApply(db, stackId).catch(() => null);
  const levelOf = new Map((plan?.steps ?? []).map((st) => [st.key, st.level]));
  const keys = new Map((await db.service.findMany({ where: { id: { in: serviceIds } }, select: { id: true, stackService: true } })).map((r) => [r.id, r.stackService]));
  const level = (id: string) => levelOf.get(keys.get(id) ?? "") ?? Number.MAX_SAFE_INTEGER;
  return [...serviceIds].sort((a, b) => level(a) - level(b));
}

/** POST /stacks/:id/update: the stack's services with an update, one at a time; answers once the first has started. */
export async function applyStackUpdate(db: Db, stackId: string, actor: AuditActor, meta: AuditOrigin): Promise<StackUpdateStarted & { finished: Promise<void> }> {
  const stack = await db.stack.findUnique({ where: { id: stackId }, select: { id: true, name: true } });
  if (!stack) throw notFound("Stack");
  const mine = (await listUpdates(db)).services.filter((u) => u.stackId === stackId);
  const due = mine.filter((u) => u.status === "update");
  if (due.length === 0) {
    const pinned = mine.length > 0 && mine.every((u) => u.status === "pinned");
    throw new DomainError("conflict", pinned
      ? `Every service of "${stack.name}" is pinned to a digest; change the file to move them`
      : `No update is known for stack "${stack.name}"; check for updates first`);
  }
  const ids = await inDependencyOrder(db, stackId, due.map((u) => u.serviceId));
  const first = await rollOut(db, ids[0]!, actor, meta);
  const finished = (async () => {
    let d = await first.finished;
    for (const id of ids.slice(1)) {
      if (d.status !== "succeeded" && d.status !== "unchanged") {
        log.warn("images", "stack update stopped at a failed service", { stackId, deploymentId: d.id, error: d.error });
        return;
      }
      d = await (await rollOut(db, id, actor, meta)).finished;
    }
  })().catch((err: unknown) => log.error("images", "stack update failed", { stackId, error: err instanceof Error ? err.message : String(err) }));
  return { stackId, serviceIds: ids, finished };
}
