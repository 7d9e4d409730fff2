// dnsmasq through an addn-hosts file Homeport writes its marked block into: what the server and the form know of it.
import { z } from "zod";
import { defineDnsProvider } from "../../descriptor";
import { AbsPath } from "../settings-parts";

export const DnsmasqSettingsSchema = z.object({
  hostsFile: AbsPath.describe("The addn-hosts file Homeport writes its marked block into"),
  pidFile: AbsPath.optional().describe("dnsmasq's pid file; dnsmasq gets SIGHUP after each change"),
}).strict();
export type DnsmasqSettings = z.infer<typeof DnsmasqSettingsSchema>;

export const dnsmasqDescriptor = defineDnsProvider({
  kind: "dnsmasq",
  label: "dnsmasq (hosts file)",
  description: "A hosts file dnsmasq reads (addn-hosts); Homeport edits only its own marked block and signals dnsmasq to reload.",
  settingsSchema: DnsmasqSettingsSchema,
  fields: [
    { key: "hostsFile", type: "text", label: "Hosts file", placeholder: "/etc/dnsmasq.d/homeport.hosts", required: true, help: "An addn-hosts file; Homeport only edits its own marked block." },
    { key: "pidFile", type: "text", label: "Pid file", placeholder: "/run/dnsmasq/dnsmasq.pid", required: false, help: "dnsmasq gets SIGHUP after each change." },
  ],
  // No secret: the files are local.
  endpointKeys: [],
  capabilities: { types: ["A", "AAAA"], ownership: "marker", perRecordTtl: false },
  example: { hostsFile: "/etc/dnsmasq.d/homeport.hosts", pidFile: "/run/dnsmasq/dnsmasq.pid" },
});
