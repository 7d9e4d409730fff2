// The audit trail: every mutation records who did what to which object, when and from where.
// Callers pass the transaction they mutate in, so the change and its audit row commit together.
// Refusals are folded (fold.ts) and old rows pruned (retention.ts).
import { z } from "zod";
import type { Db } from "@/lib/db";
import { getDb } from "@/lib/db";
import { type PageQuery, type Page, findPage } from "@/lib/db/pagination";

export { auditColumns, recordAudit, SYSTEM_ORIGIN, type AuditActor, type AuditEntry, type AuditOrigin, type DbOrTx } from "./record";

export const AuditQuerySchema = z.object({
  action: z.string().max(64).optional().describe("Only events whose action starts with this"),
  targetType: z.string().max(32).optional(),
  targetId: z.string().max(64).optional(),
});

export const AuditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  count: z.number().int().min(1).describe("How many repeats this row stands for (refusals from one address are folded)"),
  lastAt: z.string().nullable().describe("When the last folded repeat happened; null when count is 1"),
});
export type AuditEventView = z.infer<typeof AuditEventSchema>;

export async function listAuditEvents(
  q: PageQuery & z.infer<typeof AuditQuerySchema>,
  db: Db = getDb(),
): Promise<Page<AuditEventView>> {
  const where = {
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.targetType ? { targetType: q.targetType } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
  };
  return findPage(
    q,
    (args) => db.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], ...args }),
    (r) => ({ ...r, at: r.at.toISOString(), lastAt: r.lastAt?.toISOString() ?? null, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }),
  );
}

export { recordRefusal, FOLD_SPAN_MS, type RefusalEntry } from "./fold";
export { pruneAuditEvents, AUDIT_PRUNE_BATCH } from "./retention";
