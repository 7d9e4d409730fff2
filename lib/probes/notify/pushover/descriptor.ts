// The Pushover channel: a push to a user or group key, sent by an application (its API token is the
// secret). What the server and the form know of it.
import { z } from "zod";
import { AppUrlSchema, APP_URL_FIELD, SafeUrlSchema, text } from "../config-parts";
import { defineChannel } from "../descriptor";

export const PUSHOVER_API = "https://api.pushover.net";
export const PushoverKeySchema = z.string().trim().regex(/^[A-Za-z0-9]{30}$/, "30 letters and digits");

export const PushoverConfigSchema = z.object({
  userKey: PushoverKeySchema.describe("The user or group key"),
  priority: z.number().int().min(-2).max(1).default(1),
  apiUrl: SafeUrlSchema.default(PUSHOVER_API),
  appUrl: AppUrlSchema,
});
export type PushoverConfig = z.infer<typeof PushoverConfigSchema>;

export const pushoverDescriptor = defineChannel({
  kind: "pushover",
  label: "Pushover",
  description: "Each event is pushed through Pushover to a user or group key, sent by your Pushover application, with a link to the check-in page.",
  configSchema: PushoverConfigSchema,
  fields: [
    { key: "userKey", type: "text", label: "User or group key", required: true, pattern: "[A-Za-z0-9]{30}", word: "user key" },
    { key: "priority", type: "number", label: "Priority", required: false, default: "1", min: -2, max: 1, help: "-2 (silent) to 1 (high) for problems; recoveries are sent at 0." },
    { key: "apiUrl", type: "url", label: "Pushover API server", required: false, default: PUSHOVER_API, word: "API server" },
    APP_URL_FIELD,
  ],
  secret: { label: "Application API token", help: "From your application's page on pushover.net. Stored encrypted; never shown again." },
  endpointKeys: ["apiUrl"],
  summary: (c) => `user ${text(c.userKey).slice(0, 6)}…`,
  example: { config: { userKey: "uQiRzpo4DXghDmr9QzzfQu27cmVRsG", priority: 1, apiUrl: PUSHOVER_API, appUrl: "https://homeport.home.example" }, secret: "azGDORePK8gMaC0QOYAMyEEuzJnyUi" },
});
