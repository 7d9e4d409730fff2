// DNS providers and zones in the database: CRUD with audit, secrets sealed at rest (never in a
// view), and the provider context (settings + opened secrets) the providers are called with.
import { isIP } from "node:net";
import { z } from "zod";
import type { Db, Prisma } from "@/lib/db";
import { DomainError, invalidFromZod, notFound } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { normalizeHostname } from "@/lib/inventory/names";
import { dnsProviderDescriptor } from "./catalog";
import { getDnsProvider } from "./providers";
import { parseProviderSecrets, providerFromRow, zoneWithProviderFromRow, type DnsProviderRecord, type DnsZoneWithProvider } from "./rows";
import {
  ProviderSchema, ZoneSchema, movedEndpointKeys, type ProviderCreateInput, type ProviderUpdateInput, type ProviderView,
  type ZoneCreateInput, type ZoneUpdateInput, type ZoneView,
} from "./schemas";
import type { DnsProviderDescriptor } from "./descriptor";
import type { DnsProviderKind } from "./types";

/** A zone as read from the database, with its provider (lib/dns/rows.ts). */
export type ZoneRow = DnsZoneWithProvider;

/** Every kind's settings are an object (its schema is a z.object). */
const SettingsObject = z.record(z.string(), z.unknown());

/** Parses settings for a kind; zod issues become a 422 with paths under `settings.`. */
function parseSettings(def: DnsProviderDescriptor, settings: Record<string, unknown>): Record<string, unknown> {
  const r = def.settingsSchema.safeParse(settings);
  if (!r.success) {
    const e = invalidFromZod(r.error);
    throw new DomainError("invalid", `settings.${e.message}`, { issues: e.issues?.map((i) => ({ ...i, path: `settings.${i.path}` })) });
  }
  return SettingsObject.parse(r.data);
}

function split(def: DnsProviderDescriptor, settings: Record<string, unknown>): { plain: Record<string, unknown>; secret: Record<string, unknown> } {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) (def.secretKeys.includes(k) ? secret : plain)[k] = v;
  return { plain, secret };
}

/** Endpoint URLs are shown in views: credentials in them would leak, so they go in the secret fields. */
function refuseUrlCredentials(kind: DnsProviderKind, settings: Record<string, unknown>): void {
  for (const k of dnsProviderDescriptor(kind).endpointKeys) {
    const v = settings[k];
    if (typeof v !== "string" || !URL.canParse(v)) continue;
    const u = new URL(v);
    if (u.username || u.password) {
      const message = "credentials do not belong in the URL (it is shown to every reader); use the secret field";
      throw new DomainError("invalid", `settings.${k}: ${message}`, { issues: [{ path: `settings.${k}`, message }] });
    }
  }
}

/**
 * A stored secret only ever goes to the endpoint it was entered for: changing the server, port
 * or URL needs every stored secret of the kind in the same request (422 naming each one).
 */
function requireSecretsForMove(def: DnsProviderDescriptor<DnsProviderKind>, storedPlain: Record<string, unknown>, next: Record<string, unknown>, storedSecrets: Record<string, unknown>, given: Record<string, unknown>): void {
  const moved = movedEndpointKeys(def.kind, storedPlain, next);
  if (moved.length === 0) return;
  const missing = def.secretKeys.filter((k) => k in storedSecrets && !(k in given));
  if (missing.length === 0) return;
  const what = moved.join(" and ");
  const issues = missing.map((k) => ({ path: `settings.${k}`, message: `required when the ${what} changes: the stored secret is never sent to a new address` }));
  throw new DomainError("invalid", `settings.${missing[0]}: ${issues[0]!.message}`, { issues });
}

function openSecrets(row: DnsProviderRecord): Record<string, unknown> {
  return row.secret ? parseProviderSecrets(row.id, openSecret(row.secret)) : {};
}

/** The full settings of a stored provider, secrets included (server-side only). */
export function providerSettings(row: DnsProviderRecord): unknown {
  const def = getDnsProvider(row.kind);
  return def.settingsSchema.parse({ ...row.settings, ...openSecrets(row) });
}

