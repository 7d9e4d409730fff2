// Removing what Homeport created for a deleted route: its owned DNS records (zones whose ledger
// holds the name), its Caddy entry and its tunnel rules, by applying those domains' desired state
// now that the route is gone; foreign records and the user's own config are never touched.
// Each cleanup is a RouteCleanup row, written in the same transaction as the route's delete, so a
// crash between the two is resumed at the next start; a failed cleanup is retried with backoff by
// the scheduler pass, and an orphan sweep (at start-up and every ORPHAN_SWEEP_INTERVAL_MS) finds
// any other leftovers.
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor, SYSTEM_ORIGIN } from "@/lib/audit";
import { applyDns, retryDelayMs, zoneFor } from "@/lib/dns";
import { applyIngress, rootCertificateIfAvailable } from "@/lib/ingress";
import { applyTunnel, planTunnel } from "@/lib/tunnel";
import { log } from "@/lib/log";
import { loadRouteContext } from "./context";
import { publicTarget } from "./derive";
import { SYSTEM_ACTOR } from "./driver";
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

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

interface Ledgered {
  name: string;
}

/** Zones whose ledger holds records at `hostname` (Homeport created them). */
async function zonesHolding(db: Db, hostnames: Set<string> | ((name: string) => boolean)): Promise<string[]> {
  const has = typeof hostnames === "function" ? hostnames : (n: string) => hostnames.has(n);
  const zones = await db.dnsZone.findMany({ select: { id: true, applied: true } });
  return zones.filter((z) => (JSON.parse(z.applied) as Ledgered[]).some((r) => has(r.name))).map((z) => z.id);
}

async function runSteps(db: Db, steps: CleanupStep[], zoneIds: string[], actor: AuditActor, meta: AuditOrigin): Promise<{ failed: CleanupStep[]; messages: string[] }> {
  const failed: CleanupStep[] = [];
  const messages: string[] = [];
  const ctx = await loadRouteContext(db, null);
  if (steps.includes("dns")) {
    for (const zoneId of zoneIds) {
      const zone = ctx.zones.find((z) => z.id === zoneId);
      if (!zone) continue;
      const target = zone.role === "public" ? publicTarget(zone.name, zone, ctx.tunnels) : undefined;
      try {
        const [r] = await applyDns(db, actor, { zoneId, ...(target ? { tunnelTargetFor: () => target } : {}) });
        if (r && !r.ok) throw new Error(`${r.zoneName}: ${r.error ?? "the provider refused the change"}`);
      } catch (err) {
        if (!failed.includes("dns")) failed.push("dns");
        messages.push(err instanceof DomainError ? `${zone.name}: ${err.message}` : errorText(err));
      }
    }
  }
  if (steps.includes("proxy")) {
    try {
      const r = await applyIngress(db, actor, meta);
      if (r.caddy.status !== "ok") throw new Error(`Caddy ${r.caddy.status}: ${r.failed?.message ?? r.caddy.detail ?? "no detail"}`);
    } catch (err) {
      failed.push("proxy");
      messages.push(errorText(err));
    }
  }
  if (steps.includes("tunnel")) {
    const rootCa = ctx.tunnels.some((t) => t.mode === "local") ? await rootCertificateIfAvailable(db).catch(() => null) : null;
    for (const t of ctx.tunnels) {
      try {
        const r = await applyTunnel(db, t.id, actor, meta, rootCa);
        if (r.status.status !== "ok") throw new Error(`${t.name}: ${r.status.status}${r.status.detail ? ` — ${r.status.detail}` : ""}`);
      } catch (err) {
        if (!failed.includes("tunnel")) failed.push("tunnel");
        messages.push(errorText(err));
      }
    }
  }
  return { failed, messages };
}

export interface DeletedRoute {
  id: string;
  hostname: string;
  exposure: string;
}

/**
 * Called after a route's row is gone: removes its records, entry and rules, and schedules a retry
 * of whatever failed. Never throws; returns the steps that failed (empty when all is clean).
 */
export async function cleanupAfterRouteDelete(db: Db, route: DeletedRoute, actor: AuditActor = SYSTEM_ACTOR, meta: AuditOrigin = SYSTEM_ORIGIN, now = new Date()): Promise<PendingCleanup | null> {
  return withRoutesLock(async () => {
    // Steps of an earlier failed attempt are retried even if nothing shows them any more (Caddy may
    // have been unreachable to tell); a fresh row (recorded with the delete) only marks the work due.
    const row = await db.routeCleanup.findUnique({ where: { routeId: route.id } });
    const previous = row && row.attempts > 0 ? { steps: parseSteps(row.steps), attempts: row.attempts } : undefined;
    const ctx = await loadRouteContext(db, null);
    const zoneIds = await zonesHolding(db, new Set([route.hostname]));
    const steps: CleanupStep[] = [];
    if (zoneIds.length > 0) steps.push("dns");
    if ((await db.proxyEntry.count({ where: { routeId: route.id } })) > 0 || previous?.steps.includes("proxy")) steps.push("proxy");
    if ((route.exposure !== "lan" && ctx.tunnels.length > 0) || previous?.steps.includes("tunnel")) steps.push("tunnel");
    if (steps.length === 0) {
      await db.routeCleanup.deleteMany({ where: { routeId: route.id } });
      return null;
    }
    let result: { failed: CleanupStep[]; messages: string[] };
    try {
      result = await runSteps(db, steps, zoneIds, actor, meta);
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
    const routes = await db.route.findMany({ select: { id: true, hostname: true, exposure: true } });
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
    const r = await runSteps(db, steps, zoneIds, SYSTEM_ACTOR, SYSTEM_ORIGIN).catch((err: unknown) => ({ failed: steps, messages: [errorText(err)] }));
    log.info("routes", "orphan sweep", { steps, failed: r.failed, messages: r.messages });
    return { swept: true, steps };
  });
}
