// zod schemas of the reachability domain as the API, the OpenAPI document and the forms see it:
// checks, vantage points, notification channels, results, incidents. Safe for client components.
import { z } from "zod";
import { CheckSpecSchema, CheckTypeSchema, ErrorClassSchema, HttpTargetSchema, DnsTargetSchema, TcpTargetSchema, TlsTargetSchema, PingTargetSchema, PushTargetSchema, EgressTargetSchema, MAX_TIMEOUT_MS } from "./engine/schemas";
import { CHANNEL_CATALOG, CHANNEL_KINDS, type ChannelKind } from "./notify/catalog";

export const CONTROL_PLANE_VANTAGE_ID = "control-plane";
/** Results stamped further ahead of the control plane's clock than this are refused (from agents and over HTTP alike). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
export const MIN_INTERVAL_SEC = 10;
export const MAX_INTERVAL_SEC = 86_400;
export const MAX_BULK_CHECKS = 5_000;

export const VantageKindSchema = z.enum(["lan", "remote"]);
export type VantageKind = z.infer<typeof VantageKindSchema>;

/** A vantage id, or a selector of every vantage point of a kind. */
export const VantageSelectorSchema = z.union([
  z.enum(["kind:lan", "kind:remote"]),
  z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/, "a vantage point id"),
]);
export type VantageSelector = z.infer<typeof VantageSelectorSchema>;

/** reachable: up when the probe succeeds. unreachable: up when it fails (an exposure check). */
export const CHECK_EXPECTATIONS = ["reachable", "unreachable"] as const;
export const CheckExpectationSchema = z
  .enum(CHECK_EXPECTATIONS)
  .describe("reachable (default): up when the probe succeeds. unreachable: an exposure check, up when the probe fails from every selected vantage point and down (error class \"exposed\") when it answers");
export type CheckExpectation = z.infer<typeof CheckExpectationSchema>;

export const CheckStatusSchema = z.enum(["up", "down", "degraded", "unknown"]);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;
export const CellStatusSchema = z.enum(["up", "down", "unknown"]);
export type CellStatus = z.infer<typeof CellStatusSchema>;

// ── tags and groups ──
export const MAX_CHECK_TAGS = 12;
export const MAX_LABEL_CHARS = 32;
export const MAX_GROUP_CHARS = 64;
const LABEL_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._:/-]*$/u;
const LABEL_HINT = "letters, digits, spaces and . _ : / - (starting with a letter or digit)";
/** One short label of a check ("media", "critical"). */
export const CheckTagSchema = z.string().trim().min(1, "empty tag").max(MAX_LABEL_CHARS, `at most ${MAX_LABEL_CHARS} characters`).regex(LABEL_PATTERN, LABEL_HINT);
/** The group a check is shown in (and the unit a status page publishes). */
export const CheckGroupSchema = z.string().trim().min(1, "empty group").max(MAX_GROUP_CHARS, `at most ${MAX_GROUP_CHARS} characters`).regex(LABEL_PATTERN, LABEL_HINT);
export const CheckTagsSchema = z
  .array(CheckTagSchema)
  .max(MAX_CHECK_TAGS, `at most ${MAX_CHECK_TAGS} tags`)
  .refine((tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length, "a tag is listed twice")
  .describe(`Short labels to filter by (at most ${MAX_CHECK_TAGS})`);

const checkSettings = {
  name: z.string().trim().min(1).max(120),
  intervalSec: z.number().int().min(MIN_INTERVAL_SEC).max(MAX_INTERVAL_SEC).describe("Seconds between probes"),
  timeoutMs: z.number().int().min(100).max(MAX_TIMEOUT_MS),
  retries: z.number().int().min(0).max(10).describe("Consecutive failures tolerated before a vantage point counts as down"),
  vantages: z.array(VantageSelectorSchema).max(64).describe("Vantage ids or kind:lan / kind:remote; empty = every vantage point"),
  channels: z.array(z.string().min(1).max(64)).max(32).describe("Notification channel ids that hear about this check's incidents"),
  enabled: z.boolean(),
  expectation: CheckExpectationSchema,
  tags: CheckTagsSchema,
  groupName: CheckGroupSchema.nullable().describe("The group the check is listed under; status pages publish whole groups"),
};

export const CheckCreateSchema = z.intersection(
  CheckSpecSchema,
  z.object({
    ...checkSettings,
    intervalSec: checkSettings.intervalSec.default(60),
    timeoutMs: checkSettings.timeoutMs.default(10_000),
    retries: checkSettings.retries.default(1),
    vantages: checkSettings.vantages.default([]),
    channels: checkSettings.channels.default([]),
    enabled: checkSettings.enabled.default(true),
    expectation: checkSettings.expectation.default("reachable"),
    tags: checkSettings.tags.default([]),
    groupName: checkSettings.groupName.default(null),
  }),
);
export type CheckCreateInput = z.infer<typeof CheckCreateSchema>;

export const CheckBulkCreateSchema = z.object({ checks: z.array(CheckCreateSchema).min(1).max(MAX_BULK_CHECKS) });

/** PATCH: settings, and a whole new target (type and target together) if given. */
export const CheckUpdateSchema = z
  .object({
    ...checkSettings,
    type: CheckTypeSchema,
    target: z.unknown(),
  })
  .partial()
  .strict()
  .refine((s) => Object.keys(s).length > 0, "nothing to change")
  .refine((s) => (s.type === undefined) === (s.target === undefined), { message: "type and target change together", path: ["target"] });
export type CheckUpdateInput = z.infer<typeof CheckUpdateSchema>;

export const CellSchema = z.object({
  vantageId: z.string(),
  status: CellStatusSchema,
  errorClass: ErrorClassSchema.nullable(),
  message: z.string().nullable(),
  latencyMs: z.number().nullable(),
  lastAt: z.string().nullable(),
  fingerprint: z.string().nullable().describe("The X-Homeport-Route header of the last answer: which Homeport proxy entry answered"),
});
export type CellView = z.infer<typeof CellSchema>;

export const CheckSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: CheckTypeSchema,
  // The egress target before push: push's only field has a default, so it would take any object.
  target: z.union([HttpTargetSchema, TcpTargetSchema, DnsTargetSchema, TlsTargetSchema, PingTargetSchema, EgressTargetSchema, PushTargetSchema]),
  description: z.string(),
  intervalSec: z.number().int(),
  timeoutMs: z.number().int(),
  retries: z.number().int(),
  vantages: z.array(z.string()),
  channels: z.array(z.string()),
  enabled: z.boolean(),
  expectation: CheckExpectationSchema,
  source: z.enum(["manual", "route", "service"]),
  sourceKey: z.string().nullable(),
  status: CheckStatusSchema,
  statusSince: z.string().nullable(),
  tags: z.array(z.string()),
  groupName: z.string().nullable(),
  pausedAt: z.string().nullable().describe("When the check was paused (not probed, no incidents, no notifications); null while it runs"),
  pausedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CheckView = z.infer<typeof CheckSchema>;

export const VantageSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: VantageKindSchema,
  enabled: z.boolean(),
  lastSeenAt: z.string().nullable(),
});
export type VantageView = z.infer<typeof VantageSchema>;

