// zod schemas of the ingress API: settings, per-Route TLS, and the views the dashboard reads.
// Safe to import from client components. Private keys are accepted, never part of a view.
import { z } from "zod";
import { ExposureSchema } from "@/lib/routes/exposure";

const Port = z.number().int().min(1, "1-65535").max(65535, "1-65535");
const LISTEN_RE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]*):\d{1,5}$/;
const PEM_CERT_RE = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/;
/** An HTTP header value: printable ASCII, no line breaks. */
const HEADER_VALUE_RE = /^[\x20-\x7e]*$/;
const MAX_ADMIN_AUTH_LENGTH = 4096;
const PEM_KEY_RE = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]+-----END (?:[A-Z]+ )?PRIVATE KEY-----/;

/** How one Route's proxy entry stands. */
export const ENTRY_STATUSES = [
  "ok", // in Caddy as planned, and a request through Caddy got the upstream's answer
  "pending", // never applied
  "missing", // not in Caddy (never applied, or removed by hand)
  "drifted", // in Caddy but different from what Homeport would write
  "upstream_down", // Caddy answers for the hostname but cannot reach the upstream (502/503/504)
  "shadowed", // the answer lacks Homeport's fingerprint: another route or server took the hostname
  "rejected", // Caddy refused the last change to this entry
  "unreachable", // Caddy's admin API did not answer
  "unresolved", // the Route's upstream cannot be worked out (e.g. port not published)
  "unverified", // in Caddy, but no request could be sent through it
  "conflict", // the last apply of this entry met a change made to Caddy's config since it was planned
] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
/** Caddy as a whole: answering as planned, not answering, refusing our config, or changed under the last apply. */
export const CADDY_STATUSES = ["ok", "unreachable", "rejected", "conflict"] as const;
export type CaddyStatus = (typeof CADDY_STATUSES)[number];
export const EntryStatusSchema = z.enum(ENTRY_STATUSES);
export const CaddyStatusSchema = z.enum(CADDY_STATUSES);
/** Caddy's status as last stored; `unknown` until Homeport first talks to it. */
export const StoredCaddyStatusSchema = z.enum([...CADDY_STATUSES, "unknown"]);

export const IngressSettingsInputSchema = z
  .object({
    adminUrl: z.string().trim().url("a URL such as http://127.0.0.1:2019")
      .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "http or https")
      .describe("Caddy's admin API, e.g. http://127.0.0.1:2019"),
    serverName: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . -").describe("apps.http.servers key that holds Homeport's routes (an existing server such as srv0, or a new one)"),
    listen: z.array(z.string().trim().regex(LISTEN_RE, "host:port, e.g. :443 or 192.168.1.10:443")).min(1).max(8).describe("Listen addresses when Homeport creates the server"),
    httpPort: Port.describe("HTTP port (redirects to HTTPS), used when Homeport creates the http app"),
    httpsPort: Port.describe("HTTPS port"),
    proxyAddress: z.string().trim().max(253).nullable().describe("Address where Caddy answers, for checks; defaults to the admin URL's host"),
    adminAuth: z.string().trim().max(MAX_ADMIN_AUTH_LENGTH).regex(HEADER_VALUE_RE, "printable characters only (an HTTP header value)").nullable()
      .describe("Authorization header value for the admin API when a proxy fronts it, e.g. `Bearer …`. Write-only (stored encrypted, never returned); null or empty removes it. Required again whenever adminUrl moves"),
    confirmMoveKeys: z.boolean()
      .describe("Required (true) when adminUrl moves while routes use a user-supplied certificate: their private keys go to the new admin API on the next apply"),
  })
  .partial()
  .strict()
  .refine((s) => Object.keys(s).length > 0, "nothing to change");
export type IngressSettingsInput = z.infer<typeof IngressSettingsInputSchema>;

export const IngressSettingsSchema = z.object({
  adminUrl: z.string(),
  serverName: z.string(),
  listen: z.array(z.string()),
  httpPort: z.number().int(),
  httpsPort: z.number().int(),
  proxyAddress: z.string().nullable(),
  adminAuthSet: z.boolean().describe("Whether an Authorization header for the admin API is stored (its value is never returned)"),
  privateKeyRoutes: z.number().int().describe("Routes with a user-supplied certificate: their private keys are sent to the admin API on apply"),
  status: StoredCaddyStatusSchema,
  statusDetail: z.string().nullable(),
  checkedAt: z.string().nullable(),
  lastAppliedAt: z.string().nullable(),
});
export type IngressSettingsView = z.infer<typeof IngressSettingsSchema>;

/** Whether `next` points the admin API somewhere other than `current` (spacing and trailing slashes aside). */
export function adminUrlMoves(current: string, next: string): boolean {
  const norm = (u: string) => u.trim().replace(/\/+$/, "");
  return norm(current) !== norm(next);
}

export const ProxyTlsInputSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("internal") }).strict(),
  z.object({
    mode: z.literal("certificate"),
    certificatePem: z.string().max(64 * 1024).regex(PEM_CERT_RE, "a PEM certificate (chain)"),
    keyPem: z.string().max(16 * 1024).regex(PEM_KEY_RE, "a PEM private key"),
  }).strict(),
]);
export type ProxyTlsInput = z.infer<typeof ProxyTlsInputSchema>;

/** `GET /api/v1/ingress/root-ca?format=`: PEM (default) or the binary DER form. */
export const RootCaQuerySchema = z.object({ format: z.enum(["pem", "der"]).default("pem") });

export const IngressChangeSchema = z.object({
  action: z.enum(["create", "update", "delete"]),
  kind: z.enum(["server", "route", "tls-policy", "certificate"]),
  id: z.string(),
  routeId: z.string().optional(),
  hostname: z.string().optional(),
  summary: z.string(),
});
export type IngressChangeViewT = z.infer<typeof IngressChangeSchema>;

export const EntryViewSchema = z.object({
  routeId: z.string(),
  hostname: z.string(),
  exposure: ExposureSchema,
  upstream: z.string().nullable(),
  tlsMode: z.enum(["internal", "certificate"]),
  status: EntryStatusSchema,
  detail: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type EntryView = z.infer<typeof EntryViewSchema>;

export const CaddyStateSchema = z.object({ status: StoredCaddyStatusSchema, detail: z.string().nullable() });

export const IngressOverviewSchema = z.object({
  settings: IngressSettingsSchema,
  caddy: CaddyStateSchema,
  entries: z.array(EntryViewSchema),
});
export type IngressOverview = z.infer<typeof IngressOverviewSchema>;

export const IngressPlanViewSchema = z.object({
  caddy: CaddyStateSchema,
  changes: z.array(IngressChangeSchema),
  unchanged: z.array(z.string()),
  unresolved: z.array(z.object({ routeId: z.string(), hostname: z.string(), reason: z.string() })),
});
export type IngressPlanView = z.infer<typeof IngressPlanViewSchema>;

export const IngressApplyResultSchema = z.object({
  caddy: CaddyStateSchema,
  applied: z.array(IngressChangeSchema),
  failed: z.object({ change: IngressChangeSchema, message: z.string() }).nullable(),
});
export type IngressApplyResult = z.infer<typeof IngressApplyResultSchema>;
