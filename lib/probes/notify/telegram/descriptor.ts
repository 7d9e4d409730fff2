// The Telegram channel: a message from a bot (its token is the secret) to a chat. What the server and the form know of it.
import { z } from "zod";
import { AppUrlSchema, APP_URL_FIELD, SafeUrlSchema, text } from "../config-parts";
import { defineChannel } from "../descriptor";

export const TELEGRAM_API = "https://api.telegram.org";
/** A numeric chat id (groups are negative) or a public @channel name. */
export const TelegramChatSchema = z.string().trim().regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, "a numeric chat id (e.g. 123456789 or -1001234567890) or @channelname");
export const TELEGRAM_BOT_TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,100}$/;

export const TelegramConfigSchema = z.object({
  chatId: TelegramChatSchema,
  apiUrl: SafeUrlSchema.default(TELEGRAM_API).describe("The Bot API server (a self-hosted one, or Telegram's)"),
  appUrl: AppUrlSchema,
});
export type TelegramConfig = z.infer<typeof TelegramConfigSchema>;

export const telegramDescriptor = defineChannel({
  kind: "telegram",
  label: "Telegram",
  description: "Each event is sent by your Telegram bot to a chat, group or channel, with a link to the check-in page.",
  configSchema: TelegramConfigSchema,
  fields: [
    { key: "chatId", type: "text", label: "Chat ID", placeholder: "123456789", required: true, help: "Message the bot, then read chat.id from https://api.telegram.org/bot<token>/getUpdates; or @channelname." },
    { key: "apiUrl", type: "url", label: "Bot API server", required: false, default: TELEGRAM_API, word: "Bot API server" },
    APP_URL_FIELD,
  ],
  secret: { label: "Bot token", help: "From @BotFather, like 123456:ABC-DEF…. Stored encrypted; never shown again." },
  endpointKeys: ["apiUrl"],
  summary: (c) => `chat ${text(c.chatId)}`,
  example: { config: { chatId: "123456789", apiUrl: TELEGRAM_API, appUrl: "https://homeport.home.example" }, secret: "123456:telegram-example-token-AbCdEf" },
});
