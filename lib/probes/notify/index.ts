// Notification channel kinds by name; one file per kind, one line here.
import type { ChannelKind } from "../schemas";
import type { ChannelProvider } from "./types";
import { webhookChannel } from "./webhook";
import { ntfyChannel } from "./ntfy";
import { emailChannel } from "./email";

export const CHANNEL_PROVIDERS: Record<ChannelKind, ChannelProvider<unknown>> = {
  webhook: webhookChannel as ChannelProvider<unknown>,
  ntfy: ntfyChannel as ChannelProvider<unknown>,
  email: emailChannel as ChannelProvider<unknown>,
};

export type { NotificationMessage, ChannelProvider } from "./types";
