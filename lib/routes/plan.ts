// The plan of a route: every part with what applying will change (read from the DNS providers,
// Caddy and the tunnels through the domains' own planners, so the plan matches what apply does),
// plus the checks that will verify it. previewRoutePlan does the same for an unsaved route from
// the settings alone: nothing exists for it yet, so every planned part is a create.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { planDns } from "@/lib/dns";
import { planIngress } from "@/lib/ingress";
import { listTunnels, planTunnel } from "@/lib/tunnel";
import { desiredAutoChecks } from "@/lib/probes";
import { loadRouteContext } from "./context";
import { deriveRouteParts, type PartDerivation } from "./derive";
import { routeFromRow, type RouteLike } from "./record";
import { guardProxyPart } from "./upstream-guard";
import { listRouteParts } from "./reconcile";
import type { RouteCheckPlan, RouteCreateInput, RoutePartPlan, RoutePartView, RoutePlanView } from "./schemas";

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

type Live = Pick<RoutePartPlan, "action" | "reason"> & { note?: string };

const VERIFIES: Record<string, string> = {
  reachable: "the URL answers through Homeport's proxy entry (fingerprint header)",
  unreachable: "the URL does NOT answer from away (a LAN-only route must stay at home)",
};
const SELECTOR_TEXT: Record<string, string> = { "kind:lan": "from LAN vantage points", "kind:remote": "from remote vantage points" };

export function routeCheckPlans(route: Pick<RouteLike, "id" | "hostname" | "exposure">): RouteCheckPlan[] {
  return desiredAutoChecks([{ id: route.id ?? "<new>", hostname: route.hostname, exposure: route.exposure }], []).map((d) => {
    const expectation = d.expectation ?? "reachable";
    return {
      sourceKey: d.sourceKey,
      name: d.name,
      type: d.spec.type,
      url: "url" in d.spec.target ? String(d.spec.target.url) : "",
      vantages: d.vantages,
      expectation,
      verifies: `${VERIFIES[expectation]} (${d.vantages.length === 0 ? "from every vantage point" : d.vantages.map((x) => SELECTOR_TEXT[x] ?? x).join(", ")})`,
    };
  });
}

function targetText(r: RouteLike, serviceName: string | null): string {
  return r.upstreamUrl ?? `${serviceName ?? r.serviceId ?? "?"}:${r.servicePort ?? "?"}`;
}

function toPartPlan(d: PartDerivation, live: Live | undefined, status: RoutePartView | null): RoutePartPlan {
  const action: RoutePartPlan["action"] = d.kind === "skip" ? "skip" : d.kind === "blocked" ? "blocked" : (live?.action ?? "create");
  return {
    part: d.part,
    action,
    summary: d.summary,
    reason: d.kind === "planned" ? (live?.reason ?? null) : d.reason,
    details: { ...d.details, ...(live?.note ? { note: live.note } : {}) },
    status,
  };
}

async function liveDns(db: Db, d: PartDerivation, hostname: string): Promise<Live> {
  if (!d.zoneId) return { action: "unknown", reason: null };
  const target = d.cnameTarget;
  const [zone] = await planDns(db, { zoneId: d.zoneId, ...(target ? { tunnelTargetFor: () => target } : {}) });
  if (!zone) return { action: "unknown", reason: null };
  const clash = zone.conflicts.find((c) => c.name === hostname);
  if (clash) return { action: "blocked", reason: clash.reason };
  if (zone.error) return { action: "apply", reason: null, note: `the provider could not be read: ${zone.error}` };
  const mine = zone.changes.filter((c) => c.name === hostname);
  if (mine.length === 0) return { action: "unchanged", reason: null };
  return { action: mine.some((c) => c.action === "create") ? "create" : mine.some((c) => c.action === "update") ? "update" : "delete", reason: null };
}

/**
 * A proxy entry while Caddy cannot take it: not "Create" (nothing would be created now) but
 * "apply" with the reason, and when it will happen.
 */
export function proxyWaiting(status: string, detail: string | null): Live {
  const why = detail ? ` (${detail})` : "";
  if (status === "rejected") return { action: "apply", reason: `Caddy rejected Homeport's last change${why}: the entry is created once that is fixed under Ingress.` };
  return { action: "apply", reason: `Caddy is not reachable${why}: the entry will be created when Caddy answers. Check the connection under Ingress.` };
}

