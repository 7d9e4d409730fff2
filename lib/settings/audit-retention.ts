// The audit retention job: every AUDIT_RETENTION_EVERY_MS, deletes audit rows older than the
// `auditRetentionDays` setting (read on each run, so a change applies without a restart).
import type { Db } from "@/lib/db";
import type { Schedulers } from "@/lib/schedulers";
import { pruneAuditEvents } from "@/lib/audit";
import { log } from "@/lib/log";
import { getSetting } from "./store";

export const AUDIT_RETENTION_EVERY_MS = 10 * 60_000;

/** One pass: prunes with the current setting; returns how many rows went. */
export async function runAuditRetention(db: Db, now = new Date()): Promise<number> {
  const days = await getSetting(db, "auditRetentionDays");
  const deleted = await pruneAuditEvents(db, days, now);
  if (deleted > 0) log.info("audit", "pruned old audit events", { deleted, retentionDays: days });
  return deleted;
}

export function scheduleAuditRetention(schedulers: Schedulers, getDb: () => Db): void {
  schedulers.every("audit-retention", AUDIT_RETENTION_EVERY_MS, async () => {
    await runAuditRetention(getDb());
  });
}
