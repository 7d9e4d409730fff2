// zod schemas of the DNS domain: provider settings per kind, zones, and the API's views. One
// source for the API, the OpenAPI document and the forms. Browser-safe.
import { z } from "zod";
import { HostnameSchema } from "@/lib/inventory/names";
import { DEFAULT_TTL, TtlSchema } from "./records";
import { DNS_PROVIDER_CATALOG, PROVIDER_KINDS, type DnsProviderKind } from "./catalog";
import { RECORD_TYPES } from "./types";

export { Rfc2136SettingsSchema, type Rfc2136Settings } from "./providers/rfc2136/descriptor";
export { DnsmasqSettingsSchema, type DnsmasqSettings } from "./providers/dnsmasq/descriptor";
export { PiholeSettingsSchema, type PiholeSettings } from "./providers/pihole/descriptor";
export { AdguardSettingsSchema, type AdguardSettings } from "./providers/adguard/descriptor";
export { TechnitiumSettingsSchema, type TechnitiumSettings } from "./providers/technitium/descriptor";
export { CloudflareSettingsSchema, type CloudflareSettings } from "./providers/cloudflare/descriptor";

/** The endpoint settings whose value differs between `before` and `after` (unset counts as `defaults`). */
export function movedEndpointKeys(kind: DnsProviderKind, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const norm = (v: unknown) => (typeof v === "string" ? v.trim().replace(/\/+$/, "") : v === undefined || v === null ? "" : String(v));
  return DNS_PROVIDER_CATALOG[kind].endpointKeys.filter((k) => norm(before[k]) !== norm(after[k]));
}

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
