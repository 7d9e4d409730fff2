// The DNS provider contract: every server or API Homeport manages records in implements
// `DnsProviderDefinition` (its descriptor plus the calls), one folder per kind in lib/dns/providers,
// registered in lib/dns/catalog.ts (descriptor) and lib/dns/providers/index.ts (implementation).
import type { DnsProviderKind } from "./catalog";
import type { DnsProviderDescriptor } from "./descriptor";

export type { DnsProviderKind } from "./catalog";

/** Record types Homeport manages. Routes only ever need these three. */
export const RECORD_TYPES = ["A", "AAAA", "CNAME"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Value that marks a record as Homeport's, in an ownership TXT record or a comment field. */
export const OWNERSHIP_MARK = "heritage=homeport";

/** One RRset: every value of one type at one name (names are absolute, lower case, no trailing dot). */
export interface RecordSet {
  name: string;
  type: RecordType;
  /** Sorted, normalised values (addresses, or target names without trailing dot). */
  values: string[];
  ttl: number;
}

/** A record set as a provider reports it. */
export interface ObservedRecordSet extends RecordSet {
  /**
   * Whether the provider's own marker says Homeport owns it (ownership TXT, comment field, marked
   * block). `undefined` for providers without markers: the ledger decides (see `ownership`).
   */
  owned?: boolean;
  /** Provider-specific ids of the underlying records (e.g. Cloudflare record ids), for updates. */
  ids?: string[];
}

export type ChangeAction = "create" | "update" | "delete";

/** One change of a plan: create or update to `after`, or delete `before`. */
export interface RecordChange {
  action: ChangeAction;
  name: string;
  type: RecordType;
  before?: ObservedRecordSet;
  after?: RecordSet;
}

export interface ChangeOutcome {
  change: RecordChange;
  ok: boolean;
  /** Why it failed, in words a user can act on. */
  error?: string;
}

/** Where the zone lives in the provider and what the provider needs to reach it. */
export interface ZoneRef {
  /** Zone apex, e.g. home.example. */
  name: string;
}

/** What every provider call gets: its settings with the secrets opened (server-side only). */
export interface ProviderContext<S> {
  settings: S;
  /** Cancels network calls (apply timeouts, shutdown). */
  signal?: AbortSignal;
}

export interface ProviderCapabilities {
  /** Types this provider can serve. */
  types: readonly RecordType[];
  /**
   * How ownership is proven: `marker` — the provider stores Homeport's mark with the record (TXT,
   * comment, marked block) and reports `owned`; `ledger` — no place for a mark, so only records in
   * Homeport's ledger of applied records are treated as owned.
   */
  ownership: "marker" | "ledger";
  /** Whether each record carries its own TTL (dnsmasq hosts files and Pi-hole hosts do not). */
  perRecordTtl: boolean;
}

/**
 * A DNS provider: its kind's descriptor (label, settings, secrets, capabilities) and the calls.
 * Implementations are stateless: every call gets the settings it needs.
 * Errors are thrown as `DnsProviderError` (lib/dns/errors.ts) with a code and a readable message.
 */
export interface DnsProviderDefinition<S = unknown> extends DnsProviderDescriptor<DnsProviderKind, S> {
  /**
   * Returns every A/AAAA/CNAME record set in the zone (foreign ones too, so clashes can be
   * reported), each with `owned` when the provider carries a marker.
   */
  listRecords(ctx: ProviderContext<S>, zone: ZoneRef): Promise<ObservedRecordSet[]>;
  /**
   * Applies changes and reports each one's outcome, in order. Changes only ever concern records
   * Homeport owns (the plan guarantees it); implementations also write/remove the ownership mark.
   * A provider that cannot be reached throws instead of returning outcomes.
   */
  applyChanges(ctx: ProviderContext<S>, zone: ZoneRef, changes: RecordChange[]): Promise<ChangeOutcome[]>;
  /** Checks reachability and credentials; resolves to a short description of what answered. */
  testConnection(ctx: ProviderContext<S>, zone?: ZoneRef): Promise<string>;
}
