// Generic webhook: the message as JSON, POSTed to the configured URL (optional bearer secret);
// with the channel's appUrl set, a `url` field links to the check-in page.
import { checkInUrl, type ChannelProvider } from "../types";
import { postTo } from "../http-post";
import { webhookDescriptor, type WebhookConfig } from "./descriptor";

export const webhookChannel: ChannelProvider<WebhookConfig> = {
  ...webhookDescriptor,
  async send(config, secret, message, signal) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (secret) headers.authorization = `Bearer ${secret}`;
    const url = checkInUrl(config.appUrl, message);
    await postTo(config.url, headers, JSON.stringify(url ? { ...message, url } : message), signal);
  },
};
