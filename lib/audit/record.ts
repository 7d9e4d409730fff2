// Writing one audit row: who did what to which object, when and from where.
import type { Db, Prisma } from "@/lib/db";
import type { AuditActorType } from "./schemas";

export type DbOrTx = Db | Prisma.TransactionClient;

export interface AuditActor {
  type: AuditActorType;
  id?: string | null;
  name?: string | null;
}

/**
 * Where an audited change came from, as far as Homeport can tell: the client's address and user
 * agent for a request; nulls (or Homeport's own name) for work Homeport started itself.
 */
export interface AuditOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** The origin of work Homeport does on its own (reconcilers, schedulers, the local agent's set-up). */
export const SYSTEM_ORIGIN: AuditOrigin = { ip: null, userAgent: "homeport" };

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  target?: { type: string; id?: string | null };
  details?: Record<string, unknown>;
  meta?: AuditOrigin;
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
