// How each provider kind's settings appear in the form (labels, input types, which are secret).
// Validation stays with the server's zod schemas (lib/dns/schemas.ts); errors come back per field.
import type { DnsProviderKind } from "@/lib/dns/types";

export interface FieldSpec {
  key: string;
  label: string;
  placeholder?: string;
  hint?: string;
  secret?: boolean;
  number?: boolean;
  optional?: boolean;
}

export const KIND_LABELS: Record<DnsProviderKind, string> = {
  rfc2136: "RFC 2136 (BIND9, Knot, PowerDNS)",
  dnsmasq: "dnsmasq (hosts file)",
  pihole: "Pi-hole v6",
  adguard: "AdGuard Home",
  technitium: "Technitium DNS",
  cloudflare: "Cloudflare DNS",
};

export const PROVIDER_FIELDS: Record<DnsProviderKind, FieldSpec[]> = {
  rfc2136: [
    { key: "server", label: "Server", placeholder: "192.168.1.2" },
    { key: "port", label: "Port", placeholder: "53", number: true, optional: true },
    { key: "keyName", label: "TSIG key name", placeholder: "homeport" },
    { key: "secret", label: "TSIG secret (base64)", secret: true, hint: "From `tsig-keygen homeport`; allow-update and allow-transfer need this key." },
  ],
  dnsmasq: [
    { key: "hostsFile", label: "Hosts file", placeholder: "/etc/dnsmasq.d/homeport.hosts", hint: "An addn-hosts file; Homeport only edits its own marked block." },
    { key: "pidFile", label: "Pid file", placeholder: "/run/dnsmasq/dnsmasq.pid", optional: true, hint: "dnsmasq gets SIGHUP after each change." },
  ],
  pihole: [
    { key: "url", label: "Address", placeholder: "http://pi.hole" },
    { key: "password", label: "App password", secret: true },
  ],
  adguard: [
    { key: "url", label: "Address", placeholder: "http://192.168.1.3:3000" },
    { key: "username", label: "User name" },
    { key: "password", label: "Password", secret: true },
  ],
  technitium: [
    { key: "url", label: "Address", placeholder: "http://192.168.1.4:5380" },
    { key: "token", label: "API token", secret: true },
  ],
  cloudflare: [
    { key: "apiToken", label: "API token", secret: true, hint: "Needs Zone → DNS → Edit for the zone." },
    { key: "baseUrl", label: "API address", placeholder: "https://api.cloudflare.com/client/v4", optional: true },
  ],
};
