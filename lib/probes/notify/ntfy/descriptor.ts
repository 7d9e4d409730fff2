// The ntfy channel: a push to a topic on an ntfy server. What the server and the form know of it.
import { z } from "zod";
import { AppUrlSchema, APP_URL_FIELD, SafeUrlSchema, text } from "../config-parts";
import { defineChannel } from "../descriptor";

export const NtfyConfigSchema = z.object({
  url: SafeUrlSchema.describe("ntfy server, e.g. http://ntfy.home.example"),
  topic: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, - and _"),
  priority: z.number().int().min(1).max(5).default(4),
  appUrl: AppUrlSchema,
});
export type NtfyConfig = z.infer<typeof NtfyConfigSchema>;

export const ntfyDescriptor = defineChannel({
  kind: "ntfy",
  label: "ntfy",
  description: "Each event is published to a topic on an ntfy server (title, priority, tags, a link to the check-in page), with the secret as an access token.",
  configSchema: NtfyConfigSchema,
  fields: [
    { key: "url", type: "url", label: "ntfy server URL", placeholder: "http://ntfy.home.example", required: true, word: "URL" },
    { key: "topic", type: "text", label: "Topic", required: true, pattern: "[A-Za-z0-9_-]{1,64}" },
    { key: "priority", type: "number", label: "Priority", required: false, default: "4", min: 1, max: 5, help: "1 (min) to 5 (max) for problems; recoveries are sent at 3." },
    APP_URL_FIELD,
  ],
  secret: { label: "Bearer token", help: "Stored encrypted; never shown again." },
  endpointKeys: ["url"],
  summary: (c) => `${text(c.url)}/${text(c.topic)}`,
  example: { config: { url: "http://ntfy.home.example", topic: "homeport", priority: 4, appUrl: "https://homeport.home.example" }, secret: "ntfy-example-token-91ab" },
});
