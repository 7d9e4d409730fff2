// The overview's data (browser-safe): what needs attention, the first-run checklist and the summary.
import { z } from "zod";

export const AttentionSeveritySchema = z.enum(["critical", "warning", "info"]);
export type AttentionSeverity = z.infer<typeof AttentionSeveritySchema>;

export const AttentionKindSchema = z.enum([
  "incident", "service-down", "deploy-failed", "route-side", "agent-offline", "agent-revoked",
  "dns-error", "dns-drift", "caddy-unreachable", "tunnel-unreachable", "unplaced-service", "totp-off",
]);
export type AttentionKind = z.infer<typeof AttentionKindSchema>;

export const AttentionItemSchema = z.object({
  kind: AttentionKindSchema,
  severity: AttentionSeveritySchema,
  /** A short line: what is broken. */
  title: z.string(),
  /** One more line: the reason or the detail (error text, state), or null. */
  detail: z.string().nullable(),
  /** Where to act. */
  href: z.string(),
  /** Since when it has been broken (ISO), when known. */
  since: z.string().nullable(),
});
export type AttentionItem = z.infer<typeof AttentionItemSchema>;

export const ChecklistStepIdSchema = z.enum(["host", "service", "dns", "proxy", "route", "notifications"]);
export type ChecklistStepId = z.infer<typeof ChecklistStepIdSchema>;

export const ChecklistStepSchema = z.object({
  id: ChecklistStepIdSchema,
  title: z.string(),
  text: z.string(),
  href: z.string(),
  cta: z.string(),
  done: z.boolean(),
});
export type ChecklistStep = z.infer<typeof ChecklistStepSchema>;

export const ChecklistSchema = z.object({
  steps: z.array(ChecklistStepSchema),
  done: z.number().int(),
  total: z.number().int(),
  complete: z.boolean(),
});
export type Checklist = z.infer<typeof ChecklistSchema>;

export const OverviewSummarySchema = z.object({
  services: z.object({ total: z.number().int(), running: z.number().int(), stopped: z.number().int(), failed: z.number().int(), notPlaced: z.number().int() }),
  hosts: z.object({ total: z.number().int(), online: z.number().int() }),
  checks: z.object({ total: z.number().int(), up: z.number().int(), down: z.number().int(), degraded: z.number().int(), paused: z.number().int() }),
  routes: z.object({ total: z.number().int() }),
});
export type OverviewSummary = z.infer<typeof OverviewSummarySchema>;

export const RecentActivitySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
});
export type RecentActivity = z.infer<typeof RecentActivitySchema>;

export const OverviewSchema = z.object({
  generatedAt: z.string(),
  /** Attention items in the order shown: most severe first. */
  attention: z.array(AttentionItemSchema),
  /** How many items there are in all (the list is capped). */
  attentionTotal: z.number().int(),
  checklist: ChecklistSchema,
  summary: OverviewSummarySchema,
  recent: z.array(RecentActivitySchema),
  /** False on the user's very first sign-in: greet with "Welcome", not "Welcome back". */
  returning: z.boolean(),
});
export type Overview = z.infer<typeof OverviewSchema>;
