// A self-hosted edge (an internet-facing Caddy whose admin API Homeport manages): what the server
// and the form know of it. Remote mode only.
import { defineTunnelKind, type TunnelFieldIssue } from "../../descriptor";

const DNS_NAME_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

export const caddyEdgeDescriptor = defineTunnelKind({
  kind: "caddy-edge",
  label: "Self-hosted edge (Caddy)",
  description: "An internet-facing Caddy (a small VPS) whose admin API Homeport manages: one route per remotely exposed hostname, forwarding to your reverse proxy.",
  intro: {
    title: "A Caddy on a small VPS as your edge",
    text: "Homeport manages the edge through Caddy's admin API: it adds a server named homeport-edge on the edge's HTTPS port with one route per remotely exposed hostname, forwarding to your reverse proxy with the hostname as Host and TLS name. Your own sites on the edge are left alone; unknown hostnames get a 404. Public records CNAME each hostname to the edge's DNS name (not proxied), and the edge gets its certificates itself.",
  },
  modes: ["remote"],
  modeLabels: { remote: "Managed through the admin API" },
  fields: [
    { key: "apiBaseUrl", label: "Admin API URL", help: "The edge Caddy's admin API as Homeport reaches it, e.g. http://203.0.113.10:2019 (keep it off the internet: a VPN or a proxy with auth)", required: true, wide: true },
    { key: "externalId", label: "Edge DNS name", help: "The edge's public name, e.g. edge.example.org; public records point here", required: true },
    { key: "originUrl", label: "Reverse proxy address", help: "As the edge reaches Caddy at home, e.g. https://198.51.100.1:443. TLS to it is not verified: the LAN proxy's certificates come from its internal CA, so keep this link private (WireGuard).", required: true },
    { key: "credentials", label: "Admin API credentials", help: "A bearer token or user:password if a proxy fronts the admin API. Stored encrypted; never shown again", required: false, wide: true },
  ],
  check: (t) => {
    const issues: TunnelFieldIssue[] = [];
    if (!DNS_NAME_RE.test(t.externalId.replace(/\.$/, ""))) issues.push({ path: "externalId", message: "the edge's public DNS name, e.g. edge.example.org" });
    if (!t.apiBaseUrl) issues.push({ path: "apiBaseUrl", message: "the edge Caddy's admin API URL, e.g. http://203.0.113.10:2019" });
    if (t.accountId) issues.push({ path: "accountId", message: "not used by a self-hosted edge; leave it empty" });
    return issues;
  },
  examples: {
    remote: { mode: "remote", accountId: null, externalId: "edge.example.org", credentials: "edge-example-admin-token-77c2", apiBaseUrl: "http://203.0.113.10:2019", originUrl: "https://198.51.100.1:443" },
  },
});
