// What a notification channel kind is, for the server and the browser alike: its label, its
// config (zod schema and one field description per setting), its one secret, and which settings
// decide where that secret goes. Browser-safe: descriptors never import Node built-ins.
import type { z } from "zod";

/** How a setting is entered. `list`: comma-separated values; `checkbox`: a boolean. */
export type ChannelFieldType = "text" | "url" | "email" | "number" | "list" | "checkbox";

export interface ChannelFieldSpec {
  /** The config key (the zod schema's). */
  key: string;
  type: ChannelFieldType;
  label: string;
  placeholder?: string;
  help?: string;
  /** Whether the form must send it (the schema has neither a default nor `optional`). */
  required: boolean;
  /** The schema's default, as the form shows it. */
  default?: string | boolean;
  /** What a change of it is called in the secret's warning ("the URL changes"); the label by default. */
  word?: string;
  /** Spans the form's two columns. */
  wide?: boolean;
  /** For text: the pattern the browser checks; for number: the range. */
  pattern?: string;
  min?: number;
  max?: number;
}

export interface ChannelDescriptor<K extends string = string, C = unknown> {
  kind: K;
  /** What the kind control says, e.g. "Webhook (JSON POST)". */
  label: string;
  /** One sentence on what a delivery is. */
  description: string;
  /** The config without the secret (stored as JSON and shown to readers). */
  configSchema: z.ZodType<C>;
  /** Every config setting, in the order the form shows them. */
  fields: readonly ChannelFieldSpec[];
  /** The channel's one secret (sealed at rest, never returned): what it is called and what it is for. */
  secret: { label: string; help: string };
  /** The config settings that decide where the secret is sent: moving any needs it again. */
  endpointKeys: readonly string[];
  /** Where it delivers, in a few words, from its stored config (the channel list). */
  summary(config: Readonly<Record<string, unknown>>): string;
  /** A complete, valid config and a secret (the contract test and documentation). */
  example: { config: Record<string, unknown>; secret: string };
}

/** Identity, for inference of the kind literal and the config type. */
export function defineChannel<const K extends string, C>(d: ChannelDescriptor<K, C>): ChannelDescriptor<K, C> {
  return d;
}
