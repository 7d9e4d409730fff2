// The routes domain's entry points for route handlers: apply (converge now), and the status with
// verdicts. Thin compositions of the reconciler, the driver and the verdicts.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { createRouteDriver } from "./driver";
import { partEnv } from "./parts";
import { reconcileRoute } from "./reconcile";
import { kickRouteChecks } from "./run-checks";
import type { RouteApplyResult } from "./schemas";

/** Converges every part of the route now, then has its checks run at once (in the background). */
export async function applyRoute(db: Db, routeId: string, actor: AuditActor, meta: AuditOrigin): Promise<RouteApplyResult> {
  const parts = await reconcileRoute(db, routeId, createRouteDriver(partEnv(db, actor, meta)));
  if (!parts) throw notFound("Route");
  await recordAudit(db, { actor, action: "route.apply", target: { type: "route", id: routeId }, details: { parts: parts.map((p) => `${p.part}: ${p.status}`) }, meta });
  kickRouteChecks(db, routeId);
  return { parts };
}
