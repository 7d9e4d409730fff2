// The public DNS records a tunnel needs: one per remotely exposed hostname, pointing into the
// tunnel (Cloudflare: CNAME <tunnel-id>.cfargotunnel.com, proxied). Returned as desired records
// for lib/dns to reconcile; this module never calls a DNS provider itself.
import { getTunnelProvider } from "./providers";
import { isRemote } from "@/lib/routes/exposure";
import type { TunnelRouteInput } from "./plan";
import type { PublicDnsRecord, TunnelKind, TunnelTarget } from "./types";

/** The CNAME that sends `hostname` into the tunnel. */
export function tunnelDnsRecord(kind: TunnelKind, target: Pick<TunnelTarget, "externalId"> & Partial<TunnelTarget>, hostname: string): PublicDnsRecord {
  const full: TunnelTarget = { mode: "remote", accountId: null, credentials: "", apiBaseUrl: null, ...target };
  return getTunnelProvider(kind).publicRecord(full, hostname);
}

/** Public records for every Route exposed remote or both, sorted by name. */
export function tunnelDnsRecords(kind: TunnelKind, target: Pick<TunnelTarget, "externalId">, routes: TunnelRouteInput[]): PublicDnsRecord[] {
  return routes
    .filter((r) => isRemote(r.exposure))
    .map((r) => tunnelDnsRecord(kind, target, r.hostname))
    .sort((a, b) => a.name.localeCompare(b.name));
}
