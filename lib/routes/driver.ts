// The real part appliers: each one calls the owning domain's apply (lib/dns applyDns for one
// zone, lib/ingress applyIngress, lib/tunnel applyTunnel for every tunnel) and turns its result
// into a part outcome. The domains converge their whole desired state, so an apply for one route
// also converges the others in the same zone or Caddy; that is what makes it idempotent.
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { type AuditOrigin, type AuditActor, SYSTEM_ORIGIN } from "@/lib/audit";
import { applyDns, type ApplyResultView } from "@/lib/dns";
import { applyIngress, rootCertificateIfAvailable } from "@/lib/ingress";
import { applyTunnel } from "@/lib/tunnel";
import { loadRouteContext } from "./context";
import { deriveRouteParts, type PartDerivation } from "./derive";
import type { PartOutcome, RouteDriver, RouteRow } from "./reconcile";
import { guardProxyPart, type UpstreamGuardOptions } from "./upstream-guard";

export const SYSTEM_ACTOR: AuditActor = { type: "system", name: "route-reconciler" };


const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** One zone's apply as a part outcome for `hostname`. */
export function dnsOutcome(results: ApplyResultView[], hostname: string, summary: string): PartOutcome {
  const r = results[0];
  if (!r) return { ok: false, message: "the zone was not applied" };
  const clash = r.conflicts.find((c) => c.name === hostname);
  if (clash) return { ok: false, message: clash.reason };
  if (!r.ok) {
    const mine = r.outcomes.find((o) => o.name === hostname && !o.ok);
    return { ok: false, message: `${r.zoneName}: ${mine?.error ?? r.error ?? "the provider refused the change"}` };
  }
  return { ok: true, message: summary };
}

async function applyZone(db: Db, actor: AuditActor, route: RouteRow, d: PartDerivation): Promise<PartOutcome> {
  if (!d.zoneId) return { ok: false, message: "no zone" };
  const target = d.cnameTarget;
  try {
    // Every tunnel CNAME in the zone has the same target (the zone's, else the tunnel's).
    const results = await applyDns(db, actor, { zoneId: d.zoneId, ...(target ? { tunnelTargetFor: () => target } : {}) });
    return dnsOutcome(results, route.hostname, d.summary);
  } catch (err) {
    // 422: a desired record in the zone is invalid; nothing was applied.
    if (err instanceof DomainError) return { ok: false, message: err.message };
    throw err;
  }
}

export function createRouteDriver(db: Db, actor: AuditActor = SYSTEM_ACTOR, meta: AuditOrigin = SYSTEM_ORIGIN, guard: UpstreamGuardOptions = {}): RouteDriver {
  return {
    async derive(route) {
      const ctx = await loadRouteContext(db, route.id);
      // The upstream's resolved addresses are checked before Caddy is told to dial it.
      return guardProxyPart(db, deriveRouteParts(route, ctx), route, ctx, guard);
    },
    appliers: {
      "lan-dns": (route, d) => applyZone(db, actor, route, d),
      async proxy(route, d) {
        const r = await applyIngress(db, actor, meta);
        if (r.caddy.status !== "ok") {
          const which = r.failed?.change.routeId === route.id ? " at this route's entry" : r.failed ? ` at ${r.failed.change.summary}` : "";
          return { ok: false, message: `Caddy ${r.caddy.status}${which}: ${r.failed?.message ?? r.caddy.detail ?? "no detail"}` };
        }
        return { ok: true, message: d.summary };
      },
      async tunnel(route, d) {
        const tunnels = await db.tunnel.findMany({ select: { id: true, name: true, mode: true }, orderBy: { name: "asc" } });
        const rootCa = tunnels.some((t) => t.mode === "local") ? await rootCertificateIfAvailable(db).catch(() => null) : null;
        const problems: string[] = [];
        for (const t of tunnels) {
          try {
            const r = await applyTunnel(db, t.id, actor, meta, rootCa);
            if (r.status.status !== "ok") problems.push(`${t.name}: ${r.status.status}${r.status.detail ? ` — ${r.status.detail}` : ""}`);
          } catch (err) {
            problems.push(`${t.name}: ${errorText(err)}`);
          }
        }
        return problems.length > 0 ? { ok: false, message: problems.join("; ") } : { ok: true, message: d.summary };
      },
      "public-dns": (route, d) => applyZone(db, actor, route, d),
    },
  };
}
