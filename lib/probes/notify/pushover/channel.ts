// Pushover: POST <api>/1/messages.json with token, user, title, message, priority and the
// check-in link (https://pushover.net/api); Pushover answers {"status":1} when it accepted.
import { checkInUrl, type ChannelProvider } from "../types";
import { postTo } from "../http-post";
import { isProblem } from "../config-parts-chat";
import { pushoverDescriptor, type PushoverConfig } from "./descriptor";

/** Pushover's limits: title 250, message 1024 characters. */
const MAX_TITLE = 250;
const MAX_MESSAGE = 1024;

export const pushoverChannel: ChannelProvider<PushoverConfig> = {
  ...pushoverDescriptor,
  async send(config, secret, message, signal) {
    if (!secret) throw new Error("Pushover needs the application's API token");
    const link = checkInUrl(config.appUrl, message);
    const body = {
      token: secret,
      user: config.userKey,
      title: message.title.slice(0, MAX_TITLE),
      message: message.text.slice(0, MAX_MESSAGE),
      priority: isProblem(message) ? config.priority : 0,
      timestamp: Math.floor(new Date(message.at).getTime() / 1000),
      ...(link && { url: link, url_title: "Open in Homeport" }),
    };
    await postTo(`${config.apiUrl.replace(/\/+$/, "")}/1/messages.json`, { "content-type": "application/json" }, JSON.stringify(body), signal);
  },
};
