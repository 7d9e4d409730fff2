// AdGuard Home's DNS rewrites: what the server and the form know of it.
import { z } from "zod";
import { defineDnsProvider } from "../../descriptor";
import { HttpUrl, Secret } from "../settings-parts";

export const AdguardSettingsSchema = z.object({
  url: HttpUrl.describe("AdGuard Home's address, e.g. http://192.168.1.3:3000"),
  username: z.string().min(1).max(256),
  password: Secret,
}).strict();
export type AdguardSettings = z.infer<typeof AdguardSettingsSchema>;

export const adguardDescriptor = defineDnsProvider({
  kind: "adguard",
  label: "AdGuard Home",
  description: "AdGuard Home's DNS rewrites through its API; Homeport's own rewrites are known from its ledger.",
  settingsSchema: AdguardSettingsSchema,
  fields: [
    { key: "url", type: "text", label: "Address", placeholder: "http://192.168.1.3:3000", required: true },
    { key: "username", type: "text", label: "User name", required: true },
    { key: "password", type: "secret", label: "Password", required: true },
  ],
  endpointKeys: ["url"],
  capabilities: { types: ["A", "AAAA", "CNAME"], ownership: "ledger", perRecordTtl: false },
  example: { url: "http://192.168.1.3:3000", username: "admin", password: "adguard-example-password-7c1e" },
});
