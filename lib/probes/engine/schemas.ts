// zod schemas of the probe engine: check types, their targets, results and error classes. Shared
// by the control plane's API, the CLI and (later) the agent protocol. No database, no Next.js.
import { z } from "zod";
import { knownAdminEndpoints } from "../../net/admin-endpoints";
import { urlRefusal, addressRefusal, endpointRefusal } from "./safety";

export const CHECK_TYPES = ["http", "https", "tcp", "dns", "tls", "ping", "push", "egress"] as const;
/**
 * Check types a vantage point probes; a push check is judged by the calls it receives instead,
 * and an egress proof runs only on its service's own host's agent (inside the container).
 */
export const PROBED_CHECK_TYPES = ["http", "https", "tcp", "dns", "tls", "ping", "egress"] as const satisfies readonly CheckType[];
export const CheckTypeSchema = z.enum(CHECK_TYPES);
export type CheckType = z.infer<typeof CheckTypeSchema>;

/** Why a probe failed. `blocked` means Homeport refused to connect (safety rules). */
export const ERROR_CLASSES = [
  "dns_failure", "refused", "timeout", "unreachable", "reset", "tls_error", "http_status",
  "keyword_missing", "dns_mismatch", "too_many_redirects", "blocked", "protocol_error", "internal",
  // The probe succeeded but the check expects the target to be unreachable from this vantage.
  "exposed",
  // The vantage point cannot run this type (e.g. ping without a ping program installed).
  "unsupported",
  // A push check heard no call within its interval and grace.
  "no_heartbeat",
  // A push check's caller said status=down.
  "reported_down",
  // The egress proof: a service meant to be fenced reached an outside address or resolved a name.
  "egress_open",
  // The egress proof could not run: the service's container is not running (the check is unknown).
  "not_running",
] as const;
export const ErrorClassSchema = z.enum(ERROR_CLASSES);
export type ErrorClass = z.infer<typeof ErrorClassSchema>;

export const MAX_TIMEOUT_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_REDIRECTS = 10;

const HOST_RE = /^(?=.{1,253}$)([a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?)*\.?$/;
const IPV6_RE = /^[0-9a-fA-F:.]+$/;

/** Adds the guard's reason (not a generic text) as the issue, so forms and the API say exactly why. */
const refuseWith = (why: (v: string) => string | null) => (v: string, ctx: z.RefinementCtx) => {
  const r = why(v);
  if (r) ctx.addIssue({ code: "custom", message: r });
};

/** A host name or an IP literal that is not a refused (link-local / metadata / unspecified / numeric-form) address. */
export const ProbeHostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .refine((h) => HOST_RE.test(h) || (h.includes(":") && IPV6_RE.test(h)), "a host name or IP address")
  .superRefine(refuseWith(addressRefusal));

const PortSchema = z.number().int().min(1).max(65535);

/** Host and port together: admin API ports (Docker's, Caddy's) and known admin endpoints are refused, on the port. */
function refuseAdminEndpoint(t: { host: string; port: number }, ctx: z.RefinementCtx): void {
  if (addressRefusal(t.host)) return; // already reported on the host
  const r = endpointRefusal(t.host, t.port, knownAdminEndpoints());
  if (r) ctx.addIssue({ code: "custom", message: r, path: ["port"] });
}

export const HttpTargetSchema = z.object({
  url: z.string().trim().max(2048).superRefine(refuseWith((u) => urlRefusal(u, knownAdminEndpoints()))),
  method: z.enum(["GET", "HEAD", "POST", "PUT", "OPTIONS"]).default("GET"),
  expectStatus: z
    .object({ min: z.number().int().min(100).max(599), max: z.number().int().min(100).max(599) })
    .refine((r) => r.min <= r.max, "min must not exceed max")
    .default({ min: 200, max: 399 })
    .describe("Accepted HTTP status range, inclusive"),
  keyword: z.string().min(1).max(256).optional().describe("Text the body must contain"),
  followRedirects: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(MAX_REDIRECTS).default(5),
  verifyTls: z.boolean().default(true).describe("Reject certificates that do not chain to a trusted CA"),
  tlsMinDaysValid: z.number().int().min(0).max(365).default(0).describe("Fail when the certificate expires in fewer days"),
});
export type HttpTarget = z.infer<typeof HttpTargetSchema>;

export const TcpTargetSchema = z.object({ host: ProbeHostSchema, port: PortSchema }).superRefine(refuseAdminEndpoint);
export type TcpTarget = z.infer<typeof TcpTargetSchema>;

export const DNS_RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "PTR", "CAA"] as const;
export const DnsTargetSchema = z.object({
  resolver: z.string().trim().max(64)
    .refine((r) => resolverAddress(r) !== null, "an IP address, optionally with :port ([v6]:port)")
    .superRefine(refuseWith((r) => { const a = resolverAddress(r); return a === null ? null : addressRefusal(a.host); })),
  name: ProbeHostSchema,
  recordType: z.enum(DNS_RECORD_TYPES).default("A"),
  expect: z.string().trim().max(256).optional().describe("A value that must be among the answers"),
});
export type DnsTarget = z.infer<typeof DnsTargetSchema>;

