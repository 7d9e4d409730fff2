// The four parts of a route, one module each (the two DNS parts share one), each holding the
// apply the reconciler's driver runs and the cleanup run after the route is deleted.
import type { RoutePartName } from "../schemas";
import type { PartDerivation } from "../derive";
import type { PartOutcome } from "../reconcile";
import type { RouteRecord } from "../record";
import { applyDnsPart } from "./dns-zone";
import { applyProxyPart } from "./proxy";
import { applyTunnelPart } from "./tunnel";
import type { PartEnv } from "./env";

export type PartApplier = (env: PartEnv, route: RouteRecord, d: PartDerivation) => Promise<PartOutcome>;

/** The apply of each part, in one table: the compiler notices a part without one. */
export const PART_APPLIERS: Record<RoutePartName, PartApplier> = {
  "lan-dns": applyDnsPart,
  proxy: applyProxyPart,
  tunnel: applyTunnelPart,
  "public-dns": applyDnsPart,
};

export { cleanupZones, dnsOutcome, zonesHolding } from "./dns-zone";
export { cleanupProxy } from "./proxy";
export { cleanupTunnels } from "./tunnel";
export { partEnv, SYSTEM_ACTOR, errorText, type PartEnv } from "./env";
