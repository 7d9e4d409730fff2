// The tunnel provider registry, keyed by the `kind` stored on each Tunnel. Adding a provider is
// one new file and one line here; the Record type makes a missing kind a compile error.
import type { TunnelKind, TunnelProvider } from "../types";
import { caddyEdgeTunnel } from "./caddy-edge";
import { cloudflareTunnel } from "./cloudflare";

export const TUNNEL_PROVIDERS: Record<TunnelKind, TunnelProvider> = {
  cloudflare: cloudflareTunnel,
  "caddy-edge": caddyEdgeTunnel,
};

export function getTunnelProvider(kind: string): TunnelProvider {
  const p = (TUNNEL_PROVIDERS as Record<string, TunnelProvider | undefined>)[kind];
  if (!p) throw new Error(`unknown tunnel kind "${kind}"`);
  return p;
}
