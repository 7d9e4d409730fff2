// The tunnel kind catalog: every kind's descriptor, one line each. Browser-safe: the tunnel form
// renders from it and the API validates by it (the providers are registered by kind in
// ./providers/index.ts). A new kind: one folder under ./providers and one line here and there.
import type { TunnelDescriptor } from "./descriptor";
import { caddyEdgeDescriptor } from "./providers/caddy-edge/descriptor";
import { cloudflareTunnelDescriptor } from "./providers/cloudflare/descriptor";

const catalog = {
  cloudflare: cloudflareTunnelDescriptor,
  "caddy-edge": caddyEdgeDescriptor,
} as const;

/** Tunnel kinds: the catalog's keys, so a kind without a descriptor cannot exist. */
export type TunnelKind = keyof typeof catalog;

/** Every kind's descriptor, each registered under its own kind (checked at compile time). */
export const TUNNEL_CATALOG: { readonly [K in TunnelKind]: TunnelDescriptor<K> } = catalog;

/** The kinds in the catalog's order (what the form offers first). */
export const TUNNEL_KINDS = Object.keys(catalog) as [TunnelKind, ...TunnelKind[]];
