// Cloudflare Tunnel: what the server and the form know of it (remote: rules kept through
// Cloudflare's API; local: a generated cloudflared config.yml deployed through the host's agent).
import { defineTunnelKind, type TunnelFieldIssue } from "../../descriptor";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const cloudflareTunnelDescriptor = defineTunnelKind({
  kind: "cloudflare",
  label: "Cloudflare Tunnel",
  description: "A Cloudflare Tunnel: its ingress rules kept through Cloudflare's API, or in a config.yml for a cloudflared that Homeport runs on one of your hosts.",
  modes: ["remote", "local"],
  modeLabels: { remote: "Remotely managed", local: "Locally managed" },
  modeHelp: "Remote: rules kept in Cloudflare via its API. Local: a generated config.yml.",
  fields: [
    { key: "externalId", label: "Tunnel ID", help: "The tunnel's UUID", required: true },
    { key: "accountId", label: "Account ID", required: true, byMode: { local: { required: false } } },
    { key: "originUrl", label: "Reverse proxy address", help: "As cloudflared reaches Caddy, e.g. https://192.168.1.10:443", required: true },
    {
      key: "credentials", label: "API token", help: "With Cloudflare Tunnel edit rights. Stored encrypted; never shown again", required: true, wide: true,
      byMode: { local: { label: "Credentials JSON", help: "The tunnel's credentials file (cloudflared tunnel create writes it). Stored encrypted; never shown again", multiline: true } },
    },
  ],
  check: (t) => {
    const issues: TunnelFieldIssue[] = [];
    if (!UUID_RE.test(t.externalId)) issues.push({ path: "externalId", message: "the tunnel's UUID" });
    if (t.mode === "remote" && !t.accountId) issues.push({ path: "accountId", message: "a remotely managed tunnel needs the account id" });
    if (t.credentials === "") issues.push({ path: "credentials", message: "required: an API token (remote) or the credentials JSON (local)" });
    return issues;
  },
  examples: {
    remote: { mode: "remote", accountId: "023e105f4ecef8ad9ca31a8372d0c353", externalId: "6ff42ae2-765d-4adf-8112-31c55c1551ef", credentials: "cloudflare-example-api-token-3e1f", apiBaseUrl: null, originUrl: "https://192.168.1.10:443" },
    local: { mode: "local", accountId: null, externalId: "6ff42ae2-765d-4adf-8112-31c55c1551ef", credentials: '{"AccountTag":"023e105f4ecef8ad9ca31a8372d0c353","TunnelSecret":"Y2xvdWRmbGFyZS1leGFtcGxlLXNlY3JldA==","TunnelID":"6ff42ae2-765d-4adf-8112-31c55c1551ef"}', apiBaseUrl: null, originUrl: "https://192.168.1.10:443" },
  },
});
