// Acknowledging an open incident: "someone is on it". Recorded once (who and when), audited,
// published on the event bus so open pages update; a repeat is a no-op that answers the first
// acknowledgement. An incident that has already ended cannot be acknowledged (409).
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { getEventBus } from "@/lib/events";
import { incidentRows } from "@/lib/probes";
import type { AcknowledgeResult } from "./schemas";

export async function acknowledgeIncident(
  db: Db,
  incidentId: string,
  actor: AuditActor & { name: string },
  opts: { note?: string; meta?: AuditOrigin; now?: Date } = {},
): Promise<AcknowledgeResult> {
  const now = opts.now ?? new Date();
  const result = await db.$transaction(async (tx) => {
    const found = await tx.incident.findUnique({ where: { id: incidentId }, include: { check: { select: { name: true } } } });
    if (!found) throw notFound("Incident");
    // The acknowledgement columns are plain; the incident's own (kind, times) come through its row parser.
    const inc = { ...found, ...incidentRows.columns(found) };
    if (inc.acknowledgedAt && inc.acknowledgedBy) {
      return { checkId: inc.checkId, view: { id: inc.id, acknowledgedAt: inc.acknowledgedAt.toISOString(), acknowledgedBy: inc.acknowledgedBy, already: true } };
    }
    if (inc.endedAt) throw new DomainError("conflict", `This incident already ended (${inc.check.name} recovered at ${inc.endedAt.toISOString()}); there is nothing to acknowledge`);
    // Only the first writer wins when two phones acknowledge at once.
    const claimed = await tx.incident.updateMany({ where: { id: incidentId, acknowledgedAt: null, endedAt: null }, data: { acknowledgedAt: now, acknowledgedBy: actor.name } });
    const row = await tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
    if (claimed.count === 0) {
      if (!row.acknowledgedAt) throw new DomainError("conflict", "This incident already ended; there is nothing to acknowledge");
      return { checkId: row.checkId, view: { id: row.id, acknowledgedAt: row.acknowledgedAt.toISOString(), acknowledgedBy: row.acknowledgedBy ?? "", already: true } };
    }
    await recordAudit(tx, {
      actor,
      action: "incident.acknowledge",
      target: { type: "incident", id: incidentId },
      details: { check: inc.check.name, checkId: inc.checkId, kind: inc.kind, ...(opts.note ? { note: opts.note } : {}) },
      meta: opts.meta,
    });
    return { checkId: row.checkId, view: { id: row.id, acknowledgedAt: now.toISOString(), acknowledgedBy: actor.name, already: false } };
  });
  if (!result.view.already) getEventBus().publish({ type: "incident/acknowledged", incidentId, checkId: result.checkId, by: result.view.acknowledgedBy });
  return result.view;
}
