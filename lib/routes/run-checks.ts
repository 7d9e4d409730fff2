// Runs a route's checks now, from every vantage point that runs them: the control plane probes
// itself, connected agents get a `probe/run`; results go through lib/probes' ingestResults like
// scheduled ones, so the verdicts move at once instead of at the next interval.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { findAgentHub } from "@/lib/agents";
import { checkRows, CONTROL_PLANE_VANTAGE, ingestResults, syncAutoChecks, parseProbeConfig, selectsVantage } from "@/lib/probes";
import { CheckSpecSchema, runCheck } from "@/lib/probes/engine";
import { checksChanged } from "@/lib/probes/wake";
import { log } from "@/lib/log";
import { findRoute } from "./record";
import type { RouteChecksRun } from "./schemas";

/** Whether the control plane probes at all (HOMEPORT_PROBES); an invalid value was refused at start-up. */
function controlPlaneProbes(): boolean {
  try {
    return parseProbeConfig(process.env).enabled;
  } catch {
    return false;
  }
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Makes sure the route's automatic checks exist, then runs them once from every vantage that runs them. */
export async function runRouteChecksNow(db: Db, routeId: string): Promise<RouteChecksRun> {
  if (!(await findRoute(db, routeId))) throw notFound("Route");
  // A route created a moment ago has no checks until the periodic sync; do it now.
  await syncAutoChecks(db);
  const checks = (await db.check.findMany({ where: { sourceKey: { in: [`route:${routeId}`, `route:${routeId}:exposure`] }, enabled: true } })).map((c) => checkRows.parse(c));
  const vantages = await db.vantagePoint.findMany({ where: { enabled: true }, orderBy: { name: "asc" } });
  const hub = findAgentHub();
  const report: RouteChecksRun = { checks: checks.length, vantages: [] };
  await Promise.all(vantages.map(async (v) => {
    const mine = checks.filter((c) => selectsVantage(c.vantages, v));
    if (mine.length === 0) return;
    const entry = { id: v.id, name: v.name, ran: false, reason: null as string | null };
    report.vantages.push(entry);
    try {
      const specs = mine.map((c) => ({ spec: CheckSpecSchema.parse({ type: c.type, target: c.target }), timeoutMs: c.timeoutMs }));
      let results;
      if (v.id === CONTROL_PLANE_VANTAGE.id) {
        if (!controlPlaneProbes()) {
          entry.reason = "probing from the control plane is off (HOMEPORT_PROBES=0)";
          return;
        }
        results = await Promise.all(specs.map((s) => runCheck(s.spec, { timeoutMs: s.timeoutMs })));
      } else {
        const session = hub?.session(v.id);
        if (!hub || !session) {
          entry.reason = "agent not connected";
          return;
        }
        results = (await hub.probes.run(session, specs)).results;
      }
      const at = new Date().toISOString();
      await ingestResults(v.id, results.map((r, i) => ({ ...r, checkId: mine[i]!.id, at })), db);
      entry.ran = true;
    } catch (err) {
      entry.reason = errorText(err);
      log.warn("routes", "running a route check now failed", { routeId, vantage: v.id, error: entry.reason });
    }
  }));
  report.vantages.sort((a, b) => a.name.localeCompare(b.name));
  return report;
}

/** After an apply: sync the checks, wake the schedulers, and run the checks in the background. */
export function kickRouteChecks(db: Db, routeId: string): void {
  checksChanged();
  void runRouteChecksNow(db, routeId).catch((err: unknown) => log.warn("routes", "route checks not run", { routeId, error: errorText(err) }));
}
