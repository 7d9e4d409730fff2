// Gotify: POST <server>/message with the application token in X-Gotify-Key and a JSON message
// (https://gotify.net/api-docs#/message/createMessage); the check-in page as the click URL.
import { checkInUrl, type ChannelProvider } from "../types";
import { postTo } from "../http-post";
import { isProblem } from "../config-parts-chat";
import { gotifyDescriptor, type GotifyConfig } from "./descriptor";

/** Recoveries and tests: Gotify's "normal" priority. */
const CALM_PRIORITY = 4;

export const gotifyChannel: ChannelProvider<GotifyConfig> = {
  ...gotifyDescriptor,
  async send(config, secret, message, signal) {
    if (!secret) throw new Error("Gotify needs the application token");
    const click = checkInUrl(config.appUrl, message);
    const body = {
      title: message.title,
      message: message.text,
      priority: isProblem(message) ? config.priority : CALM_PRIORITY,
      ...(click && { extras: { "client::notification": { click: { url: click } } } }),
    };
    await postTo(`${config.url.replace(/\/+$/, "")}/message`, { "content-type": "application/json", "x-gotify-key": secret }, JSON.stringify(body), signal);
  },
};
