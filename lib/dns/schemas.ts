// zod schemas of the DNS domain: provider settings per kind, zones, and the API's views. One
// source for the API, the OpenAPI document and the forms. Browser-safe.
import { z } from "zod";
import { HostnameSchema } from "@/lib/inventory/names";
import { DEFAULT_TTL, TtlSchema } from "./records";
import { PROVIDER_KINDS, RECORD_TYPES, type DnsProviderKind } from "./types";

const HttpUrl = z.string().trim().url("a URL such as http://192.168.1.2").refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "only http and https").transform((u) => u.replace(/\/+$/, ""));
const Secret = z.string().min(1, "required").max(4096);
const AbsPath = z.string().trim().min(2).max(1024).regex(/^\/[^\0]*$/, "an absolute path");

export const Rfc2136SettingsSchema = z.object({
  server: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, "an address or a host name").describe("Address or name of the primary server"),
  port: z.number().int().min(1).max(65535).default(53),
  keyName: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9._-]+$/, "letters, digits, dots, dashes").describe("TSIG key name"),
  algorithm: z.enum(["hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha224"]).default("hmac-sha256"),
  secret: z.string().trim().regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64 (as in the key file)").max(1024).describe("TSIG secret (base64)"),
}).strict();

export const DnsmasqSettingsSchema = z.object({
  hostsFile: AbsPath.describe("The addn-hosts file Homeport writes its marked block into"),
  pidFile: AbsPath.optional().describe("dnsmasq's pid file; dnsmasq gets SIGHUP after each change"),
}).strict();

export const PiholeSettingsSchema = z.object({
  url: HttpUrl.describe("Pi-hole's web address, e.g. http://pi.hole"),
  password: Secret.describe("App password (Settings → Web interface / API)"),
}).strict();

export const AdguardSettingsSchema = z.object({
  url: HttpUrl.describe("AdGuard Home's address, e.g. http://192.168.1.3:3000"),
  username: z.string().min(1).max(256),
  password: Secret,
}).strict();

export const TechnitiumSettingsSchema = z.object({
  url: HttpUrl.describe("Technitium's web console address, e.g. http://192.168.1.4:5380"),
  token: Secret.describe("API token (Administration → Sessions → Create Token)"),
}).strict();

export const CloudflareSettingsSchema = z.object({
  apiToken: Secret.describe("API token with Zone.DNS edit permission"),
  baseUrl: HttpUrl.default("https://api.cloudflare.com/client/v4"),
}).strict();

/**
 * Per kind, the settings that decide where the provider's secret is sent (server, port, URL).
 * Moving any of them needs the secret entered again in the same request (lib/dns/store.ts).
 * dnsmasq has no secret: its files are local.
 */
export const PROVIDER_ENDPOINT_KEYS = {
  rfc2136: ["server", "port"],
  dnsmasq: [],
  pihole: ["url"],
  adguard: ["url"],
  technitium: ["url"],
  cloudflare: ["baseUrl"],
} as const satisfies Record<DnsProviderKind, readonly string[]>;

/** The endpoint settings whose value differs between `before` and `after` (unset counts as `defaults`). */
export function movedEndpointKeys(kind: DnsProviderKind, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const norm = (v: unknown) => (typeof v === "string" ? v.trim().replace(/\/+$/, "") : v === undefined || v === null ? "" : String(v));
  return PROVIDER_ENDPOINT_KEYS[kind].filter((k) => norm(before[k]) !== norm(after[k]));
}

export type Rfc2136Settings = z.infer<typeof Rfc2136SettingsSchema>;
export type DnsmasqSettings = z.infer<typeof DnsmasqSettingsSchema>;
export type PiholeSettings = z.infer<typeof PiholeSettingsSchema>;
export type AdguardSettings = z.infer<typeof AdguardSettingsSchema>;
export type TechnitiumSettings = z.infer<typeof TechnitiumSettingsSchema>;
export type CloudflareSettings = z.infer<typeof CloudflareSettingsSchema>;

export const ProviderKindSchema = z.enum(PROVIDER_KINDS);
const ProviderName = z.string().trim().min(1, "required").max(64);

export const ProviderCreateSchema = z.object({
  name: ProviderName,
  kind: ProviderKindSchema,
  settings: z.record(z.string(), z.unknown()).describe("Settings of the kind; secrets are stored encrypted and never returned"),
}).strict();
export type ProviderCreateInput = z.infer<typeof ProviderCreateSchema>;

