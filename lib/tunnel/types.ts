// The tunnel provider contract: every tunnel Homeport manages (Cloudflare Tunnel, a self-hosted
// Caddy edge; Tailscale later) implements `TunnelProvider`, one file per kind in
// lib/tunnel/providers, registered by `kind` in lib/tunnel/providers/index.ts.

export const TUNNEL_KINDS = ["cloudflare", "caddy-edge"] as const;
export type TunnelKind = (typeof TUNNEL_KINDS)[number];

/** remote: the provider's API holds the ingress rules; local: a config file on the host does. */
export const TUNNEL_MODES = ["remote", "local"] as const;
export type TunnelMode = (typeof TUNNEL_MODES)[number];

/** Per-rule origin settings, named as cloudflared names them (camelCase, as in its config). */
export interface OriginRequest {
  originServerName?: string;
  httpHostHeader?: string;
  noTLSVerify?: boolean;
  caPool?: string;
  connectTimeout?: number | string;
}

/** One ingress rule in cloudflared's shape. The catch-all (last) rule has no hostname and no path. */
export interface IngressRule {
  hostname?: string;
  path?: string;
  service: string;
  originRequest?: OriginRequest;
}

/** A tunnel as the provider needs it: identifiers and the opened (decrypted) credentials. */
export interface TunnelTarget {
  mode: TunnelMode;
  /** Provider's tunnel id (Cloudflare: the tunnel UUID; caddy-edge: the edge's public DNS name). */
  externalId: string;
  accountId: string | null;
  /**
   * Remote mode: an API token (caddy-edge: the admin API's bearer token or user:password, empty
   * when the admin API is not fronted). Local mode: the tunnel credentials file's JSON. Never logged.
   */
  credentials: string;
  /** The provider's API base URL: an override for Cloudflare (tests), the admin API for caddy-edge. */
  apiBaseUrl: string | null;
}

/** A public DNS record the tunnel needs; the DNS module creates it (Homeport does not call it from here). */
export interface PublicDnsRecord {
  name: string;
  type: "CNAME";
  content: string;
  /** Cloudflare: tunnel CNAMEs only work through Cloudflare's proxy. */
  proxied: boolean;
}

/** A rendered file for a locally managed tunnel. */
export interface RenderedFile {
  path: string;
  content: string;
}

export interface TunnelProvider {
  readonly kind: TunnelKind;
  /** Name for people, e.g. "Cloudflare Tunnel". */
  readonly label: string;
  /** Modes the provider supports; the settings form offers only these. */
  readonly modes: readonly TunnelMode[];
  /** The catch-all rule appended after every hostname rule (Cloudflare: `http_status:404`). */
  readonly catchAll: IngressRule;
  /**
   * True when `readIngress` returns only Homeport's own rules (the provider keeps the user's
   * apart, e.g. by id), so every hostname rule read back is Homeport's whatever its origin. When
   * absent, a rule is Homeport's if it points at the tunnel's origin with its hostname as Host.
   */
  readonly ownsEveryRule?: boolean;

  /**
   * Remote mode: the tunnel's current ingress rules as the provider holds them (empty when the
   * tunnel has no configuration yet). Throws a `TunnelError` subclass on failure.
   */
  readIngress(target: TunnelTarget, signal?: AbortSignal): Promise<IngressRule[]>;

  /**
   * Remote mode: replaces the tunnel's whole ingress list with `rules`, which must end with a
   * catch-all; the tunnel's other settings are kept. Throws `TunnelRejectedError` with the
   * provider's message when it refuses them.
   */
  writeIngress(target: TunnelTarget, rules: IngressRule[], signal?: AbortSignal): Promise<void>;

  /** Local mode: the config file the connector reads, with `rules` (ending with the catch-all). */
  renderLocalConfig(target: TunnelTarget, rules: IngressRule[]): RenderedFile;

  /** Checks a rule list against the connector's documented rules; [] when valid. */
  validateIngress(rules: IngressRule[]): string[];

  /** The public DNS record that sends `hostname` into this tunnel. */
  publicRecord(target: TunnelTarget, hostname: string): PublicDnsRecord;
}
