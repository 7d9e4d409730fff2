// Derives the desired records of each zone from the Routes (split horizon): in the LAN zone,
// `hostname A/AAAA <LAN address of the reverse proxy>` for every route; in the public zone, for
// routes exposed remotely, `hostname CNAME <tunnel target>`. Pure; validated before any apply.
import { isRemote, type Exposure } from "@/lib/routes/exposure";
import { inZone, validateRecordSet, type RecordIssue } from "./records";
import type { RecordSet } from "./types";

export interface RouteInput {
  id: string;
  hostname: string;
  exposure: Exposure;
}

export interface ZoneInput {
  id: string;
  name: string;
  role: "lan" | "public" | string;
  /** LAN: the reverse proxy's addresses; public: the tunnel target (first item). */
  target: string[];
  ttl: number;
}

export interface DesiredRecordSet extends RecordSet {
  routeIds: string[];
}

export interface DesiredZone {
  zoneId: string;
  records: DesiredRecordSet[];
  issues: RecordIssue[];
}

export interface DeriveOptions {
  /** The tunnel's public target for a route (from the tunnel domain); defaults to the zone's target. */
  tunnelTargetFor?: (route: RouteInput) => string | undefined;
}

/** True for an IPv6 address literal (the zone targets are validated addresses). */
export const isV6 = (a: string) => a.includes(":");

/** The most specific zone of a role that contains the hostname. */
export function zoneFor<Z extends Pick<ZoneInput, "name" | "role">>(hostname: string, zones: Z[], role: string): Z | undefined {
  return zones.filter((z) => z.role === role && inZone(hostname, z.name)).sort((a, b) => b.name.length - a.name.length)[0];
}

/** Desired record sets per zone id, with validation issues that block applying that zone. */
export function deriveDesiredRecords(routes: RouteInput[], zones: ZoneInput[], opts: DeriveOptions = {}): Map<string, DesiredZone> {
  const out = new Map<string, DesiredZone>(zones.map((z) => [z.id, { zoneId: z.id, records: [], issues: [] }]));
  const add = (zone: ZoneInput, route: RouteInput, type: RecordSet["type"], values: string[]) => {
    const dz = out.get(zone.id)!;
    if (values.length === 0) {
      dz.issues.push({ path: `routes.${route.hostname}`, message: zone.role === "lan" ? `zone ${zone.name} has no reverse-proxy address for ${route.hostname}` : `no tunnel target for ${route.hostname}` });
      return;
    }
    const r = validateRecordSet({ name: route.hostname, type, values, ttl: zone.ttl }, `routes.${route.hostname}`);
    if (!r.ok) {
      dz.issues.push(...r.issues);
      return;
    }
    dz.records.push({ ...r.value, routeIds: [route.id] });
  };
  for (const route of [...routes].sort((a, b) => a.hostname.localeCompare(b.hostname))) {
    const lan = zoneFor(route.hostname, zones, "lan");
    if (lan) {
      const v4 = lan.target.filter((a) => !isV6(a));
      const v6 = lan.target.filter(isV6);
      if (lan.target.length === 0) add(lan, route, "A", []);
      if (v4.length > 0) add(lan, route, "A", v4);
      if (v6.length > 0) add(lan, route, "AAAA", v6);
    }
    if (isRemote(route.exposure)) {
      const pub = zoneFor(route.hostname, zones, "public");
      if (pub) {
        const target = opts.tunnelTargetFor?.(route) ?? pub.target[0];
        add(pub, route, "CNAME", target ? [target] : []);
      }
    }
  }
  return out;
}
