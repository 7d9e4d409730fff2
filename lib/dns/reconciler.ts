// The DNS reconciler: on an interval, retries zones whose apply failed (exponential backoff, see
// backoff.ts), applies zones set to apply automatically, and reads every zone back for drift.
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { driftDns, reconcileDueZones, type DnsRunOptions } from "./apply";

/** How often the reconciler looks for due retries. */
export const RECONCILE_INTERVAL_MS = 5_000;
/** How often each zone is read back for drift. */
export const DRIFT_INTERVAL_MS = 5 * 60_000;

export interface ReconcileReport {
  applied: number;
  failed: number;
  driftChecked: number;
}

/** One pass; safe to call concurrently with user applies (the plan is recomputed from the provider). */
export async function reconcileDnsOnce(db: Db, now = new Date(), opts: Omit<DnsRunOptions, "zoneId"> = {}): Promise<ReconcileReport> {
  const results = await reconcileDueZones(db, now, opts);
  const stale = await db.dnsZone.findMany({ where: { OR: [{ driftCheckedAt: null }, { driftCheckedAt: { lt: new Date(now.getTime() - DRIFT_INTERVAL_MS) } }] }, select: { id: true } });
  for (const z of stale) await driftDns(db, { ...opts, zoneId: z.id });
  const report = { applied: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, driftChecked: stale.length };
  if (results.length > 0) log.info("dns", "reconciled", { ...report });
  return report;
}

/** Registers the reconciler with the process's schedulers (called from server start-up). */
export function scheduleDnsReconciler(schedulers: { every(name: string, intervalMs: number, fn: () => Promise<void>): void }, getDb: () => Db): void {
  schedulers.every("dns-reconciler", RECONCILE_INTERVAL_MS, async () => {
    await reconcileDnsOnce(getDb());
  });
}
