// The tunnel domain: tunnel providers (Cloudflare Tunnel, a self-hosted Caddy edge), their ingress rules planned from the
// Routes, the public DNS records they need, and cloudflared's local config. Import from here.
export * from "./types";
export * from "./catalog";
export * from "./descriptor";
export * from "./rows";
export * from "./errors";
export * from "./schemas";
export { TUNNEL_PROVIDERS, getTunnelProvider } from "./providers";
export { CLOUDFLARE_API_BASE, CFARGOTUNNEL_SUFFIX } from "./providers/cloudflare/provider";
export { caddyEdgeTunnel, edgeAuthorization } from "./providers/caddy-edge/provider";
export { EDGE_SERVER_NAME, EDGE_ID_PREFIX, EDGE_ROUTE_ID_PREFIX, edgeRouteId, validateEdgeIngress } from "./caddy-edge-config";
export { validateCloudflaredIngress, renderCloudflaredConfig, findMatchingRule, matchHost, CLOUDFLARED_ERRORS } from "./cloudflared-config";
export { planTunnelIngress, desiredTunnelRules, buildTunnelRule, isOwnedRule, type TunnelPlan, type TunnelRuleChange } from "./plan";
export { tunnelDnsRecord, tunnelDnsRecords } from "./public-dns";
export {
  cloudflaredContainerSpec,
  deployCloudflaredViaAgent,
  cloudflaredFilesHash,
  CLOUDFLARED_IMAGE,
  CLOUDFLARED_UID,
  CLOUDFLARED_CONFIG_HASH_ENV,
  type CloudflaredContainerSpec,
  type CloudflaredHandOff,
  type DeployCloudflaredOptions,
} from "./cloudflared-deploy";
export { TunnelDeployError, type TunnelDeployer, type TunnelFileWrite, type TunnelFileWritten, type TunnelContainerApplied } from "./deployer";
export * from "./tunnel-service";
