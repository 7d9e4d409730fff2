// What a DNS provider kind is, for the server and the browser alike: its label, its settings
// (zod schema and one field description per setting), which settings are secret and which decide
// where the secret goes. Browser-safe: descriptors never import Node built-ins.
import type { z } from "zod";
import type { ProviderCapabilities } from "./types";

/** How a setting is entered: text, a number, a choice, or a write-only secret. */
export type ProviderFieldType = "text" | "number" | "select" | "secret";

export interface ProviderFieldSpec {
  /** The settings key (the zod schema's). */
  key: string;
  type: ProviderFieldType;
  label: string;
  placeholder?: string;
  help?: string;
  /** Whether the form must send it (the schema has neither a default nor `optional`). */
  required: boolean;
  /** A `select`'s choices; the first is the schema's default. */
  options?: readonly string[];
}

export interface DnsProviderDescriptor<K extends string = string, S = unknown> {
  kind: K;
  /** Human name shown in the UI and in messages. */
  label: string;
  /** One sentence on what it manages and how. */
  description: string;
  /** Settings with secrets (zod, shared with the API and the forms). */
  settingsSchema: z.ZodType<S>;
  /** Every setting, in the order the form shows them. */
  fields: readonly ProviderFieldSpec[];
  /** Keys of `settings` that are secret: sealed at rest, never sent to the browser (the `secret` fields). */
  secretKeys: readonly string[];
  /** The settings that decide where the secret is sent: moving any needs the secret again. */
  endpointKeys: readonly string[];
  capabilities: ProviderCapabilities;
  /** A complete, valid settings object (documentation and the contract test). */
  example: Record<string, unknown>;
}

/** A descriptor with `secretKeys` derived from its `secret` fields (one place says what is secret). */
export function defineDnsProvider<const K extends string, S>(d: Omit<DnsProviderDescriptor<K, S>, "secretKeys">): DnsProviderDescriptor<K, S> {
  return { ...d, secretKeys: d.fields.filter((f) => f.type === "secret").map((f) => f.key) };
}
