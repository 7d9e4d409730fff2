// The routes domain: one hostname converged across LAN DNS, the proxy, the tunnel and public DNS,
// verified from both sides, and the internet-down drill. Other domains import it from here.
export * from "./schemas";
export { deriveRouteParts, type RouteLike, type RouteContext, type PartDerivation } from "./derive";
export { reconcileRoute, reconcileDueRoutes, listRouteParts, withRoutesLock, PART_DEPENDS_ON, type RouteDriver, type PartOutcome } from "./reconcile";
export { createRouteDriver } from "./driver";
export { cleanupAfterRouteDelete, pendingCleanups, sweepOrphans, type DeletedRoute } from "./cleanup";
export { reconcileRoutesOnce, scheduleRoutesReconciler, ROUTES_RECONCILE_INTERVAL_MS } from "./scheduler";
export { planRoute, previewRoutePlan } from "./plan";
export { routeVerdicts, loadRouteStatus } from "./verdicts";
export { runRouteChecksNow } from "./run-checks";
export { runInternetDownDrill } from "./drill";
export { applyRoute } from "./service";
