// The notification channel catalog: every channel kind's descriptor, one line each. Browser-safe:
// the channel form renders from it and the API validates by it (the senders are registered by
// kind in ./index.ts). A new kind: one folder here and one line in each.
import type { ChannelDescriptor } from "./descriptor";
import { emailDescriptor } from "./email/descriptor";
import { ntfyDescriptor } from "./ntfy/descriptor";
import { webhookDescriptor } from "./webhook/descriptor";
import { gotifyDescriptor } from "./gotify/descriptor";
import { matrixDescriptor } from "./matrix/descriptor";
import { discordDescriptor } from "./discord/descriptor";
import { telegramDescriptor } from "./telegram/descriptor";
import { slackDescriptor } from "./slack/descriptor";
import { pushoverDescriptor } from "./pushover/descriptor";

const catalog = {
  webhook: webhookDescriptor,
  ntfy: ntfyDescriptor,
  email: emailDescriptor,
  gotify: gotifyDescriptor,
  matrix: matrixDescriptor,
  discord: discordDescriptor,
  telegram: telegramDescriptor,
  slack: slackDescriptor,
  pushover: pushoverDescriptor,
} as const;

/** Channel kinds: the catalog's keys, so a kind without a descriptor cannot exist. */
export type ChannelKind = keyof typeof catalog;

/** Every kind's descriptor, each registered under its own kind (checked at compile time). */
export const CHANNEL_CATALOG: { readonly [K in ChannelKind]: ChannelDescriptor<K> } = catalog;

/** The kinds in the catalog's order (what the form offers first). */
export const CHANNEL_KINDS = Object.keys(catalog) as [ChannelKind, ...ChannelKind[]];
