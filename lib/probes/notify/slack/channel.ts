// Slack: POST <webhook URL>/<key> with text and one coloured attachment
// (https://api.slack.com/messaging/webhooks); Slack answers 200 "ok".
import { checkInUrl, type ChannelProvider } from "../types";
import { postTo } from "../http-post";
import { EVENT_COLOUR, EVENT_EMOJI } from "../config-parts-chat";
import { slackDescriptor, type SlackConfig } from "./descriptor";

/** Slack's mrkdwn treats these as markup; escaped as its docs say. */
const escapeSlack = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export const slackChannel: ChannelProvider<SlackConfig> = {
  ...slackDescriptor,
  async send(config, secret, message, signal) {
    if (!secret || !/^[A-Za-z0-9]{1,100}$/.test(secret)) throw new Error("Slack needs the webhook URL's last part");
    const link = checkInUrl(config.appUrl, message);
    const body = {
      text: `${EVENT_EMOJI[message.event]} ${escapeSlack(message.title)}`,
      attachments: [{
        color: `#${EVENT_COLOUR[message.event].toString(16).padStart(6, "0")}`,
        title: escapeSlack(message.title),
        ...(link && { title_link: link }),
        text: escapeSlack(message.text),
        ts: Math.floor(new Date(message.at).getTime() / 1000),
      }],
    };
    await postTo(`${config.url.replace(/\/+$/, "")}/${secret}`, { "content-type": "application/json" }, JSON.stringify(body), signal);
  },
};
