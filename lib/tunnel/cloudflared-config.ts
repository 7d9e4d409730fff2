// cloudflared's locally managed configuration: render config.yml, and validate ingress rules the
// way cloudflared does (ingress/ingress.go: validateIngress, validateHostname, matchHost) so a
// file Homeport writes is never one cloudflared refuses at start-up.
import { stringify } from "yaml";
import type { IngressRule } from "./types";

export const CLOUDFLARED_CONFIG_DIR = "/etc/cloudflared";
export const CLOUDFLARED_CONFIG_PATH = `${CLOUDFLARED_CONFIG_DIR}/config.yml`;
/** Where the container finds the tunnel's credentials file (config.yml names it; it holds the secret). */
export const CLOUDFLARED_CREDENTIALS_PATH = `${CLOUDFLARED_CONFIG_DIR}/credentials.json`;
export const CLOUDFLARED_CATCH_ALL: IngressRule = { service: "http_status:404" };

/** Services that are not URLs, as cloudflared accepts them. */
const SPECIAL_SERVICES = new Set(["hello_world", "hello-world", "helloworld", "bastion", "socks-proxy"]);

/** cloudflared's messages, word for word, so users can search them. */
export const CLOUDFLARED_ERRORS = {
  noRules: "The config file doesn't contain any ingress rules",
  lastNotCatchAll: "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)",
  badWildcard: 'Hostname patterns can have at most one wildcard character ("*") and it can only be used for subdomains, e.g. "*.example.com"',
  hostnameHasPort: "Hostname cannot contain a port",
} as const;

const isCatchAll = (r: IngressRule) => (!r.hostname || r.hostname === "*") && !r.path;

function validateService(service: string, index: number): string | null {
  if (service.startsWith("unix:") || service.startsWith("unix+tls:") || SPECIAL_SERVICES.has(service)) return null;
  if (service.startsWith("http_status:")) {
    const code = service.slice("http_status:".length);
    return /^\d+$/.test(code) ? null : `Rule #${index + 1}: invalid HTTP status "${code}"`;
  }
  let u: URL;
  try {
    u = new URL(service);
  } catch {
    return `${service} is an invalid address, please make sure it has a scheme and a hostname`;
  }
  if (!u.protocol || !u.hostname) return `${service} is an invalid address, please make sure it has a scheme and a hostname`;
  // Go's url.Parse keeps an explicit path (even "/"), which cloudflared refuses; Node's URL would
  // normalise it away, so look at the text after the authority.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*\//i.test(service)) {
    return `${service} is an invalid address, ingress rules don't support proxying to a different path on the origin service. The path will be the same as the eyeball request's path`;
  }
  return null;
}

/** Errors cloudflared would report for these rules; [] when it would accept them. */
export function validateCloudflaredIngress(rules: IngressRule[]): string[] {
  if (rules.length === 0) return [CLOUDFLARED_ERRORS.noRules];
  const errors: string[] = [];
  rules.forEach((r, i) => {
    if (typeof r.service !== "string" || r.service === "") errors.push(`Rule #${i + 1} has no service`);
    else {
      const e = validateService(r.service, i);
      if (e) errors.push(e);
    }
    const hostname = r.hostname ?? "";
    if (/:\d+$/.test(hostname) || /^\[.*\]:\d+$/.test(hostname)) errors.push(`Rule #${i + 1}: ${CLOUDFLARED_ERRORS.hostnameHasPort}`);
    if (hostname.lastIndexOf("*") > 0) errors.push(`Rule #${i + 1}: ${CLOUDFLARED_ERRORS.badWildcard}`);
    const last = i === rules.length - 1;
    if (last && !isCatchAll(r)) errors.push(CLOUDFLARED_ERRORS.lastNotCatchAll);
    if (!last && isCatchAll(r)) {
      errors.push(`Rule #${i + 1} is matching the hostname '${hostname}', but this will match every hostname, meaning the rules which follow it will never be triggered.`);
    }
    if (r.path) {
      try {
        new RegExp(r.path);
      } catch (err) {
        errors.push(`Rule #${i + 1} has an invalid regex: ${(err as Error).message}`);
      }
    }
  });
  return errors;
}

/** cloudflared's matchHost: exact, or a leading "*." matching any suffix. */
export function matchHost(ruleHost: string, reqHost: string): boolean {
  if (ruleHost === reqHost) return true;
  if (ruleHost.startsWith("*.")) return reqHost.endsWith(ruleHost.slice(2));
  return false;
}

/** Index of the rule cloudflared would pick (first match; the last rule catches everything). */
export function findMatchingRule(rules: IngressRule[], hostname: string, path = "/"): number {
  const host = hostname.replace(/:\d+$/, "");
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i] as IngressRule;
    const hostOk = !r.hostname || r.hostname === "*" || matchHost(r.hostname, host);
    const pathOk = !r.path || new RegExp(r.path).test(path);
    if (hostOk && pathOk) return i;
  }
  return rules.length - 1;
}

export interface CloudflaredConfigInput {
  tunnelId: string;
  /** Path of the credentials JSON inside the connector's container. */
  credentialsFile: string;
  rules: IngressRule[];
}

/** config.yml for `cloudflared tunnel --config … run`. Throws if cloudflared would refuse it. */
export function renderCloudflaredConfig(input: CloudflaredConfigInput): string {
  const errors = validateCloudflaredIngress(input.rules);
  if (errors.length > 0) throw new Error(`cloudflared would refuse this config: ${errors.join("; ")}`);
  const header = "# Written by Homeport from its Routes; changes made here are replaced on the next apply.\n";
  return header + stringify({ tunnel: input.tunnelId, "credentials-file": input.credentialsFile, ingress: input.rules }, { lineWidth: 0 });
}
