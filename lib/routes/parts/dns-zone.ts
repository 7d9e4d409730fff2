// The DNS parts of a route (lan-dns and public-dns): converging one zone through lib/dns. The
// apply converges the part's zone with the CNAME target it derived; the cleanup after a delete
// converges every zone whose ledger still holds the name, so Homeport's records there go.
import { DomainError } from "@/lib/errors";
import { applyDns, dnsZoneRows, type ApplyResultView } from "@/lib/dns";
import type { Db } from "@/lib/db";
import { publicTarget, type PartDerivation, type RouteContext } from "../derive";
import type { PartOutcome } from "../reconcile";
import type { RouteRecord } from "../record";
import { errorText, type PartEnv } from "./env";

/** One zone's apply as a part outcome for `hostname` (null: the zone as a whole, e.g. the orphan sweep). */
export function dnsOutcome(results: ApplyResultView[], hostname: string | null, summary: string | null): PartOutcome {
  const r = results[0];
  if (!r) return { ok: false, message: "the zone was not applied" };
  const clash = hostname === null ? undefined : r.conflicts.find((c) => c.name === hostname);
  if (clash) return { ok: false, message: clash.reason };
  if (!r.ok) {
    const mine = hostname === null ? undefined : r.outcomes.find((o) => o.name === hostname && !o.ok);
    return { ok: false, message: `${r.zoneName}: ${mine?.error ?? r.error ?? "the provider refused the change"}` };
  }
  return { ok: true, message: summary };
}

interface ZoneRun {
  zoneId: string;
  /** Every tunnel CNAME in the zone has the same target (the zone's, else the tunnel's). */
  cnameTarget?: string;
  hostname: string | null;
  summary: string | null;
  /** Prefixed to a refusal of the zone's desired records, when the caller's message needs it. */
  zoneName?: string;
}

async function convergeZone(env: PartEnv, z: ZoneRun): Promise<PartOutcome> {
  const target = z.cnameTarget;
  try {
    const results = await applyDns(env.db, env.actor, { zoneId: z.zoneId, ...(target ? { tunnelTargetFor: () => target } : {}) });
    return dnsOutcome(results, z.hostname, z.summary);
  } catch (err) {
    // invalid: a desired record in the zone is invalid; nothing was applied.
    if (err instanceof DomainError) return { ok: false, message: z.zoneName ? `${z.zoneName}: ${err.message}` : err.message };
    throw err;
  }
}

/** Apply of the lan-dns and public-dns parts. */
export async function applyDnsPart(env: PartEnv, route: RouteRecord, d: PartDerivation): Promise<PartOutcome> {
  if (!d.zoneId) return { ok: false, message: "no zone" };
  return convergeZone(env, { zoneId: d.zoneId, cnameTarget: d.cnameTarget, hostname: route.hostname, summary: d.summary });
}

/** Zones whose ledger holds records at a name `has` accepts (Homeport created them). */
export async function zonesHolding(db: Db, has: (name: string) => boolean): Promise<string[]> {
  const zones = await db.dnsZone.findMany({ select: { id: true, applied: true } });
  return zones.map((z) => dnsZoneRows.columns(z)).filter((z) => z.applied.some((r) => has(r.name))).map((z) => z.id);
}

/** Cleanup's DNS step: converges each zone (its records of names no route has go); the problems, [] when clean. */
export async function cleanupZones(env: PartEnv, ctx: RouteContext, zoneIds: string[], hostname: string | null): Promise<string[]> {
  const problems: string[] = [];
  for (const zoneId of zoneIds) {
    const zone = ctx.zones.find((z) => z.id === zoneId);
    if (!zone) continue;
    const cnameTarget = zone.role === "public" ? publicTarget(zone.name, zone, ctx.tunnels) : undefined;
    try {
      const o = await convergeZone(env, { zoneId, cnameTarget, hostname, summary: null, zoneName: zone.name });
      if (!o.ok) problems.push(o.message);
    } catch (err) {
      problems.push(errorText(err));
    }
  }
  return problems;
}
