// The tunnel provider contract: every tunnel Homeport manages (Cloudflare Tunnel, a self-hosted
// Caddy edge; Tailscale later) implements `TunnelProvider` (its kind's descriptor plus the calls),
// one folder per kind in lib/tunnel/providers, registered by `kind` in lib/tunnel/catalog.ts
// (descriptor) and lib/tunnel/providers/index.ts (implementation).
import type { AuditActor, AuditOrigin } from "@/lib/audit";
import type { Db } from "@/lib/db";
import type { TunnelKind } from "./catalog";
import type { CloudflaredHandOff, DeployCloudflaredOptions } from "./cloudflared-deploy";
import type { TunnelDescriptor } from "./descriptor";

export type { TunnelKind } from "./catalog";

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

/**
 * How a locally managed tunnel's connector is deployed and how it went: the hand-off the apply
 * API returns (the only local connector so far is cloudflared, so its shape is cloudflared's).
 */
export type TunnelHandOff = CloudflaredHandOff;
/** How the connector reaches its host (the deployer) and overrides of its container (tests). */
export type LocalDeployOptions = DeployCloudflaredOptions;

export interface LocalDeployInput {
  db: Db;
  tunnel: { id: string; name: string; hostId: string | null };
  target: TunnelTarget;
  /** The rendered config (`renderConfig`), already validated. */
  config: RenderedFile;
  /** The LAN proxy's root CA, for the connector to trust the proxy's certificates. */
  rootCaPem: string | null;
  actor: AuditActor;
  meta: AuditOrigin;
  options: LocalDeployOptions;
}

/** A provider's local mode: a config file on a host and the connector that reads it. */
export interface TunnelLocalMode {
  /** The config file the connector reads, with `rules` (ending with the catch-all). Holds no secret. */
  renderConfig(target: TunnelTarget, rules: IngressRule[]): RenderedFile;
  /**
   * Hands the config and the credentials to the tunnel's host and (re)starts the connector there.
   * Records the outcome on the Tunnel; never throws for host-side failures (the hand-off says).
   */
  deploy(input: LocalDeployInput): Promise<TunnelHandOff>;
  /** The Tunnel status a hand-off stands for. */
  statusOf(handOff: TunnelHandOff): { status: string; detail: string };
}

export interface TunnelProvider extends TunnelDescriptor<TunnelKind> {
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

  /** Local mode, for providers whose descriptor offers it: the config file and its connector. */
  readonly local?: TunnelLocalMode;

  /** Checks a rule list against the connector's documented rules; [] when valid. */
  validateIngress(rules: IngressRule[]): string[];

  /** The public DNS record that sends `hostname` into this tunnel. */
  publicRecord(target: TunnelTarget, hostname: string): PublicDnsRecord;
}
