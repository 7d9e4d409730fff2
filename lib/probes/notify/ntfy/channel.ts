// ntfy-compatible publish: POST <server>/<topic> with the text as body and Title/Priority/Tags
// headers (https://docs.ntfy.sh/publish/), plus Click (the check-in page) when the channel knows
// Homeport's address. A secret is sent as a bearer access token.
import { checkInUrl, type ChannelProvider } from "../types";
import { postTo } from "../http-post";
import { ntfyDescriptor, type NtfyConfig } from "./descriptor";

const TAGS: Record<string, string> = { "incident.opened": "rotating_light", "incident.updated": "warning", "incident.resolved": "white_check_mark", test: "test_tube" };

export const ntfyChannel: ChannelProvider<NtfyConfig> = {
  ...ntfyDescriptor,
  async send(config, secret, message, signal) {
    const headers: Record<string, string> = {
      "content-type": "text/plain; charset=utf-8",
      // Header values must be Latin-1; ntfy documents RFC 2047 for the rest.
      title: /^[\x20-\x7e]*$/.test(message.title) ? message.title : `=?UTF-8?B?${Buffer.from(message.title).toString("base64")}?=`,
      priority: String(message.event === "incident.resolved" || message.event === "test" ? 3 : config.priority),
      tags: TAGS[message.event] ?? "bell",
    };
    const click = checkInUrl(config.appUrl, message);
    if (click) headers.click = click;
    if (secret) headers.authorization = `Bearer ${secret}`;
    await postTo(`${config.url.replace(/\/+$/, "")}/${config.topic}`, headers, message.text, signal);
  },
};