export const TlsTargetSchema = z.object({
  host: ProbeHostSchema,
  port: PortSchema.default(443),
  servername: z.string().max(253).optional(),
  verifyTls: z.boolean().default(true),
  tlsMinDaysValid: z.number().int().min(0).max(365).default(0),
}).superRefine(refuseAdminEndpoint);
export type TlsTarget = z.infer<typeof TlsTargetSchema>;

export const MAX_PING_COUNT = 5;
export const MAX_PING_WAIT_SEC = 10;
export const PingTargetSchema = z.object({
  host: ProbeHostSchema,
  count: z.number().int().min(1).max(MAX_PING_COUNT).default(3).describe("Echo requests per probe"),
  perPingTimeoutSec: z.number().int().min(1).max(MAX_PING_WAIT_SEC).default(2).describe("Seconds to wait for each reply"),
});
export type PingTarget = z.infer<typeof PingTargetSchema>;

export const MAX_PUSH_GRACE_SEC = 86_400;
/** A push check: no target to probe; it is down when no call arrives within its interval plus this grace. */
export const PushTargetSchema = z.object({
  graceSec: z.number().int().min(0).max(MAX_PUSH_GRACE_SEC).default(30).describe("Seconds of lateness tolerated after the interval before the check is down"),
});
export type PushTarget = z.infer<typeof PushTargetSchema>;

/** Addresses (`ip:port`, `name:port`, `[v6]:port`) and names the proof tries, at most this many of each. */
export const MAX_EGRESS_PROBES = 16;
const EgressAddressSchema = z.string().trim().max(260).regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$/, "an address and port such as 1.1.1.1:443");
const EgressNameSchema = z.string().trim().toLowerCase().max(253).regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, "a domain name such as example.com");

/**
 * The egress proof of one service: stored as `{ serviceId }`; the addresses and names come from
 * the settings and are added when the check travels to the agent (absent: nothing to try).
 * Nothing here is connected to by the control plane: the agent tries them from inside the
 * service's network namespace, and success is the failure.
 */
export const EgressTargetSchema = z.object({
  serviceId: z.string().min(1).max(64),
  targets: z.array(EgressAddressSchema).max(MAX_EGRESS_PROBES).optional(),
  names: z.array(EgressNameSchema).max(MAX_EGRESS_PROBES).optional(),
});
export type EgressTarget = z.infer<typeof EgressTargetSchema>;

export interface TargetByType {
  http: HttpTarget;
  https: HttpTarget;
  tcp: TcpTarget;
  dns: DnsTarget;
  tls: TlsTarget;
  ping: PingTarget;
  push: PushTarget;
  egress: EgressTarget;
}

