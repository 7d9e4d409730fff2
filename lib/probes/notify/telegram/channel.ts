// Telegram: POST <api>/bot<token>/sendMessage with chat_id and plain text
// (https://core.telegram.org/bots/api#sendmessage); no parse mode, so nothing needs escaping.
import type { ChannelProvider } from "../types";
import { postTo } from "../http-post";
import { plainText } from "../config-parts-chat";
import { TELEGRAM_BOT_TOKEN, telegramDescriptor, type TelegramConfig } from "./descriptor";

/** Telegram's limit for one message. */
const MAX_TEXT = 4096;

export const telegramChannel: ChannelProvider<TelegramConfig> = {
  ...telegramDescriptor,
  async send(config, secret, message, signal) {
    // Checked before it goes into the URL's path.
    if (!secret || !TELEGRAM_BOT_TOKEN.test(secret)) throw new Error("Telegram needs the bot's token (123456:ABC…)");
    const body = { chat_id: config.chatId, text: plainText(message, config.appUrl).slice(0, MAX_TEXT), disable_web_page_preview: true };
    await postTo(`${config.apiUrl.replace(/\/+$/, "")}/bot${secret}/sendMessage`, { "content-type": "application/json" }, JSON.stringify(body), signal);
  },
};
