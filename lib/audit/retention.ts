// Audit retention: deletes rows older than the retention period in small batches, so a large
// backlog never holds the database's write lock for long. A folded row is kept while its last
// repeat is within the period.
import type { Db } from "@/lib/db";

export const AUDIT_PRUNE_BATCH = 500;
/** One run deletes at most this many batches; the next run continues. */
export const AUDIT_PRUNE_MAX_BATCHES = 200;
const DAY_MS = 86_400_000;

/** Deletes audit rows older than `retentionDays`; returns how many went. */
export async function pruneAuditEvents(
  db: Db,
  retentionDays: number,
  now = new Date(),
  opts: { batch?: number; maxBatches?: number } = {},
): Promise<number> {
  const batch = opts.batch ?? AUDIT_PRUNE_BATCH;
  const maxBatches = opts.maxBatches ?? AUDIT_PRUNE_MAX_BATCHES;
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const where = { at: { lt: cutoff }, OR: [{ lastAt: null }, { lastAt: { lt: cutoff } }] };
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const ids = (await db.auditEvent.findMany({ where, select: { id: true }, orderBy: { at: "asc" }, take: batch })).map((r) => r.id);
    if (ids.length === 0) break;
    deleted += (await db.auditEvent.deleteMany({ where: { id: { in: ids } } })).count;
    if (ids.length < batch) break;
    // Let queued requests take the write lock between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return deleted;
}
