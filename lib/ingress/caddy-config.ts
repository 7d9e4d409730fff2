// Builds the pieces of Caddy JSON that Homeport owns. Every object carries an `@id` starting
// with HOMEPORT_ID_PREFIX; that prefix is how Homeport recognises its own objects and leaves
// everything else in the user's Caddy config alone.
import type { ProxyEntrySpec, ProxyServerSpec } from "./types";

export const HOMEPORT_ID_PREFIX = "homeport-";
export const ROUTE_ID_PREFIX = `${HOMEPORT_ID_PREFIX}route-`;
export const CERT_ID_PREFIX = `${HOMEPORT_ID_PREFIX}cert-`;
export const SERVER_ID = `${HOMEPORT_ID_PREFIX}server`;
export const TLS_POLICY_ID = `${HOMEPORT_ID_PREFIX}tls-internal`;
/** Response header each proxy entry adds, so a request can prove which entry answered it. */
export const FINGERPRINT_HEADER = "X-Homeport-Route";
export const CERT_TAG = "homeport";

export const routeObjectId = (routeId: string) => `${ROUTE_ID_PREFIX}${routeId}`;
export const certObjectId = (routeId: string) => `${CERT_ID_PREFIX}${routeId}`;

export type CaddyJson = Record<string, unknown>;

/** A host-matched route: fingerprint header, then reverse_proxy to the upstream. Terminal, so
 * no later route (e.g. a user's catch-all) also runs for this host. */
export function buildCaddyRoute(e: ProxyEntrySpec): CaddyJson {
  const proxy: CaddyJson = { handler: "reverse_proxy", upstreams: [{ dial: e.upstream.dial }] };
  if (e.upstream.tls) proxy.transport = { protocol: "http", tls: {} };
  return {
    "@id": routeObjectId(e.routeId),
    match: [{ host: [e.hostname] }],
    handle: [{ handler: "headers", response: { set: { [FINGERPRINT_HEADER]: [e.routeId] } } }, proxy],
    terminal: true,
  };
}

/** One automation policy for every internal-CA hostname: Caddy's local issuer, no ACME. */
export function buildInternalTlsPolicy(subjects: string[]): CaddyJson {
  return { "@id": TLS_POLICY_ID, subjects: [...subjects].sort(), issuers: [{ module: "internal" }] };
}

/** A user-supplied certificate, loaded from PEM (apps.tls.certificates.load_pem). */
export function buildLoadedCertificate(routeId: string, certificatePem: string, keyPem: string): CaddyJson {
  return { "@id": certObjectId(routeId), certificate: certificatePem, key: keyPem, tags: [CERT_TAG] };
}

/** The server Homeport creates when `server.name` does not exist yet. */
export function buildServer(server: ProxyServerSpec, routes: CaddyJson[]): CaddyJson {
  return { "@id": SERVER_ID, listen: server.listen, routes };
}

/** apps.http when the user's Caddy has none: explicit ports, so nothing lands on :80/:443 by surprise. */
export function buildHttpApp(server: ProxyServerSpec, routes: CaddyJson[]): CaddyJson {
  return { http_port: server.httpPort, https_port: server.httpsPort, servers: { [server.name]: buildServer(server, routes) } };
}

/** Structural equality of two JSON values, ignoring object key order (Caddy re-sorts keys). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual((a as CaddyJson)[k], (b as CaddyJson)[k]));
}

/** Escapes one segment of an admin API path (`/config/apps/http/servers/<name>`). */
export const segment = (s: string) => encodeURIComponent(s);
