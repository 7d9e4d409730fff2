// Removing what Homeport created for a deleted route: its owned DNS records (zones whose ledger
// holds the name), its Caddy entry and its tunnel rules, by applying those domains' desired state
// now that the route is gone — through the same part modules (./parts) the reconciler applies
// with; foreign records and the user's own config are never touched.
// Each cleanup is a RouteCleanup row, written in the same transaction as the route's delete, so a
// crash between the two is resumed at the next start; a failed cleanup is retried with backoff by
// the scheduler pass, and an orphan sweep (at start-up and every ORPHAN_SWEEP_INTERVAL_MS) finds
// any other leftovers.
import type { Db } from "@/lib/db";
import { type AuditOrigin, recordAudit, type AuditActor, type DbOrTx, SYSTEM_ORIGIN } from "@/lib/audit";
import { retryDelayMs, zoneFor } from "@/lib/dns";
import { planTunnel } from "@/lib/tunnel";
import { log } from "@/lib/log";
import { loadRouteContext } from "./context";
import { isRemote } from "./exposure";
import { cleanupProxy, cleanupTunnels, cleanupZones, errorText, partEnv, SYSTEM_ACTOR, zonesHolding, type PartEnv } from "./parts";
import { listRouteRecords, type RouteRecord } from "./record";
import { withRoutesLock } from "./reconcile";

export const ORPHAN_SWEEP_INTERVAL_MS = 10 * 60_000;

export type CleanupStep = "dns" | "proxy" | "tunnel";

export interface PendingCleanup {
  routeId: string;
  hostname: string;
  steps: CleanupStep[];
  message: string;
  attempts: number;
  nextAttemptAt: Date;
}

type GlobalWithCleanups = typeof globalThis & { __homeportRouteSweepAt?: number };

const STEPS: CleanupStep[] = ["dns", "proxy", "tunnel"];
const parseSteps = (column: string): CleanupStep[] => {
  const v: unknown = JSON.parse(column);
  return Array.isArray(v) ? STEPS.filter((s) => v.includes(s)) : STEPS;
};

/** Cleanups that failed at least once and wait for a retry (shown with their reason on the Routes page). */
export async function pendingCleanups(db: Db): Promise<PendingCleanup[]> {
  const rows = await db.routeCleanup.findMany({ where: { attempts: { gt: 0 } }, orderBy: { nextAttemptAt: "asc" }, take: 200 });
  return rows.map((r) => ({ routeId: r.routeId, hostname: r.hostname, steps: parseSteps(r.steps), message: r.message ?? "", attempts: r.attempts, nextAttemptAt: r.nextAttemptAt }));
}

/** What a deleted route may have left: a tunnel rule only if it was exposed remotely. */
const stepsFor = (route: DeletedRoute): CleanupStep[] => (isRemote(route.exposure) ? ["dns", "proxy", "tunnel"] : ["dns", "proxy"]);

/**
 * Records the cleanup of a route being deleted, in the delete's own transaction: a crash before
 * the cleanup runs is resumed at the next start.
 */
export async function recordRouteCleanup(tx: DbOrTx, route: DeletedRoute): Promise<void> {
  await tx.routeCleanup.upsert({
    where: { routeId: route.id },
    create: { routeId: route.id, hostname: route.hostname, steps: JSON.stringify(stepsFor(route)) },
    update: { hostname: route.hostname, nextAttemptAt: new Date() },
  });
}

/** Runs the steps, each through its part's module; the steps that failed and why. */
async function runSteps(env: PartEnv, steps: CleanupStep[], zoneIds: string[], route: { id: string; hostname: string } | null): Promise<{ failed: CleanupStep[]; messages: string[] }> {
  const ctx = await loadRouteContext(env.db, null);
  const run: Record<CleanupStep, () => Promise<string[]>> = {
    dns: () => cleanupZones(env, ctx, zoneIds, route?.hostname ?? null),
    proxy: () => cleanupProxy(env, route?.id ?? null),
    tunnel: () => cleanupTunnels(env),
  };
  const failed: CleanupStep[] = [];
  const messages: string[] = [];
  for (const step of STEPS.filter((s) => steps.includes(s))) {
    const problems = await run[step]();
    if (problems.length > 0) failed.push(step);
    messages.push(...problems);
  }
  return { failed, messages };
}

/** What the cleanup needs of a deleted route. */
export type DeletedRoute = Pick<RouteRecord, "id" | "hostname" | "exposure">;

/**
 * Called after a route's row is gone: removes its records, entry and rules, and schedules a retry
 * of whatever failed. Never throws; returns the steps that failed (empty when all is clean).
 */
