// Plan, apply and drift against the real providers: derives desired records from the Routes,
// reads each zone back, plans (pure, lib/dns/plan.ts), applies, and keeps the ledger and the
// zone's status. A provider that fails keeps the desired state and gets a retry time.
import { routeRows } from "@/lib/routes/record";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { recordAudit, type AuditActor } from "@/lib/audit";
import { log } from "@/lib/log";
import { retryDelayMs } from "./backoff";
import { deriveDesiredRecords, type DeriveOptions } from "./desired";
import { DnsProviderError, reasonOf } from "./errors";
import { detectDrift, planZone, type DriftItem, type ZonePlan } from "./plan";
import { getDnsProvider } from "./providers";
import { setKey, type RecordIssue } from "./records";
import type { ApplyResultView, DriftView, ZonePlanView } from "./schemas";
import { providerSettings, type ZoneRow } from "./store";
import { zoneFromRow, zoneWithProviderFromRow } from "./rows";
import type { DnsProviderDefinition, ObservedRecordSet, RecordChange, RecordSet } from "./types";

/** Options shared by plan/apply/drift; the tunnel domain passes its targets here. */
export type DnsRunOptions = DeriveOptions & { zoneId?: string };

interface ZoneWork {
  zone: ZoneRow;
  def: DnsProviderDefinition<unknown>;
  settings: unknown;
  desired: RecordSet[];
  issues: RecordIssue[];
  applied: RecordSet[];
  observed?: ObservedRecordSet[];
  plan?: ZonePlan;
  error: string | null;
}

const zoneHeader = (z: ZoneRow) => ({ id: z.id, name: z.name, role: z.role, providerName: z.provider.name });
const view = (s: RecordSet) => ({ name: s.name, type: s.type, values: s.values, ttl: s.ttl });

/** Reads a zone from its provider, with the stored settings. */
async function readZone(zone: ZoneRow): Promise<{ settings: unknown; observed: ObservedRecordSet[] }> {
  const settings = providerSettings(zone.provider);
  const observed = await getDnsProvider(zone.provider.kind).listRecords({ settings }, { name: zone.name });
  return { settings, observed };
}

/** Loads zones, derives their desired records and reads each provider (in parallel per zone). */
async function prepare(db: Db, opts: DnsRunOptions): Promise<ZoneWork[]> {
  const zones = (await db.dnsZone.findMany({ where: opts.zoneId ? { id: opts.zoneId } : {}, include: { provider: true }, orderBy: [{ name: "asc" }, { role: "asc" }] })).map(zoneWithProviderFromRow);
  if (opts.zoneId && zones.length === 0) throw new DomainError("not_found", "DNS zone not found");
  // Provider reads start at once, in parallel with the database reads that derive the desired state.
  const reads = new Map(zones.map((zone) => [zone.id, readZone(zone)]));
  for (const r of reads.values()) r.catch(() => undefined);
  const allZones = opts.zoneId ? (await db.dnsZone.findMany()).map(zoneFromRow) : zones;
  const routes = (await db.route.findMany({ select: { id: true, hostname: true, exposure: true } })).map((r) => routeRows.columns(r));
  const derived = deriveDesiredRecords(routes, allZones.map((z) => ({ id: z.id, name: z.name, role: z.role, target: z.target, ttl: z.ttl })), opts);
  return Promise.all(zones.map(async (zone): Promise<ZoneWork> => {
    const def = getDnsProvider(zone.provider.kind);
    const d = derived.get(zone.id) ?? { records: [], issues: [] };
    const issues = [...d.issues];
    const desired = d.records.filter((r) => {
      if (def.capabilities.types.includes(r.type)) return true;
      issues.push({ path: `routes.${r.name}`, message: `${def.label} cannot serve ${r.type} records (${r.name})` });
      return false;
    });
    const applied: RecordSet[] = zone.applied;
    const work: ZoneWork = { zone, def, settings: undefined, desired, issues, applied, error: null };
    try {
      ({ settings: work.settings, observed: work.observed } = await reads.get(zone.id)!);
      work.plan = planZone(desired, work.observed, {
        compareTtl: def.capabilities.perRecordTtl,
        ledger: def.capabilities.ownership === "ledger" ? new Set(applied.map(setKey)) : undefined,
      });
    } catch (err) {
      work.error = reasonOf(err);
    }
    return work;
  }));
}

function toPlanView(w: ZoneWork): ZonePlanView {
  return {
    zone: zoneHeader(w.zone),
    error: w.error,
    issues: w.issues,
    changes: (w.plan?.changes ?? []).map((c) => ({ action: c.action, name: c.name, type: c.type, ...(c.before ? { before: view(c.before) } : {}), ...(c.after ? { after: view(c.after) } : {}) })),
    conflicts: (w.plan?.conflicts ?? []).map((c) => ({ name: c.desired.name, type: c.desired.type, reason: c.reason })),
    foreign: (w.plan?.foreign ?? []).map(view),
    unchanged: w.plan?.unchanged ?? 0,
  };
}

/** The plan of every zone (or one), like `terraform plan`: nothing is changed. */
export async function planDns(db: Db, opts: DnsRunOptions = {}): Promise<ZonePlanView[]> {
  return (await prepare(db, opts)).map(toPlanView);
}

async function recordFailure(db: Db, zone: ZoneRow, reason: string, retryAfterS?: number, applied?: string): Promise<void> {
  const failures = zone.failures + 1;
  await db.dnsZone.update({ where: { id: zone.id }, data: { applied, failures, lastApplyAt: new Date(), lastApplyOk: false, lastError: reason, retryAt: new Date(Date.now() + retryDelayMs(failures, retryAfterS)) } });
}

