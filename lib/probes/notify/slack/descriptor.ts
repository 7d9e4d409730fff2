// The Slack channel: an incoming webhook. The webhook URL up to its last part is the config; the
// last part is the sealed secret. What the server and the form know of it.
import { z } from "zod";
import { AppUrlSchema, APP_URL_FIELD, SafeUrlSchema, text } from "../config-parts";
import { defineChannel } from "../descriptor";

export const SLACK_HOOKS = "https://hooks.slack.com/services";

export const SlackConfigSchema = z.object({
  url: SafeUrlSchema.refine((u) => /\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/?$/.test(u), "the webhook URL without its last part: https://hooks.slack.com/services/T…/B… (the last part goes in the secret field)"),
  appUrl: AppUrlSchema,
});
export type SlackConfig = z.infer<typeof SlackConfigSchema>;

export const slackDescriptor = defineChannel({
  kind: "slack",
  label: "Slack",
  description: "Each event is posted to a Slack incoming webhook as a coloured attachment linking to the check-in page.",
  configSchema: SlackConfigSchema,
  fields: [
    { key: "url", type: "url", label: "Webhook URL (without its last part)", placeholder: `${SLACK_HOOKS}/T00000000/B00000000`, required: true, word: "URL", wide: true, help: "The incoming webhook's URL; paste its last part below." },
    APP_URL_FIELD,
  ],
  secret: { label: "Webhook key (last part)", help: "Stored encrypted; never shown again." },
  endpointKeys: ["url"],
  summary: (c) => text(c.url),
  example: { config: { url: `${SLACK_HOOKS}/T00000000/B00000000`, appUrl: "https://homeport.home.example" }, secret: "XXXXXXXXXXXXXXXXXXXXXXXX" },
});
