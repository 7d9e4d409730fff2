// zod schemas of public status pages: the admin's input and view, and the public, read-only view
// (an allow-list: names, states, uptime, a history bar and incident start times; nothing internal).
import { z } from "zod";
import { CheckGroupSchema } from "@/lib/probes/schemas";

export const MAX_STATUS_PAGES = 50;
export const MAX_STATUS_PAGE_GROUPS = 20;
/** Hours in a check's public history bar (one segment each). */
export const HISTORY_HOURS = 24;

export const StatusSlugSchema = z
  .string()
  .trim()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lower-case letters, digits and dashes (not first or last)");

export const StatusPageInputSchema = z
  .object({
    slug: StatusSlugSchema.describe("The address: /status/<slug>"),
    title: z.string().trim().min(1).max(80),
    description: z.string().trim().max(500).default(""),
    groups: z
      .array(CheckGroupSchema)
      .min(1, "choose at least one group")
      .max(MAX_STATUS_PAGE_GROUPS)
      .refine((g) => new Set(g).size === g.length, "a group is listed twice")
      .describe("Check groups shown, in this order"),
    published: z.boolean().default(true).describe("Unpublished pages answer 404 like unknown ones"),
  })
  .strict();
export type StatusPageInput = z.infer<typeof StatusPageInputSchema>;

export const StatusPageSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  groups: z.array(z.string()),
  published: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StatusPageView = z.infer<typeof StatusPageSchema>;

export const PublicCheckStateSchema = z.enum(["up", "degraded", "down", "maintenance", "paused", "unknown"]);
export type PublicCheckState = z.infer<typeof PublicCheckStateSchema>;
export const HistorySegmentSchema = z.enum(["up", "partial", "down", "none"]);
export type HistorySegment = z.infer<typeof HistorySegmentSchema>;

export const PublicStatusSchema = z
  .object({
    title: z.string(),
    description: z.string(),
    overall: z.enum(["operational", "degraded", "outage", "unknown"]),
    generatedAt: z.string(),
    groups: z.array(
      z.object({
        name: z.string(),
        checks: z.array(
          z
            .object({
              name: z.string(),
              state: PublicCheckStateSchema,
              uptime24h: z.number().nullable().describe("percent"),
              uptime30d: z.number().nullable().describe("percent"),
              history: z.array(HistorySegmentSchema).describe(`${HISTORY_HOURS} hourly segments, oldest first`),
              incidentsSince: z.array(z.string()).describe("Start times of open incidents"),
            })
            .strict(),
        ),
      }).strict(),
    ),
  })
  .strict();
export type PublicStatus = z.infer<typeof PublicStatusSchema>;
