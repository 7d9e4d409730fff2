// zod schemas of the audit trail as the API, the OpenAPI document and the audit page see it.
// Safe to import from client components.
import { z } from "zod";

/** Who acted: a signed-in user, an API token, Homeport itself, a host's agent, or nobody signed in. */
export const AuditActorTypeSchema = z.enum(["user", "token", "system", "agent", "anonymous"]);
export type AuditActorType = z.infer<typeof AuditActorTypeSchema>;

/** What an audit row says beyond who, what and which object (e.g. a change's from and to). */
export const AuditDetailsSchema = z.record(z.string(), z.unknown());

export const AuditQuerySchema = z.object({
  action: z.string().max(64).optional().describe("Only events whose action starts with this"),
  targetType: z.string().max(32).optional(),
  targetId: z.string().max(64).optional(),
});

export const AuditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorType: AuditActorTypeSchema,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: AuditDetailsSchema.nullable(),
  count: z.number().int().min(1).describe("How many repeats this row stands for (refusals from one address are folded)"),
  lastAt: z.string().nullable().describe("When the last folded repeat happened; null when count is 1"),
});
export type AuditEventView = z.infer<typeof AuditEventSchema>;
