// What a tunnel kind is, for the server and the browser alike: its label, the modes it supports,
// what it requires of a tunnel's fields, and how the form shows them. Browser-safe.
import type { TunnelMode } from "./types";

/** The fields whose meaning depends on the kind, as stored once a create or update is merged. */
export interface TunnelTargetFields {
  mode: string;
  accountId: string | null;
  externalId: string;
  /** null when an update keeps the stored credentials. */
  credentials: string | null;
  apiBaseUrl: string | null;
}

/** A field problem, as the API reports it (`issues[]` of a 422). */
export interface TunnelFieldIssue {
  path: keyof TunnelTargetFields;
  message: string;
}

/** The tunnel's own settings a kind may show in the form (name and kind are always there). */
export type TunnelFormField = "externalId" | "accountId" | "apiBaseUrl" | "originUrl" | "credentials";

export interface TunnelFieldSpec {
  key: TunnelFormField;
  label: string;
  help?: string;
  required: boolean;
  /** Spans the form's two columns. */
  wide?: boolean;
  /** A text area rather than one line (e.g. a credentials file). */
  multiline?: boolean;
  /** What changes in a mode (e.g. Cloudflare's credentials: an API token remotely, the credentials JSON locally). */
  byMode?: Partial<Record<TunnelMode, Partial<Omit<TunnelFieldSpec, "key" | "byMode">>>>;
}

export interface TunnelDescriptor<K extends string = string> {
  kind: K;
  /** Name for people, e.g. "Cloudflare Tunnel". */
  label: string;
  /** One sentence on what it is; new tunnels of the kind show `intro` as well. */
  description: string;
  intro?: { title: string; text: string };
  /** Modes it supports; the form offers only these, and a provider implements `local` exactly when "local" is one. */
  modes: readonly TunnelMode[];
  /** How the form names each mode, and what it says of them. */
  modeLabels: Partial<Record<TunnelMode, string>>;
  modeHelp?: string;
  /** The fields the form shows for it, in order. */
  fields: readonly TunnelFieldSpec[];
  /** Its own rules for the fields (beyond the API's schema). */
  check(t: TunnelTargetFields): TunnelFieldIssue[];
  /** A valid tunnel of the kind, per mode it supports (the contract test and documentation). */
  examples: Partial<Record<TunnelMode, TunnelTargetFields & { originUrl: string }>>;
}

/** A field as it is in `mode`. */
export function fieldInMode(f: TunnelFieldSpec, mode: TunnelMode): Omit<TunnelFieldSpec, "byMode"> {
  const { byMode, ...base } = f;
  return { ...base, ...byMode?.[mode] };
}

/** Identity, for inference of the kind literal. */
export function defineTunnelKind<const K extends string>(d: TunnelDescriptor<K>): TunnelDescriptor<K> {
  return d;
}
