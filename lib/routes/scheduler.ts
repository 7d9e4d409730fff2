// The routes scheduler pass: retries interrupted (pending) and due failed parts, retries failed
// cleanups of deleted routes, and now and then sweeps for leftovers of deleted routes.
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { retryDueCleanups, sweepOrphans } from "./cleanup";
import { createRouteDriver } from "./driver";
import { partEnv } from "./parts";
import { reconcileDueRoutes, type RouteDriver } from "./reconcile";

/** How often the pass looks for due retries. */
export const ROUTES_RECONCILE_INTERVAL_MS = 5_000;

export interface RoutesPassReport {
  reconciled: string[];
  cleanups: number;
  swept: boolean;
}

export async function reconcileRoutesOnce(db: Db, now = new Date(), driver: RouteDriver = createRouteDriver(partEnv(db))): Promise<RoutesPassReport> {
  const reconciled = await reconcileDueRoutes(db, now, driver);
  const cleanups = await retryDueCleanups(db, now);
  const { swept } = await sweepOrphans(db, now);
  if (reconciled.length > 0 || cleanups > 0) log.info("routes", "reconciler pass", { reconciled: reconciled.length, cleanups });
  return { reconciled, cleanups, swept };
}

/** Registers the pass with server.ts's schedulers. */
export function scheduleRoutesReconciler(schedulers: { every(name: string, intervalMs: number, fn: () => Promise<void>): void }, getDb: () => Db): void {
  schedulers.every("routes-reconciler", ROUTES_RECONCILE_INTERVAL_MS, async () => {
    await reconcileRoutesOnce(getDb());
  });
}