/** The ledger after an apply: the previous one with every successful change folded in. */
export function nextLedger(previous: RecordSet[], applied: RecordChange[]): RecordSet[] {
  const byKey = new Map(previous.map((r) => [setKey(r), r]));
  for (const c of applied) {
    if (c.action === "delete") byKey.delete(setKey(c));
    else byKey.set(setKey(c), { name: c.name, type: c.type, values: c.after!.values, ttl: c.after!.ttl });
  }
  return [...byKey.values()].sort((x, y) => x.name.localeCompare(y.name) || x.type.localeCompare(y.type));
}

/** Applies one prepared zone and returns its result; never throws for provider failures. */
async function applyZone(db: Db, w: ZoneWork): Promise<ApplyResultView> {
  const base = { zoneId: w.zone.id, zoneName: w.zone.name, conflicts: toPlanView(w).conflicts };
  if (w.error || !w.plan) {
    await recordFailure(db, w.zone, w.error ?? "no plan");
    return { ...base, ok: false, error: w.error, outcomes: [] };
  }
  if (w.plan.changes.length === 0) {
    await db.dnsZone.update({ where: { id: w.zone.id }, data: { failures: 0, retryAt: null, lastApplyOk: true, lastError: null, lastApplyAt: new Date() } });
    return { ...base, ok: true, error: null, outcomes: [] };
  }
  try {
    const outcomes = await w.def.applyChanges({ settings: w.settings }, { name: w.zone.name }, w.plan.changes);
    const applied = JSON.stringify(nextLedger(w.applied, outcomes.filter((x) => x.ok).map((x) => x.change)));
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length > 0) await recordFailure(db, w.zone, `${failed.length} of ${outcomes.length} changes failed: ${failed[0]!.error}`, undefined, applied);
    else await db.dnsZone.update({ where: { id: w.zone.id }, data: { applied, failures: 0, retryAt: null, lastApplyOk: true, lastError: null, lastApplyAt: new Date(), driftCount: 0 } });
    return {
      ...base,
      ok: failed.length === 0,
      error: failed.length ? `${failed.length} of ${outcomes.length} changes failed` : null,
      outcomes: outcomes.map((o) => ({ action: o.change.action, name: o.change.name, type: o.change.type, ok: o.ok, ...(o.error ? { error: o.error } : {}) })),
    };
  } catch (err) {
    const reason = reasonOf(err);
    await recordFailure(db, w.zone, reason, err instanceof DnsProviderError ? err.retryAfterS : undefined);
    log.warn("dns", "apply failed", { zone: w.zone.name, provider: w.zone.provider.name, error: reason });
    return { ...base, ok: false, error: reason, outcomes: w.plan.changes.map((c) => ({ action: c.action, name: c.name, type: c.type, ok: false, error: reason })) };
  }
}

/**
 * Applies the plan of every zone (or one). Invalid desired records (hostnames, TTLs, values)
 * refuse the whole call with 422 before anything is applied. Idempotent: a second call has
 * nothing to do. Provider failures are reported per zone and scheduled for a retry.
 */
export async function applyDns(db: Db, actor: AuditActor, opts: DnsRunOptions = {}): Promise<ApplyResultView[]> {
  const work = await prepare(db, opts);
  const issues = work.flatMap((w) => w.issues.map((i) => ({ path: `${w.zone.name}.${i.path}`, message: i.message })));
  if (issues.length > 0) throw new DomainError("invalid", `Nothing applied: ${issues[0]!.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}`, { issues });
  const results: ApplyResultView[] = [];
  for (const w of work) results.push(await applyZone(db, w));
  await recordAudit(db, {
    actor,
    action: "dns.apply",
    target: opts.zoneId ? { type: "dns_zone", id: opts.zoneId } : undefined,
    details: { zones: results.map((r) => ({ zone: r.zoneName, ok: r.ok, changes: r.outcomes.length, failed: r.outcomes.filter((o) => !o.ok).length, error: r.error })) },
  });
  return results;
}

/** Drift of every zone (or one): owned records changed or removed by hand since Homeport applied them. */
export async function driftDns(db: Db, opts: DnsRunOptions = {}): Promise<DriftView[]> {
  const work = await prepare(db, opts);
  const out: DriftView[] = [];
  for (const w of work) {
    const items: DriftItem[] = w.observed ? detectDrift(w.applied, w.observed.map((o) => ({ ...o, owned: o.owned ?? true })), { compareTtl: w.def.capabilities.perRecordTtl }) : [];
    if (w.observed) await db.dnsZone.update({ where: { id: w.zone.id }, data: { driftCheckedAt: new Date(), driftCount: items.length } });
    out.push({ zone: zoneHeader(w.zone), error: w.error, items: items.map((i) => ({ ...i, type: i.type })) });
  }
  return out;
}

/** For the reconciler: applies zones whose retry is due or that apply automatically with changes. */
export async function reconcileDueZones(db: Db, now: Date, opts: DeriveOptions = {}): Promise<ApplyResultView[]> {
  const due = await db.dnsZone.findMany({ where: { OR: [{ retryAt: { lte: now } }, { autoApply: true }] } });
  const results: ApplyResultView[] = [];
  for (const z of due) {
    if (z.autoApply && !z.retryAt) {
      const [plan] = await planDns(db, { ...opts, zoneId: z.id });
      if (!plan || (plan.changes.length === 0 && !plan.error)) continue;
    } else if (z.retryAt && z.retryAt > now) continue;
    try {
      results.push(...(await applyDns(db, { type: "system", name: "dns-reconciler" }, { ...opts, zoneId: z.id })));
    } catch (err) {
      // Invalid records: nothing can be applied until the routes or zone settings are fixed.
      await db.dnsZone.update({ where: { id: z.id }, data: { lastError: reasonOf(err), lastApplyOk: false, retryAt: null } });
    }
  }
  return results;
}
