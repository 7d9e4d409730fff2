// The Gotify channel: a message to a Gotify server's application. What the server and the form know of it.
import { z } from "zod";
import { AppUrlSchema, APP_URL_FIELD, SafeUrlSchema, text } from "../config-parts";
import { defineChannel } from "../descriptor";

export const GotifyConfigSchema = z.object({
  url: SafeUrlSchema.describe("Gotify server, e.g. https://gotify.home.example"),
  priority: z.number().int().min(0).max(10).default(8),
  appUrl: AppUrlSchema,
});
export type GotifyConfig = z.infer<typeof GotifyConfigSchema>;

export const gotifyDescriptor = defineChannel({
  kind: "gotify",
  label: "Gotify",
  description: "Each event is posted as a message to a Gotify application (title, priority, a link to the check-in page), authenticated by the application's token.",
  configSchema: GotifyConfigSchema,
  fields: [
    { key: "url", type: "url", label: "Gotify server URL", placeholder: "https://gotify.home.example", required: true, word: "URL" },
    { key: "priority", type: "number", label: "Priority", required: false, default: "8", min: 0, max: 10, help: "0 to 10 for problems; recoveries are sent at 4." },
    APP_URL_FIELD,
  ],
  secret: { label: "Application token", help: "From Gotify's Apps page. Stored encrypted; never shown again." },
  endpointKeys: ["url"],
  summary: (c) => text(c.url),
  example: { config: { url: "https://gotify.home.example", priority: 8, appUrl: "https://homeport.home.example" }, secret: "gotify-example-AbCdEf123" },
});
