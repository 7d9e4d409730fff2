// Technitium DNS Server's HTTP API: what the server and the form know of it.
import { z } from "zod";
import { defineDnsProvider } from "../../descriptor";
import { HttpUrl, Secret } from "../settings-parts";

export const TechnitiumSettingsSchema = z.object({
  url: HttpUrl.describe("Technitium's web console address, e.g. http://192.168.1.4:5380"),
  token: Secret.describe("API token (Administration → Sessions → Create Token)"),
}).strict();
export type TechnitiumSettings = z.infer<typeof TechnitiumSettingsSchema>;

export const technitiumDescriptor = defineDnsProvider({
  kind: "technitium",
  label: "Technitium DNS Server",
  description: "Records in a Technitium zone through its HTTP API, each marked with Homeport's comment.",
  settingsSchema: TechnitiumSettingsSchema,
  fields: [
    { key: "url", type: "text", label: "Address", placeholder: "http://192.168.1.4:5380", required: true },
    { key: "token", type: "secret", label: "API token", required: true, help: "Administration → Sessions → Create Token." },
  ],
  endpointKeys: ["url"],
  capabilities: { types: ["A", "AAAA", "CNAME"], ownership: "marker", perRecordTtl: true },
  example: { url: "http://192.168.1.4:5380", token: "technitium-example-token-51aa" },
});
