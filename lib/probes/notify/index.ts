// The notification senders by kind, one line each (server-only; their descriptors are in
// ./catalog.ts). Typed over the catalog's kinds, so a kind without its sender fails to compile.
import type { ChannelKind } from "./catalog";
import type { ChannelProvider } from "./types";
import { emailChannel } from "./email/channel";
import { ntfyChannel } from "./ntfy/channel";
import { webhookChannel } from "./webhook/channel";
import { gotifyChannel } from "./gotify/channel";
import { matrixChannel } from "./matrix/channel";
import { discordChannel } from "./discord/channel";
import { telegramChannel } from "./telegram/channel";
import { slackChannel } from "./slack/channel";
import { pushoverChannel } from "./pushover/channel";

export const CHANNEL_PROVIDERS: Record<ChannelKind, ChannelProvider<unknown>> = {
  webhook: webhookChannel as ChannelProvider<unknown>,
  ntfy: ntfyChannel as ChannelProvider<unknown>,
  email: emailChannel as ChannelProvider<unknown>,
  gotify: gotifyChannel as ChannelProvider<unknown>,
  matrix: matrixChannel as ChannelProvider<unknown>,
  discord: discordChannel as ChannelProvider<unknown>,
  telegram: telegramChannel as ChannelProvider<unknown>,
  slack: slackChannel as ChannelProvider<unknown>,
  pushover: pushoverChannel as ChannelProvider<unknown>,
};

export { NotificationMessageSchema, type NotificationMessage, type ChannelProvider } from "./types";
export { CHANNEL_CATALOG, CHANNEL_KINDS } from "./catalog";
export type { ChannelDescriptor, ChannelFieldSpec } from "./descriptor";
export { parseAppriseUrl, APPRISE_SCHEMES, type AppriseChannel, type AppriseResult } from "./apprise";
