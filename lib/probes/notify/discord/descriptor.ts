// The Discord channel: an embed through a channel webhook. The webhook URL up to its id is the
// config; the last part (the webhook token) is the sealed secret. What the server and the form know of it.
import { z } from "zod";
import { AppUrlSchema, APP_URL_FIELD, SafeUrlSchema, text } from "../config-parts";
import { defineChannel } from "../descriptor";

export const DISCORD_API = "https://discord.com/api/webhooks";

export const DiscordConfigSchema = z.object({
  url: SafeUrlSchema.refine((u) => /\/api\/webhooks\/\d{5,25}\/?$/.test(u), "the webhook URL up to its id: https://discord.com/api/webhooks/<id> (the last part goes in the secret field)"),
  appUrl: AppUrlSchema,
});
export type DiscordConfig = z.infer<typeof DiscordConfigSchema>;

export const discordDescriptor = defineChannel({
  kind: "discord",
  label: "Discord",
  description: "Each event is posted to a Discord channel webhook as an embed (coloured by severity, linking to the check-in page); mentions are never triggered.",
  configSchema: DiscordConfigSchema,
  fields: [
    { key: "url", type: "url", label: "Webhook URL (up to the id)", placeholder: `${DISCORD_API}/123456789012345678`, required: true, word: "URL", wide: true, help: "Server settings → Integrations → Webhooks → Copy URL; paste the last part below." },
    APP_URL_FIELD,
  ],
  secret: { label: "Webhook token", help: "The last part of the webhook URL. Stored encrypted; never shown again." },
  endpointKeys: ["url"],
  summary: (c) => text(c.url),
  example: { config: { url: `${DISCORD_API}/123456789012345678`, appUrl: "https://homeport.home.example" }, secret: "discord-example-webhook-token_AbC" },
});