async function liveProxy(db: Db, routeId: string): Promise<Live> {
  const plan = await planIngress(db);
  if (plan.caddy.status !== "ok") return proxyWaiting(plan.caddy.status, plan.caddy.detail);
  const mine = plan.changes.filter((c) => c.routeId === routeId && c.kind === "route");
  if (mine.length === 0) return { action: "unchanged", reason: null };
  return { action: mine[0]!.action, reason: null };
}

async function liveTunnel(db: Db, hostname: string): Promise<Live> {
  const tunnels = await listTunnels(db);
  const actions: string[] = [];
  const notes: string[] = [];
  for (const t of tunnels) {
    const plan = await planTunnel(db, t.id);
    if (plan.status.status !== "ok" && plan.status.status !== "unknown") notes.push(`${t.name}: ${plan.status.status}${plan.status.detail ? ` — ${plan.status.detail}` : ""}`);
    else if (plan.status.status === "unknown") notes.push(`${t.name}: ${plan.status.detail ?? "config applied through the agent"}`);
    for (const c of plan.changes.filter((x) => x.hostname === hostname)) actions.push(c.action);
  }
  const action = actions.includes("create") ? "create" : actions.includes("update") ? "update" : notes.length > 0 ? "apply" : "unchanged";
  return { action, reason: null, ...(notes.length > 0 ? { note: notes.join("; ") } : {}) };
}

/** The plan of a saved route, with its parts' last statuses. Reads the providers; changes nothing. */
export async function planRoute(db: Db, routeId: string): Promise<RoutePlanView> {
  const row = await db.route.findUnique({ where: { id: routeId }, include: { service: { select: { name: true } } } });
  if (!row) throw notFound("Route");
  const route = routeFromRow(row);
  const [ctx, statuses] = await Promise.all([loadRouteContext(db, routeId), listRouteParts(db, routeId)]);
  const derived = await guardProxyPart(db, deriveRouteParts(route, ctx), route, ctx);
  const live = await Promise.all(derived.map(async (d): Promise<Live | undefined> => {
    if (d.kind !== "planned") return undefined;
    try {
      if (d.part === "lan-dns" || d.part === "public-dns") return await liveDns(db, d, route.hostname);
      if (d.part === "proxy") return await liveProxy(db, route.id);
      return await liveTunnel(db, route.hostname);
    } catch (err) {
      return { action: "apply", reason: null, note: `could not read the current state: ${errorText(err)}` };
    }
  }));
  return {
    route: { id: route.id, hostname: route.hostname, exposure: route.exposure, target: targetText(route, row.service?.name ?? null) },
    parts: derived.map((d, i) => toPartPlan(d, live[i], statuses.find((s) => s.part === d.part) ?? null)),
    checks: routeCheckPlans(route),
  };
}

/** The plan of a route that is not saved yet (the wizard's review step). Reads only Homeport's settings. */
export async function previewRoutePlan(db: Db, input: RouteCreateInput): Promise<RoutePlanView> {
  const ctx = await loadRouteContext(db, null);
  const route: RouteLike = { id: null, hostname: input.hostname, exposure: input.exposure, serviceId: input.serviceId, servicePort: input.servicePort, upstreamUrl: input.upstreamUrl };
  const service = input.serviceId ? ctx.services.find((s) => s.id === input.serviceId) : undefined;
  // Caddy's last known state (stored, not asked live): a proxy entry is not "Create" while it is down.
  const caddy = await db.ingressSettings.findUnique({ where: { id: "default" }, select: { status: true, statusDetail: true } });
  const proxyLive = caddy && (caddy.status === "unreachable" || caddy.status === "rejected") ? proxyWaiting(caddy.status, caddy.statusDetail) : undefined;
  return {
    route: { id: null, hostname: input.hostname, exposure: input.exposure, target: targetText(route, service?.name ?? null) },
    parts: (await guardProxyPart(db, deriveRouteParts(route, ctx), route, ctx)).map((d) => toPartPlan(d, d.part === "proxy" ? proxyLive : undefined, null)),
    checks: routeCheckPlans(route),
  };
}