export async function cleanupAfterRouteDelete(db: Db, route: DeletedRoute, actor: AuditActor = SYSTEM_ACTOR, meta: AuditOrigin = SYSTEM_ORIGIN, now = new Date()): Promise<PendingCleanup | null> {
  const env = partEnv(db, actor, meta);
  return withRoutesLock(async () => {
    // Steps of an earlier failed attempt are retried even if nothing shows them any more (Caddy may
    // have been unreachable to tell); a fresh row (recorded with the delete) only marks the work due.
    const row = await db.routeCleanup.findUnique({ where: { routeId: route.id } });
    const previous = row && row.attempts > 0 ? { steps: parseSteps(row.steps), attempts: row.attempts } : undefined;
    const ctx = await loadRouteContext(db, null);
    const zoneIds = await zonesHolding(db, (name) => name === route.hostname);
    const steps: CleanupStep[] = [];
    if (zoneIds.length > 0) steps.push("dns");
    if ((await db.proxyEntry.count({ where: { routeId: route.id } })) > 0 || previous?.steps.includes("proxy")) steps.push("proxy");
    if ((isRemote(route.exposure) && ctx.tunnels.length > 0) || previous?.steps.includes("tunnel")) steps.push("tunnel");
    if (steps.length === 0) {
      await db.routeCleanup.deleteMany({ where: { routeId: route.id } });
      return null;
    }
    let result: { failed: CleanupStep[]; messages: string[] };
    try {
      result = await runSteps(env, steps, zoneIds, route);
    } catch (err) {
      result = { failed: steps, messages: [errorText(err)] };
    }
    await recordAudit(db, { actor, action: "route.cleanup", target: { type: "route", id: route.id }, details: { hostname: route.hostname, steps, failed: result.failed, messages: result.messages }, meta });
    if (result.failed.length === 0) {
      await db.routeCleanup.deleteMany({ where: { routeId: route.id } });
      log.info("routes", "deleted route cleaned up", { routeId: route.id, hostname: route.hostname, steps });
      return null;
    }
    const attempts = (previous?.attempts ?? 0) + 1;
    const entry: PendingCleanup = { routeId: route.id, hostname: route.hostname, steps: result.failed, message: result.messages.join("; "), attempts, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
    await db.routeCleanup.upsert({
      where: { routeId: route.id },
      create: { routeId: route.id, hostname: route.hostname, steps: JSON.stringify(entry.steps), message: entry.message, attempts, nextAttemptAt: entry.nextAttemptAt },
      update: { steps: JSON.stringify(entry.steps), message: entry.message, attempts, nextAttemptAt: entry.nextAttemptAt },
    });
    log.warn("routes", "cleanup of a deleted route failed; will retry", { routeId: route.id, hostname: route.hostname, failed: result.failed, error: entry.message });
    return entry;
  });
}

/** Retries the cleanups whose time has come. */
export async function retryDueCleanups(db: Db, now: Date): Promise<number> {
  const due = await db.routeCleanup.findMany({ where: { nextAttemptAt: { lte: now } }, orderBy: { nextAttemptAt: "asc" }, take: 50 });
  for (const c of due) {
    await cleanupAfterRouteDelete(db, { id: c.routeId, hostname: c.hostname, exposure: parseSteps(c.steps).includes("tunnel") ? "remote" : "lan" }, SYSTEM_ACTOR, SYSTEM_ORIGIN, now);
  }
  return due.length;
}

/**
 * Finds leftovers of routes that no longer exist — proxy entries of deleted routes, ledger
 * records at names no route has, tunnel rules Homeport owns for names no route exposes — and
 * converges those domains. Runs at start-up and every ORPHAN_SWEEP_INTERVAL_MS.
 */
export async function sweepOrphans(db: Db, now: Date, force = false): Promise<{ swept: boolean; steps: CleanupStep[] }> {
  const g = globalThis as GlobalWithCleanups;
  if (!force && g.__homeportRouteSweepAt !== undefined && now.getTime() - g.__homeportRouteSweepAt < ORPHAN_SWEEP_INTERVAL_MS) return { swept: false, steps: [] };
  g.__homeportRouteSweepAt = now.getTime();
  return withRoutesLock(async () => {
    const routes = await listRouteRecords(db);
    const ids = new Set(routes.map((r) => r.id));
    const names = new Set(routes.map((r) => r.hostname));
    const ctx = await loadRouteContext(db, null);
    const steps: CleanupStep[] = [];
    const orphanEntries = (await db.proxyEntry.findMany({ select: { routeId: true } })).filter((e) => !ids.has(e.routeId));
    if (orphanEntries.length > 0) steps.push("proxy");
    // Only names that some zone covers and no route has: a ledger can also hold names of routes whose exposure changed.
    const zoneIds = await zonesHolding(db, (n) => !names.has(n) && !!(zoneFor(n, ctx.zones, "lan") ?? zoneFor(n, ctx.zones, "public")));
    if (zoneIds.length > 0) steps.push("dns");
    for (const t of ctx.tunnels) {
      try {
        const plan = await planTunnel(db, t.id);
        if (plan.changes.some((c) => c.action === "delete" && !names.has(c.hostname))) {
          steps.push("tunnel");
          break;
        }
      } catch (err) {
        log.warn("routes", "orphan sweep could not read a tunnel", { tunnel: t.name, error: errorText(err) });
      }
    }
    if (steps.length === 0) return { swept: true, steps };
    const r = await runSteps(partEnv(db), steps, zoneIds, null).catch((err: unknown) => ({ failed: steps, messages: [errorText(err)] }));
    log.info("routes", "orphan sweep", { steps, failed: r.failed, messages: r.messages });
    return { swept: true, steps };
  });
}
