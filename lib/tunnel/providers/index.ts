// The tunnel providers, one line per kind (server-only; their descriptors are in ../catalog.ts).
// Typed `Record<TunnelKind, …>`, so a kind in the catalog without its provider fails to compile.
import type { TunnelKind, TunnelProvider } from "../types";
import { caddyEdgeTunnel } from "./caddy-edge/provider";
import { cloudflareTunnel } from "./cloudflare/provider";

export const TUNNEL_PROVIDERS: Record<TunnelKind, TunnelProvider> = {
  cloudflare: cloudflareTunnel,
  "caddy-edge": caddyEdgeTunnel,
};

export function getTunnelProvider(kind: string): TunnelProvider {
  const p = (TUNNEL_PROVIDERS as Record<string, TunnelProvider | undefined>)[kind];
  if (!p) throw new Error(`unknown tunnel kind "${kind}"`);
  return p;
}
