// The DNS provider registry: one line per kind. Typed `Record<DnsProviderKind, …>`, so adding a
// kind to PROVIDER_KINDS without its provider fails to compile.
import type { DnsProviderDefinition, DnsProviderKind } from "../types";
import { adguardProvider } from "./adguard";
import { cloudflareProvider } from "./cloudflare";
import { dnsmasqProvider } from "./dnsmasq";
import { piholeProvider } from "./pihole";
import { rfc2136Provider } from "./rfc2136";
import { technitiumProvider } from "./technitium";

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