export function toProviderView(row: DnsProviderRecord): ProviderView {
  const def = dnsProviderDescriptor(row.kind);
  return ProviderSchema.parse({
    id: row.id,
    name: row.name,
    kind: row.kind,
    label: def.label,
    settings: row.settings,
    secretsSet: Object.keys(openSecrets(row)).filter((k) => def.secretKeys.includes(k)),
    capabilities: { ...def.capabilities, types: [...def.capabilities.types] },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

export async function listProviders(db: Db): Promise<ProviderView[]> {
  return (await db.dnsProvider.findMany({ orderBy: { name: "asc" } })).map((r) => toProviderView(providerFromRow(r)));
}

export async function getProviderRowOrThrow(db: Db | Prisma.TransactionClient, id: string): Promise<DnsProviderRecord> {
  const row = await db.dnsProvider.findUnique({ where: { id } });
  if (!row) throw notFound("DNS provider");
  return providerFromRow(row);
}

export async function createProvider(db: Db, input: ProviderCreateInput, actor: AuditActor, meta: AuditOrigin): Promise<ProviderView> {
  const def = dnsProviderDescriptor(input.kind);
  const parsed = parseSettings(def, input.settings);
  refuseUrlCredentials(input.kind, parsed);
  const { plain, secret } = split(def, parsed);
  return db.$transaction(async (tx) => {
    const row = await tx.dnsProvider.create({
      data: { name: input.name, kind: input.kind, settings: JSON.stringify(plain), secret: Object.keys(secret).length ? sealSecret(JSON.stringify(secret)) : null },
    });
    await recordAudit(tx, { actor, action: "dns.provider.create", target: { type: "dns_provider", id: row.id }, details: { name: row.name, kind: row.kind }, meta });
    return toProviderView(providerFromRow(row));
  });
}

export async function updateProvider(db: Db, id: string, input: ProviderUpdateInput, actor: AuditActor, meta: AuditOrigin): Promise<ProviderView> {
  return db.$transaction(async (tx) => {
    const row = await getProviderRowOrThrow(tx, id);
    const def = dnsProviderDescriptor(row.kind);
    const data: Prisma.DnsProviderUpdateInput = { name: input.name };
    if (input.settings) {
      // Omitted or empty secrets keep the stored ones: the browser never has them to send back.
      const given = Object.fromEntries(Object.entries(input.settings).filter(([k, v]) => !(def.secretKeys.includes(k) && (v === undefined || v === ""))));
      const storedPlain = row.settings;
      const storedSecrets = openSecrets(row);
      const parsed = parseSettings(def, { ...storedPlain, ...storedSecrets, ...given });
      refuseUrlCredentials(def.kind, parsed);
      requireSecretsForMove(def, storedPlain, parsed, storedSecrets, given);
      const { plain, secret } = split(def, parsed);
      data.settings = JSON.stringify(plain);
      data.secret = Object.keys(secret).length ? sealSecret(JSON.stringify(secret)) : null;
    }
    const updated = await tx.dnsProvider.update({ where: { id }, data });
    await recordAudit(tx, { actor, action: "dns.provider.update", target: { type: "dns_provider", id }, details: { changed: [...(input.name ? ["name"] : []), ...Object.keys(input.settings ?? {}).map((k) => `settings.${k}`)] }, meta });
    return toProviderView(providerFromRow(updated));
  });
}

export async function deleteProvider(db: Db, id: string, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await getProviderRowOrThrow(tx, id);
    await tx.dnsProvider.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "dns.provider.delete", target: { type: "dns_provider", id }, details: { name: row.name }, meta });
  });
}