/** One check to run: its type, the type's target and a timeout. */
export const CheckSpecSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("http"), target: HttpTargetSchema.refine((t) => t.url.trim().toLowerCase().startsWith("http:"), { message: "an http:// URL", path: ["url"] }) }),
  z.object({ type: z.literal("https"), target: HttpTargetSchema.refine((t) => t.url.trim().toLowerCase().startsWith("https:"), { message: "an https:// URL", path: ["url"] }) }),
  z.object({ type: z.literal("tcp"), target: TcpTargetSchema }),
  z.object({ type: z.literal("dns"), target: DnsTargetSchema }),
  z.object({ type: z.literal("tls"), target: TlsTargetSchema }),
  z.object({ type: z.literal("ping"), target: PingTargetSchema }),
  z.object({ type: z.literal("push"), target: PushTargetSchema }),
  z.object({ type: z.literal("egress"), target: EgressTargetSchema }),
]);
export type CheckSpec = z.infer<typeof CheckSpecSchema>;
export type CheckSpecInput = z.input<typeof CheckSpecSchema>;

export const TimingSchema = z.object({
  dnsMs: z.number().nullable(),
  connectMs: z.number().nullable(),
  tlsMs: z.number().nullable(),
  firstByteMs: z.number().nullable(),
});
export type Timing = z.infer<typeof TimingSchema>;

/**
 * Response header a Homeport proxy entry sets to the Route's id, so a probe can tell which entry
 * (and so which service) answered. Same value as FINGERPRINT_HEADER in lib/ingress (a test keeps
 * them equal; the engine cannot import the ingress domain).
 */
export const FINGERPRINT_HEADER = "X-Homeport-Route";
export const MAX_FINGERPRINT_CHARS = 128;
/** Visible ASCII only: a route id, never free text. */
const FINGERPRINT_RE = /^[\x21-\x7e]+$/;

export const FingerprintSchema = z
  .string()
  .min(1)
  .max(MAX_FINGERPRINT_CHARS)
  .regex(FINGERPRINT_RE, "visible ASCII characters only")
  .describe(`The ${FINGERPRINT_HEADER} response header: which Homeport proxy entry answered`);

/**
 * The fingerprint from a raw header value: the first value, trimmed, capped at
 * MAX_FINGERPRINT_CHARS; null when absent or not visible ASCII (a probe never fails over it).
 */
export function parseFingerprint(header: string | string[] | undefined): string | null {
  const raw = Array.isArray(header) ? header[0] : header;
  const v = raw?.trim().slice(0, MAX_FINGERPRINT_CHARS);
  return v && FINGERPRINT_RE.test(v) ? v : null;
}

/** What one probe found. `latencyMs` is the whole probe, DNS included. */
export const CheckResultSchema = z.object({
  ok: z.boolean(),
  errorClass: ErrorClassSchema.nullable(),
  message: z.string().nullable(),
  latencyMs: z.number().nullable(),
  timing: TimingSchema,
  statusCode: z.number().int().nullable(),
  tls: z.object({ expiresAt: z.string(), issuer: z.string(), daysLeft: z.number() }).nullable(),
  answers: z.array(z.string()).nullable(),
  // Optional on the wire: agents older than the fingerprint send none.
  fingerprint: FingerprintSchema.nullable().default(null),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** A result as a vantage point reports it: which check, when, and what it found. */
export const VantageResultSchema = CheckResultSchema.extend({
  checkId: z.string().min(1).max(64),
  at: z.string().datetime(),
});
export type VantageResult = z.infer<typeof VantageResultSchema>;

/** "192.0.2.53", "192.0.2.53:5353", "[2001:db8::53]:53" → host and port; null if malformed. */
export function resolverAddress(s: string): { host: string; port: number } | null {
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(s);
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(s);
  const bare6 = /^[0-9a-fA-F:]+$/.test(s) && s.includes(":") ? s : null;
  const host = v6?.[1] ?? v4?.[1] ?? bare6;
  const port = Number(v6?.[2] ?? v4?.[2] ?? 53);
  if (!host || !(port >= 1 && port <= 65535)) return null;
  if (v4 && v4[1]!.split(".").some((o) => Number(o) > 255)) return null;
  return { host, port };
}
