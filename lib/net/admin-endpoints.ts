// The admin APIs this process knows about (the configured Caddy's, a self-hosted edge's): probe
// targets and route upstreams that point at one are refused like Docker's and Caddy's default
// ports. Filled whenever Homeport talks to one (createCaddyAdmin) and from the stored settings
// (loadAdminEndpoints in stored-admin-endpoints.ts). No imports: the probe engine and the browser
// use it too (where it stays empty).
import { adminEndpointOf, type AdminEndpoint } from "./address-guard";

/** Oldest entries are forgotten past this many (settings changed many times). */
export const MAX_KNOWN_ADMIN_ENDPOINTS = 32;

const known = new Map<string, AdminEndpoint>();

/** Remembers the admin API at `url` (host and port); ignored when `url` is not a URL. */
export function rememberAdminEndpoint(url: string, what: string): void {
  const e = adminEndpointOf(url, what);
  if (!e) return;
  const key = `${e.host.toLowerCase()}|${e.port}`;
  known.delete(key);
  known.set(key, e);
  while (known.size > MAX_KNOWN_ADMIN_ENDPOINTS) known.delete(known.keys().next().value!);
}

/** Every admin endpoint remembered so far, oldest first. */
export function knownAdminEndpoints(): AdminEndpoint[] {
  return [...known.values()];
}

/** For tests: forget everything. */
export function forgetAdminEndpoints(): void {
  known.clear();
}
