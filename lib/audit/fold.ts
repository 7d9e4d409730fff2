// Folded audit rows for refusals: repeats of one refusal (same action, address, actor and reason)
// within FOLD_SPAN_MS are one row whose `count` grows and `lastAt` moves, so a flood of refused
// attempts leaves a readable trail instead of one row per attempt.
import type { Db, Prisma } from "@/lib/db";
import { auditColumns, type AuditEntry } from "./record";
import { AuditDetailsColumn } from "./rows";

/** A folded row covers the repeats of at most this long after its first attempt. */
export const FOLD_SPAN_MS = 60 * 60_000;
/** Candidate rows read per fold (one per distinct reason, so a handful in practice). */
const MAX_CANDIDATES = 50;

export interface RefusalEntry extends AuditEntry {
  /** Why it was refused; part of the fold key and stored as `details.reason`. */
  reason: string;
}

/** The refusal reason a row's details carry; none for details that do not parse (such a row is never folded into). */
function reasonOf(details: string | null): unknown {
  const r = AuditDetailsColumn.safeParse(details);
  return r.success ? r.data?.reason : undefined;
}

async function foldIn(tx: Prisma.TransactionClient, e: RefusalEntry, now: Date): Promise<{ id: string; count: number }> {
  const candidates = await tx.auditEvent.findMany({
    where: {
      action: e.action,
      at: { gte: new Date(now.getTime() - FOLD_SPAN_MS) },
      ip: e.meta?.ip ?? null,
      actorType: e.actor.type,
      actorId: e.actor.id ?? null,
      actorName: e.actor.name ?? null,
    },
    orderBy: { at: "desc" },
    take: MAX_CANDIDATES,
    select: { id: true, details: true },
  });
  const same = candidates.find((c) => reasonOf(c.details) === e.reason);
  if (same) {
    const row = await tx.auditEvent.update({ where: { id: same.id }, data: { count: { increment: 1 }, lastAt: now }, select: { id: true, count: true } });
    return row;
  }
  return tx.auditEvent.create({
    data: { ...auditColumns({ ...e, details: { reason: e.reason, ...e.details } }), at: now },
    select: { id: true, count: true },
  });
}

/**
 * Records a refusal, folded into the matching row of the last FOLD_SPAN_MS when there is one.
 * The look-up and the write share a transaction, so parallel refusals count each other.
 * Returns the row and its count after this refusal.
 */
export async function recordRefusal(db: Db, e: RefusalEntry, now = new Date()): Promise<{ id: string; count: number }> {
  return db.$transaction((tx) => foldIn(tx, e, now));
}
