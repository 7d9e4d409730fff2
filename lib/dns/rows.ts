// The DNS tables' rows as the domain reads them: each row parsed once where it leaves the database
// (kinds and roles checked, JSON columns parsed; lib/db/rows), one record type per aggregate.
import { z } from "zod";
import { jsonColumn, rowParser, RowParseError, type RecordOf } from "@/lib/db/rows";
import { PROVIDER_KINDS } from "./catalog";
import { RECORD_TYPES } from "./types";

const SettingsObject = z.record(z.string(), z.unknown());

const providerShape = {
  id: z.string(),
  name: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  /** Settings without secrets. */
  settings: jsonColumn(SettingsObject),
  /** The sealed JSON of the secrets (lib/auth/secret-box), or null. */
  secret: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
};
export const dnsProviderRows = rowParser("DnsProvider", providerShape);
export type DnsProviderRecord = RecordOf<typeof providerShape>;

/** One applied record set in a zone's ledger. */
const LedgerEntrySchema = z.object({ name: z.string(), type: z.enum(RECORD_TYPES), values: z.array(z.string()), ttl: z.number() });

const zoneShape = {
  id: z.string(),
  name: z.string(),
  role: z.enum(["lan", "public"]),
  providerId: z.string(),
  target: jsonColumn(z.array(z.string())),
  ttl: z.number().int(),
  autoApply: z.boolean(),
  applied: jsonColumn(z.array(LedgerEntrySchema)),
  lastApplyAt: z.date().nullable(),
  lastApplyOk: z.boolean().nullable(),
  lastError: z.string().nullable(),
  failures: z.number().int(),
  retryAt: z.date().nullable(),
  driftCheckedAt: z.date().nullable(),
  driftCount: z.number().int(),
};
export const dnsZoneRows = rowParser("DnsZone", zoneShape);
export type DnsZoneRecord = RecordOf<typeof zoneShape>;
export type DnsZoneWithProvider = DnsZoneRecord & { provider: DnsProviderRecord };

type ProviderRowIn = Parameters<typeof dnsProviderRows.parse>[0];
type ZoneRowIn = Parameters<typeof dnsZoneRows.parse>[0];

export const providerFromRow = (row: ProviderRowIn): DnsProviderRecord => dnsProviderRows.parse(row);
export const zoneFromRow = (row: ZoneRowIn): DnsZoneRecord => dnsZoneRows.parse(row);
export const zoneWithProviderFromRow = (row: ZoneRowIn & { provider: ProviderRowIn }): DnsZoneWithProvider => ({ ...dnsZoneRows.parse(row), provider: dnsProviderRows.parse(row.provider) });

const SecretsColumn = jsonColumn(SettingsObject);

/** The opened secrets of a provider: the JSON inside its sealed column, as an object. */
export function parseProviderSecrets(providerId: string, opened: string): Record<string, unknown> {
  const r = SecretsColumn.safeParse(opened);
  if (r.success) return r.data;
  throw new RowParseError("DnsProvider", providerId, "secret", r.error.issues[0]?.message ?? "invalid");
}
