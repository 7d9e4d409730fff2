// The proxy part of a route, checked on the addresses its upstream resolves to: a name that
// resolves to a link-local / metadata address or an admin endpoint blocks the part with the reason
// (the plan shows it, the reconciler fails the part with it) before Caddy is ever told to dial it.
import type { Db } from "@/lib/db";
import { resolveUpstream, upstreamRefusal } from "@/lib/ingress";
import type { LookupAll } from "@/lib/net/lookup";
import { loadAdminEndpoints } from "@/lib/net/stored-admin-endpoints";
import type { PartDerivation, RouteContext } from "./derive";
import type { RouteLike } from "./record";

export interface UpstreamGuardOptions {
  /** Replaceable for tests: the system resolver by default. */
  lookup?: LookupAll;
}

/** The parts with the proxy part blocked when its resolved upstream is refused. */
export async function guardProxyPart(db: Db, parts: PartDerivation[], r: RouteLike, ctx: RouteContext, opts: UpstreamGuardOptions = {}): Promise<PartDerivation[]> {
  const i = parts.findIndex((p) => p.part === "proxy" && p.kind === "planned");
  if (i === -1) return parts;
  const upstream = resolveUpstream(
    { id: r.id ?? "new", hostname: r.hostname, serviceId: r.serviceId, servicePort: r.servicePort, upstreamUrl: r.upstreamUrl },
    new Map(ctx.services.map((s) => [s.id, s])),
    new Map(ctx.hosts.map((h) => [h.id, h])),
  );
  if ("reason" in upstream) return parts;
  const reason = await upstreamRefusal(upstream, { admin: await loadAdminEndpoints(db), lookup: opts.lookup });
  if (!reason) return parts;
  const out = [...parts];
  out[i] = { part: "proxy", kind: "blocked", summary: `${r.hostname} → ?`, reason, details: {} };
  return out;
}