export const VantageUpsertSchema = z.object({
  id: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/),
  name: z.string().trim().min(1).max(64),
  kind: VantageKindSchema,
  enabled: z.boolean().default(true),
});

export const ResultSchema = z.object({
  id: z.number().int(),
  checkId: z.string(),
  vantageId: z.string(),
  at: z.string(),
  ok: z.boolean(),
  errorClass: z.string().nullable(),
  message: z.string().nullable(),
  latencyMs: z.number().nullable(),
  dnsMs: z.number().nullable(),
  connectMs: z.number().nullable(),
  tlsMs: z.number().nullable(),
  firstByteMs: z.number().nullable(),
  statusCode: z.number().nullable(),
  tlsExpiresAt: z.string().nullable(),
  tlsIssuer: z.string().nullable(),
  fingerprint: z.string().nullable().describe("The X-Homeport-Route header of the answer"),
});
export type ResultView = z.infer<typeof ResultSchema>;

export const HistoryQuerySchema = z.object({
  vantageId: z.string().max(64).optional(),
  before: z.coerce.number().int().positive().optional().describe("Only results with a smaller id (the previous page's nextCursor)"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const IncidentSchema = z.object({
  id: z.string(),
  checkId: z.string(),
  checkName: z.string(),
  kind: z.enum(["down", "degraded"]),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  vantages: z.array(z.string()),
  errorClass: z.string().nullable(),
  message: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type IncidentView = z.infer<typeof IncidentSchema>;

/** GET /checks filters besides paging. */
export const CheckFilterQuerySchema = z.object({
  q: z.string().trim().max(100).optional().describe("Filter by name (substring)"),
  tag: CheckTagSchema.optional().describe("Only checks with this tag"),
  group: z.union([z.literal(""), CheckGroupSchema]).optional().describe("Only checks of this group (empty: checks in no group)"),
});

export const CheckPauseSchema = z.object({ paused: z.boolean().describe("true pauses the check, false resumes it") }).strict();

// ── maintenance windows ──
/** A window may last at most this long (a forgotten "forever" window would silence every alert). */
export const MAX_MAINTENANCE_MS = 31 * 86_400_000;
export const MAX_MAINTENANCE_WINDOWS = 200;
export const MAX_MAINTENANCE_CHECKS = 500;

export const MaintenanceInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    startsAt: z.iso.datetime({ offset: true }).describe("ISO 8601 start"),
    endsAt: z.iso.datetime({ offset: true }).describe("ISO 8601 end, after the start"),
    all: z.boolean().default(false).describe("Every check (checkIds and groups are then ignored)"),
    checkIds: z.array(z.string().min(1).max(64)).max(MAX_MAINTENANCE_CHECKS).default([]),
    groups: z.array(CheckGroupSchema).max(64).default([]),
  })
  .strict()
  .refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), { message: "the end must be after the start", path: ["endsAt"] })
  .refine((m) => Date.parse(m.endsAt) - Date.parse(m.startsAt) <= MAX_MAINTENANCE_MS, { message: `a window lasts at most ${MAX_MAINTENANCE_MS / 86_400_000} days`, path: ["endsAt"] })
  .refine((m) => m.all || m.checkIds.length + m.groups.length > 0, { message: "choose checks, groups, or all checks", path: ["checkIds"] });
export type MaintenanceInput = z.infer<typeof MaintenanceInputSchema>;

export const MaintenanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  all: z.boolean(),
  checkIds: z.array(z.string()),
  groups: z.array(z.string()),
  state: z.enum(["scheduled", "active", "ended"]),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type MaintenanceView = z.infer<typeof MaintenanceSchema>;

// ── notification channels ──

export { WebhookConfigSchema } from "./notify/webhook/descriptor";
export { NtfyConfigSchema } from "./notify/ntfy/descriptor";
export { EmailConfigSchema } from "./notify/email/descriptor";
export type { ChannelKind } from "./notify/catalog";

export const ChannelKindSchema = z.enum(CHANNEL_KINDS);

const channelBase = { name: z.string().trim().min(1).max(64), enabled: z.boolean().default(true), secret: z.string().max(1024).optional().describe("SMTP password or bearer token; stored encrypted, never returned") };
const channelOptions = CHANNEL_KINDS.map((kind) => z.object({ ...channelBase, kind: z.literal(kind), config: CHANNEL_CATALOG[kind].configSchema }));
/** One object per kind of the catalog, its config checked by the kind's own schema. */
export const ChannelCreateSchema = z.discriminatedUnion("kind", [channelOptions[0]!, ...channelOptions.slice(1)]);
export type ChannelCreateInput = z.infer<typeof ChannelCreateSchema>;

/** The endpoint fields (the catalog's, per kind) whose value differs between two configs of one kind. */
export function movedChannelKeys(kind: ChannelKind, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const norm = (v: unknown) => (typeof v === "string" ? v.trim().replace(/\/+$/, "") : v === undefined || v === null ? "" : String(v));
  return CHANNEL_CATALOG[kind].endpointKeys.filter((k) => norm(before[k]) !== norm(after[k]));
}

export const ChannelUpdateSchema = z
  .object({
    name: channelBase.name,
    enabled: z.boolean(),
    secret: z.string().max(1024).nullable().describe("A new secret; null or empty removes it, omitted keeps it. Required when the URL (or SMTP host, port, TLS) changes on a channel with a secret"),
    config: z.unknown(),
  })
  .partial()
  .strict()
  .refine((s) => Object.keys(s).length > 0, "nothing to change");
export type ChannelUpdateInput = z.infer<typeof ChannelUpdateSchema>;

export const ChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: ChannelKindSchema,
  config: z.record(z.string(), z.unknown()),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  createdAt: z.string(),
});
export type ChannelView = z.infer<typeof ChannelSchema>;