/** Runs the provider's connection test; failures come back as `{ ok: false, message }`. */
export async function testProvider(db: Db, id: string, zoneName?: string): Promise<{ ok: boolean; message: string }> {
  const row = await getProviderRowOrThrow(db, id);
  const def = getDnsProvider(row.kind);
  const zone = zoneName ?? (await db.dnsZone.findFirst({ where: { providerId: id }, orderBy: { name: "asc" } }))?.name;
  try {
    return { ok: true, message: await def.testConnection({ settings: providerSettings(row) }, zone ? { name: zone } : undefined) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

// ── zones ──

const zoneInclude = { provider: true } as const;

export function toZoneView(z: ZoneRow): ZoneView {
  return ZoneSchema.parse({
    id: z.id, name: z.name, role: z.role, providerId: z.providerId, providerName: z.provider.name, providerKind: z.provider.kind,
    target: z.target, ttl: z.ttl, autoApply: z.autoApply,
    lastApplyAt: z.lastApplyAt?.toISOString() ?? null, lastApplyOk: z.lastApplyOk, lastError: z.lastError, failures: z.failures,
    retryAt: z.retryAt?.toISOString() ?? null, driftCheckedAt: z.driftCheckedAt?.toISOString() ?? null, driftCount: z.driftCount,
  });
}

/** Checks a zone's target for its role: LAN → IP addresses the provider can serve; public → one name. */
function validateTarget(role: string, target: string[], def: DnsProviderDescriptor): string[] {
  const issue = (message: string, i = 0) => new DomainError("invalid", `target: ${message}`, { issues: [{ path: `target.${i}`, message }] });
  if (role === "lan") {
    return target.map((t, i) => {
      const v = isIP(t);
      if (v === 0) throw issue(`"${t}" is not an IP address (the LAN zone points at the reverse proxy's addresses)`, i);
      if (!def.capabilities.types.includes(v === 4 ? "A" : "AAAA")) throw issue(`${def.label} cannot serve ${v === 4 ? "A" : "AAAA"} records`, i);
      return v === 6 ? new URL(`http://[${t}]/`).hostname.slice(1, -1) : t;
    });
  }
  if (target.length > 1) throw issue("a public zone has one tunnel target");
  if (target.length === 1 && !def.capabilities.types.includes("CNAME")) throw issue(`${def.label} cannot serve CNAME records`);
  return target.map((t) => {
    const r = normalizeHostname(t);
    if (!r.ok) throw issue(`tunnel target: ${r.error}`);
    return r.value;
  });
}

export async function listZones(db: Db): Promise<ZoneView[]> {
  return (await db.dnsZone.findMany({ include: zoneInclude, orderBy: [{ name: "asc" }, { role: "asc" }] })).map((r) => toZoneView(zoneWithProviderFromRow(r)));
}

export async function getZoneRowOrThrow(db: Db | Prisma.TransactionClient, id: string): Promise<ZoneRow> {
  const row = await db.dnsZone.findUnique({ where: { id }, include: zoneInclude });
  if (!row) throw notFound("DNS zone");
  return zoneWithProviderFromRow(row);
}

export async function createZone(db: Db, input: ZoneCreateInput, actor: AuditActor, meta: AuditOrigin): Promise<ZoneView> {
  return db.$transaction(async (tx) => {
    const provider = await tx.dnsProvider.findUnique({ where: { id: input.providerId } });
    if (!provider) throw new DomainError("invalid", "providerId: no such DNS provider", { issues: [{ path: "providerId", message: "unknown provider" }] });
    const target = validateTarget(input.role, input.target, dnsProviderDescriptor(providerFromRow(provider).kind));
    const row = await tx.dnsZone.create({ data: { name: input.name, role: input.role, providerId: input.providerId, target: JSON.stringify(target), ttl: input.ttl, autoApply: input.autoApply }, include: zoneInclude });
    await recordAudit(tx, { actor, action: "dns.zone.create", target: { type: "dns_zone", id: row.id }, details: { name: row.name, role: row.role, provider: provider.name }, meta });
    return toZoneView(zoneWithProviderFromRow(row));
  });
}

export async function updateZone(db: Db, id: string, input: ZoneUpdateInput, actor: AuditActor, meta: AuditOrigin): Promise<ZoneView> {
  return db.$transaction(async (tx) => {
    const cur = await getZoneRowOrThrow(tx, id);
    const target = input.target ? validateTarget(cur.role, input.target, dnsProviderDescriptor(cur.provider.kind)) : undefined;
    const row = await tx.dnsZone.update({ where: { id }, data: { ttl: input.ttl, autoApply: input.autoApply, ...(target ? { target: JSON.stringify(target) } : {}) }, include: zoneInclude });
    await recordAudit(tx, { actor, action: "dns.zone.update", target: { type: "dns_zone", id }, details: { changed: Object.keys(input) }, meta });
    return toZoneView(zoneWithProviderFromRow(row));
  });
}

export async function deleteZone(db: Db, id: string, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  await db.$transaction(async (tx) => {
    const cur = await getZoneRowOrThrow(tx, id);
    await tx.dnsZone.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "dns.zone.delete", target: { type: "dns_zone", id }, details: { name: cur.name, note: "records already in the provider are left in place" }, meta });
  });
}
