// Cloudflare DNS (API v4, records marked with Homeport's comment): what the server and the form know of it.
import { z } from "zod";
import { defineDnsProvider } from "../../descriptor";
import { HttpUrl, Secret } from "../settings-parts";

export const CloudflareSettingsSchema = z.object({
  apiToken: Secret.describe("API token with Zone.DNS edit permission"),
  baseUrl: HttpUrl.default("https://api.cloudflare.com/client/v4"),
}).strict();
export type CloudflareSettings = z.infer<typeof CloudflareSettingsSchema>;

export const cloudflareDescriptor = defineDnsProvider({
  kind: "cloudflare",
  label: "Cloudflare DNS",
  description: "Records in a Cloudflare zone through its API, each marked with Homeport's comment.",
  settingsSchema: CloudflareSettingsSchema,
  fields: [
    { key: "apiToken", type: "secret", label: "API token", required: true, help: "Needs Zone → DNS → Edit for the zone." },
    { key: "baseUrl", type: "text", label: "API address", placeholder: "https://api.cloudflare.com/client/v4", required: false },
  ],
  endpointKeys: ["baseUrl"],
  capabilities: { types: ["A", "AAAA", "CNAME"], ownership: "marker", perRecordTtl: true },
  example: { apiToken: "cloudflare-example-token-0d42", baseUrl: "https://api.cloudflare.com/client/v4" },
});
