// The generic webhook channel: the message as JSON, POSTed to one URL. What the server and the form know of it.
import { z } from "zod";
import { AppUrlSchema, APP_URL_FIELD, SafeUrlSchema, text } from "../config-parts";
import { defineChannel } from "../descriptor";

export const WebhookConfigSchema = z.object({ url: SafeUrlSchema, appUrl: AppUrlSchema });
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;

export const webhookDescriptor = defineChannel({
  kind: "webhook",
  label: "Webhook (JSON POST)",
  description: "Each event is POSTed as JSON to one URL, with the secret (if any) as a bearer token.",
  configSchema: WebhookConfigSchema,
  fields: [
    { key: "url", type: "url", label: "Webhook URL", placeholder: "http://192.0.2.20:8080/hooks/homeport", required: true, word: "URL", wide: true },
    APP_URL_FIELD,
  ],
  secret: { label: "Bearer token", help: "Stored encrypted; never shown again." },
  endpointKeys: ["url"],
  summary: (c) => text(c.url),
  example: { config: { url: "http://192.0.2.20:8080/hooks/homeport", appUrl: "https://homeport.home.example" }, secret: "webhook-example-token-6f0c" },
});
