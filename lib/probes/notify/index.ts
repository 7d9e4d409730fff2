// The notification senders by kind, one line each (server-only; their descriptors are in
// ./catalog.ts). Typed over the catalog's kinds, so a kind without its sender fails to compile.
import type { ChannelKind } from "./catalog";
import type { ChannelProvider } from "./types";
import { emailChannel } from "./email/channel";
import { ntfyChannel } from "./ntfy/channel";
import { webhookChannel } from "./webhook/channel";

export const CHANNEL_PROVIDERS: Record<ChannelKind, ChannelProvider<unknown>> = {
  webhook: webhookChannel as ChannelProvider<unknown>,
  ntfy: ntfyChannel as ChannelProvider<unknown>,
  email: emailChannel as ChannelProvider<unknown>,
};

export { NotificationMessageSchema, type NotificationMessage, type ChannelProvider } from "./types";
export { CHANNEL_CATALOG, CHANNEL_KINDS } from "./catalog";
export type { ChannelDescriptor, ChannelFieldSpec } from "./descriptor";
