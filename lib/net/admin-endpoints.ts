// The admin APIs this process knows about (the configured Caddy's, a self-hosted edge's): probe
// targets and route upstreams that point at one are refused like Docker's and Caddy's default
// ports. Filled whenever Homeport talks to one (createCaddyAdmin) and from the stored settings
// (loadAdminEndpoints in stored-admin-endpoints.ts). No imports: the probe engine and the browser
// use it too (where it stays empty).
import { adminEndpointOf, type AdminEndpoint } from "./address-guard";

/** Oldest entries are forgotten past this many (settings changed many times). */
export const MAX_KNOWN_ADMIN_ENDPOINTS = 32;

// On globalThis, like the event bus: server.ts and Next's route bundles each load this module, and
// what one learns (an admin URL saved through the API) must guard the other's probes too.
type GlobalWithAdminEndpoints = typeof globalThis & { __homeportAdminEndpoints?: Map<string, AdminEndpoint> };
const known: Map<string, AdminEndpoint> = ((globalThis as GlobalWithAdminEndpoints).__homeportAdminEndpoints ??= new Map());

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
