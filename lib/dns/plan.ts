// Pure planning: compares desired record sets with what a provider reports and returns the
// changes (creates, updates, deletes) plus clashes with foreign records, which are never touched.
import type { ObservedRecordSet, RecordChange, RecordSet } from "./types";
import { setKey } from "./records";

export interface Conflict {
  desired: RecordSet;
  /** The foreign record sets at the same name. */
  foreign: ObservedRecordSet[];
  reason: string;
}

export interface ZonePlan {
  changes: RecordChange[];
  conflicts: Conflict[];
  /** Records Homeport does not own, shown read-only. */
  foreign: ObservedRecordSet[];
  /** Owned record sets already as desired. */
  unchanged: number;
}

export interface PlanOptions {
  /** Compare TTLs (false for providers without per-record TTLs). */
  compareTtl: boolean;
  /**
   * For ledger-owned providers: keys (`name|type`) Homeport applied before. An observed set is
   * owned when its marker says so or, without a marker, when the ledger has its key.
   */
  ledger?: ReadonlySet<string>;
}

const sameValues = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);


/** Splits observed sets into owned and foreign with the marker or the ledger. */
export function isOwned(o: ObservedRecordSet, ledger?: ReadonlySet<string>): boolean {
  return o.owned ?? ledger?.has(setKey(o)) ?? false;
}

/** Plans one zone. Deterministic: changes are sorted by name, then type. */
export function planZone(desired: RecordSet[], observed: ObservedRecordSet[], opts: PlanOptions): ZonePlan {
  const owned = new Map<string, ObservedRecordSet>();
  const foreign: ObservedRecordSet[] = [];
  for (const o of observed) {
    if (isOwned(o, opts.ledger)) owned.set(setKey(o), o);
    else foreign.push(o);
  }
  const foreignByName = new Map<string, ObservedRecordSet[]>();
  for (const f of foreign) foreignByName.set(f.name, [...(foreignByName.get(f.name) ?? []), f]);

  const changes: RecordChange[] = [];
  const conflicts: Conflict[] = [];
  const wanted = new Set<string>();
  let unchanged = 0;
  for (const d of desired) {
    const key = setKey(d);
    // A name with any foreign record belongs to someone else: splitting it (their A, our AAAA,
    // or a CNAME beside anything, RFC 1034 §3.6.2) would answer differently per record type.
    const clash = foreignByName.get(d.name) ?? [];
    if (clash.length > 0) {
      conflicts.push({ desired: d, foreign: clash, reason: `${d.name} already has ${clash.map((c) => `${c.type} ${c.values.join(", ")}`).join("; ")} that Homeport did not create; remove it by hand or change the route` });
      // An owned set beside a foreign clash stays as it is: neither updated nor deleted.
      if (owned.has(key)) wanted.add(key);
      continue;
    }
    wanted.add(key);
    const cur = owned.get(key);
    if (!cur) changes.push({ action: "create", name: d.name, type: d.type, after: d });
    else if (!sameValues(cur.values, d.values) || (opts.compareTtl && cur.ttl !== d.ttl)) changes.push({ action: "update", name: d.name, type: d.type, before: cur, after: d });
    else unchanged++;
  }
  for (const [key, o] of owned) if (!wanted.has(key)) changes.push({ action: "delete", name: o.name, type: o.type, before: o });
  const order = { delete: 0, update: 1, create: 2 } as const;
  // Deletes first, so a CNAME replacing an A at the same name (or the reverse) never coexists.
  changes.sort((a, b) => order[a.action] - order[b.action] || a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
  return { changes, conflicts, foreign, unchanged };
}

export type DriftKind = "changed" | "removed";

export interface DriftItem {
  name: string;
  type: string;
  kind: DriftKind;
  expected: { values: string[]; ttl: number };
  actual?: { values: string[]; ttl: number };
}

/**
 * Drift: records Homeport applied (the ledger's expected state) that now differ in the provider,
 * changed or removed by hand. Pending changes (a new route not applied yet) are not drift.
 */
export function detectDrift(applied: RecordSet[], observed: ObservedRecordSet[], opts: { compareTtl: boolean }): DriftItem[] {
  const byKey = new Map<string, ObservedRecordSet>();
  // An owned set wins over a foreign one at the same name and type.
  for (const o of observed) if (!byKey.has(setKey(o)) || o.owned !== false) byKey.set(setKey(o), o);
  const drift: DriftItem[] = [];
  for (const a of applied) {
    const o = byKey.get(setKey(a));
    const expected = { values: a.values, ttl: a.ttl };
    if (!o || o.owned === false) drift.push({ name: a.name, type: a.type, kind: "removed", expected, ...(o ? { actual: { values: o.values, ttl: o.ttl } } : {}) });
    else if (!sameValues(o.values, a.values) || (opts.compareTtl && o.ttl !== a.ttl)) drift.push({ name: a.name, type: a.type, kind: "changed", expected, actual: { values: o.values, ttl: o.ttl } });
  }
  return drift;
}
