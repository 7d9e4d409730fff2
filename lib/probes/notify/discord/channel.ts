// Discord: POST <webhook URL>/<token> with an embed (https://discord.com/developers/docs/resources/webhook#execute-webhook);
// allowed_mentions is empty so a check named "@everyone" pings nobody.
import { checkInUrl, type ChannelProvider } from "../types";
import { postTo } from "../http-post";
import { EVENT_COLOUR, EVENT_EMOJI } from "../config-parts-chat";
import { discordDescriptor, type DiscordConfig } from "./descriptor";

/** Discord's limits: embed title 256, description 4096 characters. */
const MAX_TITLE = 256;
const MAX_DESCRIPTION = 4096;

export const discordChannel: ChannelProvider<DiscordConfig> = {
  ...discordDescriptor,
  async send(config, secret, message, signal) {
    if (!secret || !/^[A-Za-z0-9_-]{1,100}$/.test(secret)) throw new Error("Discord needs the webhook token (the last part of the webhook URL)");
    const link = checkInUrl(config.appUrl, message);
    const body = {
      username: "Homeport",
      allowed_mentions: { parse: [] },
      embeds: [{
        title: `${EVENT_EMOJI[message.event]} ${message.title}`.slice(0, MAX_TITLE),
        description: message.text.slice(0, MAX_DESCRIPTION),
        color: EVENT_COLOUR[message.event],
        timestamp: message.at,
        ...(link && { url: link }),
      }],
    };
    await postTo(`${config.url.replace(/\/+$/, "")}/${secret}`, { "content-type": "application/json" }, JSON.stringify(body), signal);
  },
};