export const ProviderUpdateSchema = z.object({
  name: ProviderName.optional(),
  settings: z.record(z.string(), z.unknown()).optional().describe("Changed settings; omit a secret to keep the stored one. Changing the server, port or URL needs the secret again"),
}).strict().refine((v) => v.name !== undefined || v.settings !== undefined, "nothing to change");
export type ProviderUpdateInput = z.infer<typeof ProviderUpdateSchema>;

export const ProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: ProviderKindSchema,
  label: z.string(),
  /** Settings without secrets. */
  settings: z.record(z.string(), z.unknown()),
  /** Names of the secrets that are set (their values never leave the server). */
  secretsSet: z.array(z.string()),
  capabilities: z.object({ types: z.array(z.enum(RECORD_TYPES)), ownership: z.enum(["marker", "ledger"]), perRecordTtl: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProviderView = z.infer<typeof ProviderSchema>;

export const ZoneRoleSchema = z.enum(["lan", "public"]).describe("lan: answers at home (→ reverse proxy); public: answers on the internet (→ tunnel)");

const zoneFields = {
  name: HostnameSchema.describe("Zone apex, e.g. home.example"),
  role: ZoneRoleSchema,
  providerId: z.string().min(1).max(64),
  target: z.array(z.string().trim().min(1).max(253)).max(16).default([])
    .describe("lan: the reverse proxy's LAN addresses; public: the tunnel target name"),
  ttl: TtlSchema.default(DEFAULT_TTL),
  autoApply: z.boolean().default(false).describe("Let the reconciler apply plans without a click"),
};

export const ZoneCreateSchema = z.object(zoneFields).strict();
export type ZoneCreateInput = z.infer<typeof ZoneCreateSchema>;
export const ZoneUpdateSchema = z.object({ target: zoneFields.target, ttl: TtlSchema, autoApply: z.boolean() }).partial().strict()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type ZoneUpdateInput = z.infer<typeof ZoneUpdateSchema>;

export const ZoneSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: ZoneRoleSchema,
  providerId: z.string(),
  providerName: z.string(),
  providerKind: ProviderKindSchema,
  target: z.array(z.string()),
  ttl: z.number().int(),
  autoApply: z.boolean(),
  lastApplyAt: z.string().nullable(),
  lastApplyOk: z.boolean().nullable(),
  lastError: z.string().nullable(),
  failures: z.number().int(),
  retryAt: z.string().nullable(),
  driftCheckedAt: z.string().nullable(),
  driftCount: z.number().int(),
});
export type ZoneView = z.infer<typeof ZoneSchema>;

export const ApplyRequestSchema = z.object({
  zoneId: z.string().min(1).max(64).optional().describe("Only this zone; all zones when omitted"),
}).strict();

export const PlanQuerySchema = z.object({ zoneId: z.string().min(1).max(64).optional() });

const RecordSetView = z.object({ name: z.string(), type: z.string(), values: z.array(z.string()), ttl: z.number() });
export const ZonePlanSchema = z.object({
  zone: z.object({ id: z.string(), name: z.string(), role: ZoneRoleSchema, providerName: z.string() }),
  error: z.string().nullable().describe("Why the plan could not be made (provider unreachable, invalid records)"),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  changes: z.array(z.object({ action: z.enum(["create", "update", "delete"]), name: z.string(), type: z.string(), before: RecordSetView.optional(), after: RecordSetView.optional() })),
  conflicts: z.array(z.object({ name: z.string(), type: z.string(), reason: z.string() })),
  foreign: z.array(RecordSetView),
  unchanged: z.number().int(),
});
export type ZonePlanView = z.infer<typeof ZonePlanSchema>;

export const ApplyResultSchema = z.object({
  zoneId: z.string(),
  zoneName: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
  outcomes: z.array(z.object({ action: z.enum(["create", "update", "delete"]), name: z.string(), type: z.string(), ok: z.boolean(), error: z.string().optional() })),
  conflicts: z.array(z.object({ name: z.string(), type: z.string(), reason: z.string() })),
});
export type ApplyResultView = z.infer<typeof ApplyResultSchema>;

export const DriftSchema = z.object({
  zone: z.object({ id: z.string(), name: z.string(), role: ZoneRoleSchema, providerName: z.string() }),
  error: z.string().nullable(),
  items: z.array(z.object({ name: z.string(), type: z.string(), kind: z.enum(["changed", "removed"]), expected: z.object({ values: z.array(z.string()), ttl: z.number() }), actual: z.object({ values: z.array(z.string()), ttl: z.number() }).optional() })),
});
export type DriftView = z.infer<typeof DriftSchema>;
