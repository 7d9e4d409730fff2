// Writing one audit row: who did what to which object, when and from where.
import type { Db, Prisma } from "@/lib/db";
import type { RequestMeta } from "@/lib/api/request-meta";

export type DbOrTx = Db | Prisma.TransactionClient;

export interface AuditActor {
  type: "user" | "token" | "system" | "agent" | "anonymous";
  id?: string | null;
  name?: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  target?: { type: string; id?: string | null };
  details?: Record<string, unknown>;
  meta?: Pick<RequestMeta, "ip" | "userAgent">;
}

/** The row an audit entry becomes (also used by folded refusals). */
export function auditColumns(e: AuditEntry) {
  return {
    actorType: e.actor.type,
    actorId: e.actor.id ?? null,
    actorName: e.actor.name ?? null,
    action: e.action,
    targetType: e.target?.type ?? null,
    targetId: e.target?.id ?? null,
    ip: e.meta?.ip ?? null,
    userAgent: e.meta?.userAgent ?? null,
    details: e.details ? JSON.stringify(e.details) : null,
  };
}

export async function recordAudit(db: DbOrTx, e: AuditEntry): Promise<void> {
  await db.auditEvent.create({ data: auditColumns(e) });
}