export const DeliverySchema = z.object({
  id: z.string(),
  channelId: z.string(),
  incidentId: z.string().nullable(),
  event: z.string(),
  status: z.enum(["pending", "sent", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof DeliverySchema>;

// ── read-model responses (the OpenAPI document; lib/probes/openapi.ts checks at compile time that
// the query functions' return types fit them) ──

export const UptimeWindowSchema = z.enum(["24h", "7d", "30d"]);

export const MatrixSchema = z.object({
  vantages: z.array(VantageSchema),
  rows: z.array(z.object({ check: CheckSchema, status: CheckStatusSchema, cells: z.array(CellSchema.nullable()).describe("One per vantage column; null where the check does not run") })),
  nextCursor: z.string().nullable(),
});

export const CheckHistorySchema = z.object({ items: z.array(ResultSchema), nextCursor: z.number().int().nullable().describe("Pass as ?before= for older results") });

export const CheckStatsSchema = z.object({
  uptime: z.record(z.string(), z.record(UptimeWindowSchema, z.number().nullable())).describe("Per vantage id: uptime (%) per window"),
  series: z.array(z.object({ t: z.number(), values: z.record(z.string(), z.object({ latencyMs: z.number().nullable(), uptime: z.number() })) })),
});

export const ChecksCreatedSchema = z.object({ created: z.number().int(), ids: z.array(z.string()) });

export const IngestSummarySchema = z.object({
  stored: z.number().int(),
  ignored: z.number().int().describe("Results for checks that no longer exist"),
  late: z.number().int().describe("Results stored as history only: no newer than their vantage point's last verdict for the check"),
  statusChanges: z.number().int(),
  incidentsOpened: z.number().int(),
  incidentsClosed: z.number().int(),
  refused: z.number().int().describe("Results refused and not stored: for checks not assigned to this vantage point, disabled or unknown checks, or dated too far ahead of the control plane's clock"),
  refusedReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })).describe("Why results were refused, with how many each"),
});
