// What a probe may connect to: the shared address guard (lib/net/address-guard.ts) — only
// http/https/tcp/dns/tls, never link-local or cloud-metadata addresses in any spelling, never an
// unspecified address, Docker's API ports or Caddy's admin API. Private ranges and loopback are
// allowed: it is a homelab. Checks run on the *resolved* address too (resolve.ts), so a name that
// resolves to 169.254.169.254 is refused before any connection is made.
// No Node built-ins here: the schemas that use these rules also validate forms in the browser.
export {
  ALLOWED_URL_SCHEMES,
  CADDY_ADMIN_PORT,
  DOCKER_API_PORTS,
  addressRefusal,
  adminEndpointOf,
  endpointRefusal,
  ipv6Groups,
  isIP,
  isIPv4,
  isIPv6,
  isIpLiteral,
  legacyIPv4,
  portRefusal,
  urlRefusal,
  type AdminEndpoint,
} from "../../net/address-guard";
