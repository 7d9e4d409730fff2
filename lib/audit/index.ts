// The audit trail: every mutation records who did what to which object, when and from where.
// Callers pass the transaction they mutate in, so the change and its audit row commit together.
// Refusals are folded (fold.ts) and old rows pruned (retention.ts).
import type { z } from "zod";
import type { Db } from "@/lib/db";
import { getDb } from "@/lib/db";
import { type PageQuery, type Page, findPage } from "@/lib/db/pagination";
import { auditEventRows, auditEventView } from "./rows";
import type { AuditEventView, AuditQuerySchema } from "./schemas";

export * from "./schemas";
export { auditEventRows, auditEventView, type AuditEventRecord } from "./rows";

export { auditColumns, recordAudit, SYSTEM_ORIGIN, type AuditActor, type AuditEntry, type AuditOrigin, type DbOrTx } from "./record";

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
    (r) => auditEventView(auditEventRows.parse(r)),
  );
}

export { recordRefusal, FOLD_SPAN_MS, type RefusalEntry } from "./fold";
export { pruneAuditEvents, AUDIT_PRUNE_BATCH } from "./retention";
