// The DNS provider implementations, one line per kind (server-only; their descriptors are in
// lib/dns/catalog.ts). Typed `Record<DnsProviderKind, …>`, so a kind in the catalog without its
// implementation fails to compile.
import type { DnsProviderDefinition, DnsProviderKind } from "../types";
import { adguardProvider } from "./adguard/provider";
import { cloudflareProvider } from "./cloudflare/provider";
import { dnsmasqProvider } from "./dnsmasq/provider";
import { piholeProvider } from "./pihole/provider";
import { rfc2136Provider } from "./rfc2136/provider";
import { technitiumProvider } from "./technitium/provider";

export const DNS_PROVIDERS: Record<DnsProviderKind, DnsProviderDefinition<never>> = {
  rfc2136: rfc2136Provider as DnsProviderDefinition<never>,
  dnsmasq: dnsmasqProvider as DnsProviderDefinition<never>,
  pihole: piholeProvider as DnsProviderDefinition<never>,
  adguard: adguardProvider as DnsProviderDefinition<never>,
  technitium: technitiumProvider as DnsProviderDefinition<never>,
  cloudflare: cloudflareProvider as DnsProviderDefinition<never>,
};

/** The provider of a kind, with its settings type erased (settings are parsed by its own schema). */
export function getDnsProvider(kind: DnsProviderKind): DnsProviderDefinition<unknown> {
  return DNS_PROVIDERS[kind] as unknown as DnsProviderDefinition<unknown>;
}
