// The exposure report's shapes (the attacker's view): findings, per-scan rows, the report view, the
// history row and the scan request. zod only, safe to import from client components.
import { z } from "zod";

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const FINDING_RULES = [
  "unexpected-public-port",
  "admin-port-reachable",
  "lan-only-reachable-remotely",
  "http-without-tls-remote",
  "ssh-from-away",
  "privileged",
  "host-network",
  "host-pid",
  "docker-socket",
  "sensitive-mount",
  "runs-as-root",
  "no-limits",
  "latest-tag",
  "old-image",
] as const;
export const FindingRuleSchema = z.enum(FINDING_RULES);
export type FindingRule = z.infer<typeof FindingRuleSchema>;

export const VantageKindSchema = z.enum(["lan", "remote"]);
export type VantageKind = z.infer<typeof VantageKindSchema>;

export const VantageRefSchema = z.object({ id: z.string(), name: z.string(), kind: VantageKindSchema });
export type VantageRef = z.infer<typeof VantageRefSchema>;

export const FindingSchema = z.object({
  /** Stable across reports: rule + host + port + vantage/container, so a diff can match. */
  key: z.string(),
  rule: z.string(),
  severity: SeveritySchema,
  category: z.enum(["exposure", "posture"]),
  title: z.string(),
  detail: z.string(),
  /** What to do, one or two sentences. */
  fix: z.string(),
  hostId: z.string(),
  hostName: z.string(),
  address: z.string().optional(),
  port: z.number().int().optional(),
  vantage: VantageRefSchema.optional(),
  serviceId: z.string().optional(),
  serviceName: z.string().optional(),
  containerName: z.string().optional(),
  /** Not in the previous finished report. */
  isNew: z.boolean(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const SeverityCountsSchema = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
});
export type SeverityCounts = z.infer<typeof SeverityCountsSchema>;

export const ScanRowSchema = z.object({
  vantageId: z.string(),
  vantageName: z.string(),
  vantageKind: VantageKindSchema,
  hostId: z.string(),
  hostName: z.string(),
  address: z.string(),
  portsTried: z.number().int(),
  open: z.array(z.number().int()),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
export type ScanRow = z.infer<typeof ScanRowSchema>;

export const ResolvedFindingSchema = z.object({ key: z.string(), title: z.string(), severity: SeveritySchema });
export const ReportDiffSchema = z.object({
  previousId: z.string().nullable(),
  newCount: z.number().int(),
  resolved: z.array(ResolvedFindingSchema),
});
export type ReportDiff = z.infer<typeof ReportDiffSchema>;

export const ReportStatusSchema = z.enum(["running", "done", "failed"]);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;

export const ExposureReportViewSchema = z.object({
  id: z.string(),
  status: ReportStatusSchema,
  trigger: z.string(),
  actor: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** 0–100, 100 = nothing found; null while running. */
  score: z.number().int().min(0).max(100).nullable(),
  counts: SeverityCountsSchema,
  /** Ranked: severity, then new first, then host/port. */
  findings: z.array(FindingSchema),
  scans: z.array(ScanRowSchema),
  diff: ReportDiffSchema.nullable(),
  error: z.string().nullable(),
});
export type ExposureReportView = z.infer<typeof ExposureReportViewSchema>;

export const ExposureReportSummarySchema = z.object({
  id: z.string(),
  status: ReportStatusSchema,
  trigger: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  score: z.number().int().min(0).max(100).nullable(),
  counts: SeverityCountsSchema,
  newCount: z.number().int(),
  resolvedCount: z.number().int(),
});
export type ExposureReportSummary = z.infer<typeof ExposureReportSummarySchema>;

export const ExposureReportPageSchema = z.object({
  items: z.array(ExposureReportSummarySchema),
  nextCursor: z.string().nullable(),
});
export type ExposureReportPage = z.infer<typeof ExposureReportPageSchema>;

export const MAX_SCAN_PORTS = 2000;
export const PortSchema = z.number().int().min(1).max(65535);

export const ScanRequestSchema = z
  .object({
    ports: z
      .union([z.literal("default"), z.literal("published"), z.array(PortSchema).min(1).max(MAX_SCAN_PORTS)])
      .default("default"),
    vantageIds: z.array(z.string().min(1).max(64)).max(100).optional(),
  })
  .strict();
export type ScanRequest = z.infer<typeof ScanRequestSchema>;
export type ScanRequestInput = z.input<typeof ScanRequestSchema>;

export const ScanStartedSchema = z.object({ id: z.string() });

export const ReportListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(64).optional(),
});

/** The bus event when a report starts and when it finishes. */
export const ExposureReportEventSchema = z.object({
  type: z.literal("exposure/report"),
  id: z.string(),
  status: ReportStatusSchema,
  score: z.number().int().nullable(),
});
