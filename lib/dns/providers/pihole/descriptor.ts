// Pi-hole v6 (FTL's REST API, local DNS records): what the server and the form know of it.
import { z } from "zod";
import { defineDnsProvider } from "../../descriptor";
import { HttpUrl, Secret } from "../settings-parts";

export const PiholeSettingsSchema = z.object({
  url: HttpUrl.describe("Pi-hole's web address, e.g. http://pi.hole"),
  password: Secret.describe("App password (Settings → Web interface / API)"),
}).strict();
export type PiholeSettings = z.infer<typeof PiholeSettingsSchema>;

export const piholeDescriptor = defineDnsProvider({
  kind: "pihole",
  label: "Pi-hole v6",
  description: "Pi-hole's local DNS records and CNAMEs through its REST API; Homeport's own records are known from its ledger.",
  settingsSchema: PiholeSettingsSchema,
  fields: [
    { key: "url", type: "text", label: "Address", placeholder: "http://pi.hole", required: true },
    { key: "password", type: "secret", label: "App password", required: true, help: "Settings → Web interface / API → app password." },
  ],
  endpointKeys: ["url"],
  capabilities: { types: ["A", "AAAA", "CNAME"], ownership: "ledger", perRecordTtl: false },
  example: { url: "http://192.168.1.2", password: "pihole-example-app-password-3b9d" },
});
