// The DNS domain: providers (lib/dns/providers), split-horizon records derived from Routes,
// plan/apply/drift and the reconciler. Other domains import DNS only from here.
export * from "./types";
export * from "./catalog";
export * from "./descriptor";
export * from "./rows";
export * from "./errors";
export * from "./records";
export * from "./schemas";
export * from "./plan";
export * from "./desired";
export * from "./backoff";
export { DNS_PROVIDERS, getDnsProvider } from "./providers";
export { CHANGES_PER_MESSAGE as CHANGES_PER_MESSAGE_RFC2136 } from "./providers/rfc2136/provider";
export * from "./store";
export * from "./apply";
export * from "./reconciler";
