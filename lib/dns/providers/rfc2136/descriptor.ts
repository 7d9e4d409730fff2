// RFC 2136 dynamic updates with a TSIG key (BIND9, Knot, PowerDNS): what the server and the form know of it.
import { z } from "zod";
import { defineDnsProvider } from "../../descriptor";
import { RECORD_TYPES } from "../../types";

export const TSIG_ALGORITHMS = ["hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha224"] as const;

export const Rfc2136SettingsSchema = z.object({
  server: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, "an address or a host name").describe("Address or name of the primary server"),
  port: z.number().int().min(1).max(65535).default(53),
  keyName: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9._-]+$/, "letters, digits, dots, dashes").describe("TSIG key name"),
  algorithm: z.enum(TSIG_ALGORITHMS).default("hmac-sha256"),
  secret: z.string().trim().regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64 (as in the key file)").max(1024).describe("TSIG secret (base64)"),
}).strict();
export type Rfc2136Settings = z.infer<typeof Rfc2136SettingsSchema>;

export const rfc2136Descriptor = defineDnsProvider({
  kind: "rfc2136",
  label: "RFC 2136 (BIND9, Knot, PowerDNS)",
  description: "Dynamic updates signed with a TSIG key; records are read back by zone transfer and marked with an ownership TXT record.",
  settingsSchema: Rfc2136SettingsSchema,
  fields: [
    { key: "server", type: "text", label: "Server", placeholder: "192.168.1.2", required: true },
    { key: "port", type: "number", label: "Port", placeholder: "53", required: false },
    { key: "keyName", type: "text", label: "TSIG key name", placeholder: "homeport", required: true },
    { key: "algorithm", type: "select", label: "TSIG algorithm", options: TSIG_ALGORITHMS, required: false, help: "As in the key file (tsig-keygen's default is hmac-sha256)." },
    { key: "secret", type: "secret", label: "TSIG secret (base64)", required: true, help: "From `tsig-keygen homeport`; allow-update and allow-transfer need this key." },
  ],
  endpointKeys: ["server", "port"],
  capabilities: { types: RECORD_TYPES, ownership: "marker", perRecordTtl: true },
  example: { server: "192.168.1.2", port: 53, keyName: "homeport", algorithm: "hmac-sha256", secret: "c2VjcmV0LXNlY3JldC1zZWNyZXQ=" },
});
