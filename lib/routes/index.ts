// The routes domain: the Route aggregate (its store, schemas and record), one hostname converged
// across LAN DNS, the proxy, the tunnel and public DNS (one module per part, for apply and
// cleanup), verified from both sides, and the internet-down drill. Other domains import it from here.
export * from "./schemas";
export { routeFromRow, findRoute, listRouteRecords, type RouteRecord, type RouteLike } from "./record";
export { listRoutes, getRouteOrThrow, createRoute, updateRoute, deleteRoute, toRouteView } from "./store";
export { deriveRouteParts, type RouteContext, type PartDerivation } from "./derive";
export { reconcileRoute, reconcileDueRoutes, listRouteParts, withRoutesLock, PART_DEPENDS_ON, type RouteDriver, type PartOutcome } from "./reconcile";
export { createRouteDriver } from "./driver";
export { partEnv, SYSTEM_ACTOR, type PartEnv } from "./parts";
export { cleanupAfterRouteDelete, pendingCleanups, sweepOrphans, type DeletedRoute } from "./cleanup";
export { reconcileRoutesOnce, scheduleRoutesReconciler, ROUTES_RECONCILE_INTERVAL_MS } from "./scheduler";
export { planRoute, previewRoutePlan } from "./plan";
export { routeVerdicts, loadRouteStatus } from "./verdicts";
export { runRouteChecksNow } from "./run-checks";
export { runInternetDownDrill, routeDrillIssues, type DrillZone } from "./drill";
export { applyRoute } from "./service";
export { serviceChoices } from "./service-choices";
