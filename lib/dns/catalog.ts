// The DNS provider catalog: every provider kind's descriptor, one line each. Browser-safe: the
// forms render from it and the server validates and seals settings by it (the implementations
// are registered by kind in lib/dns/providers/index.ts). A new provider: one folder under
// lib/dns/providers and one line here and there.
import type { DnsProviderDescriptor } from "./descriptor";
import { adguardDescriptor } from "./providers/adguard/descriptor";
import { cloudflareDescriptor } from "./providers/cloudflare/descriptor";
import { dnsmasqDescriptor } from "./providers/dnsmasq/descriptor";
import { piholeDescriptor } from "./providers/pihole/descriptor";
import { rfc2136Descriptor } from "./providers/rfc2136/descriptor";
import { technitiumDescriptor } from "./providers/technitium/descriptor";

const catalog = {
  rfc2136: rfc2136Descriptor,
  dnsmasq: dnsmasqDescriptor,
  pihole: piholeDescriptor,
  adguard: adguardDescriptor,
  technitium: technitiumDescriptor,
  cloudflare: cloudflareDescriptor,
} as const;

/** Provider kinds: the catalog's keys, so a kind without a descriptor cannot exist. */
export type DnsProviderKind = keyof typeof catalog;

/** Every kind's descriptor, each registered under its own kind (checked at compile time). */
export const DNS_PROVIDER_CATALOG: { readonly [K in DnsProviderKind]: DnsProviderDescriptor<K> } = catalog;

/** The kinds in the catalog's order (what the form offers first). */
export const PROVIDER_KINDS = Object.keys(catalog) as [DnsProviderKind, ...DnsProviderKind[]];

export function dnsProviderDescriptor(kind: DnsProviderKind): DnsProviderDescriptor<DnsProviderKind> {
  return DNS_PROVIDER_CATALOG[kind];
}
