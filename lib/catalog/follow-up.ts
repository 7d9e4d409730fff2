// What an install does once its stack is healthy: create the route to the app (its service exists
// only then) and resume the checks it created paused. The work is kept in the install's own audit
// entry (`catalog.install`, written with the stack's catalogApp) and is done by the first of: the
// install's rollout ending well, or the scheduler finding the stack applied later (a first rollout
// that failed and was fixed, or a restart mid-rollout). A `catalog.install.complete` entry marks it
// done, so a route or check the owner removes or pauses afterwards is left as they chose.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { AuditActorTypeSchema, recordAudit, SYSTEM_ORIGIN, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { log } from "@/lib/log";
import { getCheckOrThrow, updateCheck } from "@/lib/probes";
import { applyRoute, createRoute, ExposureSchema } from "@/lib/routes";

/** The audit actions of the catalog (labelled in lib/client/format.ts). */
export const CATALOG_AUDIT_ACTIONS = { install: "catalog.install", complete: "catalog.install.complete" } as const;
/** How often the scheduler looks for installs whose stack became healthy later. */
export const FOLLOW_UP_INTERVAL_MS = 60_000;
/** Installs looked at per run, newest first. */
export const FOLLOW_UP_BATCH = 200;

export const FollowUpSchema = z.object({
  route: z.object({ hostname: z.string(), exposure: ExposureSchema, service: z.string(), port: z.number().int() }).nullable(),
  checkIds: z.array(z.string()),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

const DetailsSchema = z.object({ followUp: FollowUpSchema }).loose();
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** One run at a time per process (server.ts and the route bundles share it through globalThis). */
const lock = globalThis as { __homeportCatalogFollowUp?: Promise<unknown> };
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = (lock.__homeportCatalogFollowUp ?? Promise.resolve()).then(fn, fn);
  lock.__homeportCatalogFollowUp = run.catch(() => undefined);
  return run;
}

async function complete(db: Db, stackId: string, f: FollowUp, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  let resumed = 0;
  for (const id of f.checkIds) {
    const check = await getCheckOrThrow(db, id).catch(() => null);
    if (check && !check.enabled) {
      await updateCheck(db, id, { enabled: true }, actor, meta);
      resumed++;
    }
  }
  let routeId: string | null = null;
  let note: string | null = null;
  if (f.route) {
    const taken = await db.route.findUnique({ where: { hostname: f.route.hostname }, select: { id: true, service: { select: { stackId: true } } } });
    const service = await db.service.findFirst({ where: { stackId, stackService: f.route.service }, select: { id: true } });
    if (taken) {
      routeId = taken.service?.stackId === stackId ? taken.id : null;
      if (!routeId) note = `${f.route.hostname} was routed elsewhere meanwhile; no route was created`;
    } else if (!service) {
      note = `the stack has no service "${f.route.service}" any more; no route was created`;
    } else {
      const r = await createRoute(db, { hostname: f.route.hostname, exposure: f.route.exposure, serviceId: service.id, servicePort: f.route.port, upstreamUrl: null }, actor, meta);
      routeId = r.id;
      await applyRoute(db, r.id, actor, meta).catch((e: unknown) => log.warn("catalog", "the new route did not apply yet; the routes reconciler retries", { routeId: r.id, error: errorText(e) }));
    }
  }
  await recordAudit(db, { actor, action: CATALOG_AUDIT_ACTIONS.complete, target: { type: "stack", id: stackId }, details: { routeId, resumedChecks: resumed, ...(note ? { note } : {}) }, meta });
}

/**
 * Finishes the installs whose stack has been applied (a rollout succeeded) and that are not done
 * yet; only `stackId`'s when given. Returns how many it finished.
 */
export function completeCatalogInstalls(db: Db, stackId?: string): Promise<number> {
  return serialized(async () => {
    const installs = await db.auditEvent.findMany({
      where: { action: CATALOG_AUDIT_ACTIONS.install, targetType: "stack", ...(stackId ? { targetId: stackId } : {}) },
      orderBy: { at: "desc" }, take: FOLLOW_UP_BATCH,
      select: { targetId: true, actorType: true, actorId: true, actorName: true, ip: true, userAgent: true, details: true },
    });
    const ids = installs.map((i) => i.targetId).filter((x): x is string => x !== null);
    if (ids.length === 0) return 0;
    const done = new Set((await db.auditEvent.findMany({ where: { action: CATALOG_AUDIT_ACTIONS.complete, targetType: "stack", targetId: { in: ids } }, select: { targetId: true } })).map((d) => d.targetId));
    const applied = new Set((await db.stack.findMany({ where: { id: { in: ids }, appliedVersion: { not: null } }, select: { id: true } })).map((s) => s.id));
    let finished = 0;
    for (const i of installs) {
      if (!i.targetId || done.has(i.targetId) || !applied.has(i.targetId)) continue;
      const parsed = DetailsSchema.safeParse(JSON.parse(i.details ?? "{}"));
      if (!parsed.success) continue; // an install recorded before follow-ups were kept
      const actorType = AuditActorTypeSchema.safeParse(i.actorType);
      const actor: AuditActor = actorType.success ? { type: actorType.data, id: i.actorId, name: i.actorName } : { type: "system", name: "homeport" };
      try {
        await complete(db, i.targetId, parsed.data.followUp, actor, { ip: i.ip, userAgent: i.userAgent ?? SYSTEM_ORIGIN.userAgent });
        done.add(i.targetId);
        finished++;
      } catch (err) {
        log.error("catalog", "could not finish an install; retried on the next run", { stackId: i.targetId, error: errorText(err) });
      }
    }
    return finished;
  });
}

/** The scheduler's job: installs whose stack became healthy after their first rollout. */
export function scheduleCatalogFollowUps(schedulers: { every(name: string, intervalMs: number, fn: () => Promise<void>): void }, getDb: () => Db): void {
  schedulers.every("catalog-follow-ups", FOLLOW_UP_INTERVAL_MS, async () => {
    const n = await completeCatalogInstalls(getDb());
    if (n > 0) log.info("catalog", "finished installs whose stack became healthy", { count: n });
  });
}
