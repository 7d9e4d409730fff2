// A self-hosted edge as the tunnel: an internet-facing Caddy (a small VPS) whose admin API
// Homeport manages — the Pangolin-style alternative to Cloudflare Tunnel. Remote mode only.
//
// TunnelTarget mapping: apiBaseUrl = the edge Caddy's admin API; externalId = the edge's public
// DNS name (public records CNAME to it, unproxied); credentials = the admin API's bearer token or
// user:password when a proxy fronts it, else empty.
//
// On the edge, Homeport owns one server ("homeport-edge", created on the edge's https_port when
// absent) and, in it, one host-matched reverse_proxy route per remotely exposed hostname
// (@id "homeport-edge-route-<hostname>") to the LAN proxy, with Host and SNI set to the hostname,
// then a catch-all answering 404 for unknown hosts. A request whose TLS name has no certificate
// on the edge fails the handshake before any route runs (Caddy's behaviour). The edge gets its
// public certificates itself (ACME, as Caddy does by default for the hosts it serves).
import { CaddyRejectedError, CaddyUnreachableError, createCaddyAdmin, type CaddyAdmin } from "@/lib/ingress";
import { EDGE_CATCH_ALL, edgeRulesOf, planEdgeOps, readObservedEdge, validateEdgeIngress } from "../../caddy-edge-config";
import { TunnelAuthError, TunnelError, TunnelRejectedError, TunnelUnreachableError } from "../../errors";
import type { TunnelProvider, TunnelTarget } from "../../types";
import { caddyEdgeDescriptor } from "./descriptor";

/** The Authorization header for the admin API: "user:password" → Basic, "Bearer …"/"Basic …" as is, else a bearer token. */
export function edgeAuthorization(credentials: string): string | null {
  const c = credentials.trim();
  if (c === "") return null;
  if (/^(Bearer|Basic) \S+$/.test(c)) return c;
  if (c.includes(":") && !/\s/.test(c)) return `Basic ${Buffer.from(c).toString("base64")}`;
  return `Bearer ${c}`;
}

function adminOf(t: TunnelTarget): CaddyAdmin {
  if (!t.apiBaseUrl) throw new TunnelError("invalid", "A self-hosted edge needs its Caddy admin API URL");
  const authorization = edgeAuthorization(t.credentials);
  return createCaddyAdmin(t.apiBaseUrl, authorization ? { headers: { authorization } } : {});
}

/**
 * Runs admin calls, turning Caddy's failures into the tunnel's error classes. The admin client is
 * bounded (lib/net/bounded-request: overall deadline, size cap) and reports non-JSON answers as
 * CaddyRejectedError, so a hostile edge is a typed failure too.
 */
async function edgeCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CaddyUnreachableError) throw new TunnelUnreachableError(`the edge's admin API at ${err.adminUrl}: ${err.message.split(": ").pop()}`);
    if (err instanceof CaddyRejectedError) {
      if (err.status === 401 || err.status === 403) throw new TunnelAuthError(err.caddyMessage);
      throw new TunnelRejectedError(`${err.request}: ${err.caddyMessage}`, err.status);
    }
    throw err;
  }
}

export const caddyEdgeTunnel: TunnelProvider = {
  ...caddyEdgeDescriptor,
  catchAll: EDGE_CATCH_ALL,
  ownsEveryRule: true,

  async readIngress(t) {
    const admin = adminOf(t);
    return edgeRulesOf(readObservedEdge(await edgeCall(() => admin.getConfig())));
  },

  async writeIngress(t, rules) {
    const errors = validateEdgeIngress(rules);
    if (errors.length > 0) throw new TunnelRejectedError(errors.join("; "), 400);
    const admin = adminOf(t);
    // Planned against the config as it is now; each call is a complete, valid config on its own,
    // so a failure part-way leaves the edge serving what was applied so far.
    const ops = planEdgeOps(rules, readObservedEdge(await edgeCall(() => admin.getConfig())));
    for (const op of ops) await edgeCall(() => admin.send(op));
  },

  validateIngress: validateEdgeIngress,

  publicRecord(t, hostname) {
    return { name: hostname, type: "CNAME", content: t.externalId.trim().replace(/\.$/, "").toLowerCase(), proxied: false };
  },
};
