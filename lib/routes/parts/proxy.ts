// The proxy part of a route: converging Caddy through lib/ingress. Caddy holds every route's
// entry, so the apply (this route's entry in place) and the cleanup after a delete (its entry
// gone) are the same convergence, read for the route in question.
import { applyIngress } from "@/lib/ingress";
import type { PartDerivation } from "../derive";
import type { PartOutcome } from "../reconcile";
import type { RouteRecord } from "../record";
import { problemsOf, type PartEnv } from "./env";

/** Converges Caddy; a failure names this route's entry (`routeId`) or the change that failed. */
export async function convergeProxy(env: PartEnv, routeId: string | null, summary: string | null): Promise<PartOutcome> {
  const r = await applyIngress(env.db, env.actor, env.meta);
  if (r.caddy.status === "ok") return { ok: true, message: summary };
  const which = routeId !== null && r.failed?.change.routeId === routeId ? " at this route's entry" : r.failed ? ` at ${r.failed.change.summary}` : "";
  return { ok: false, message: `Caddy ${r.caddy.status}${which}: ${r.failed?.message ?? r.caddy.detail ?? "no detail"}` };
}

export const applyProxyPart = (env: PartEnv, route: RouteRecord, d: PartDerivation): Promise<PartOutcome> => convergeProxy(env, route.id, d.summary);

/** Cleanup's proxy step (`routeId` of the deleted route, or null for the orphan sweep); the problems, [] when clean. */
export const cleanupProxy = (env: PartEnv, routeId: string | null): Promise<string[]> => problemsOf(convergeProxy(env, routeId, null));
