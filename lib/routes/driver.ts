// The real route driver: derives a route's parts from Homeport's settings (with the proxy's
// upstream checked on its resolved addresses) and applies each part through its module in
// ./parts, which calls the owning domain's apply (lib/dns for one zone, lib/ingress, lib/tunnel
// for every tunnel). The domains converge their whole desired state, so an apply for one route
// also converges the others in the same zone or Caddy; that is what makes it idempotent.
import type { RoutePartName } from "./schemas";
import { loadRouteContext } from "./context";
import { deriveRouteParts } from "./derive";
import { PART_APPLIERS, type PartEnv } from "./parts";
import type { RouteDriver } from "./reconcile";
import { guardProxyPart, type UpstreamGuardOptions } from "./upstream-guard";

export function createRouteDriver(env: PartEnv, guard: UpstreamGuardOptions = {}): RouteDriver {
  const applier = (part: RoutePartName): RouteDriver["appliers"][RoutePartName] => (route, d) => PART_APPLIERS[part](env, route, d);
  return {
    async derive(route) {
      const ctx = await loadRouteContext(env.db, route.id);
      // The upstream's resolved addresses are checked before Caddy is told to dial it.
      return guardProxyPart(env.db, deriveRouteParts(route, ctx), route, ctx, guard);
    },
    appliers: { "lan-dns": applier("lan-dns"), proxy: applier("proxy"), tunnel: applier("tunnel"), "public-dns": applier("public-dns") },
  };
}
