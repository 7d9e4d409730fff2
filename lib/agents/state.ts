// Observed container state: a snapshot replaces a host's ContainerState rows; a Docker event
// updates or removes one row. Pure row mapping plus two small writers. New rows of a snapshot are
// inserted with plain multi-row INSERTs (Prisma's createMany cost ~40 ms per 50 rows on this
// machine, the bulk of an agent's first connect; the INSERT about half), written as Prisma writes them.
import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "@/lib/db";
import type { ContainerState } from "@/lib/generated/prisma/client";
import type { ContainerSummary } from "@/lib/protocol";
import type { ContainerStateView } from "./schemas";

function columns(c: ContainerSummary, at: Date) {
  return {
    name: c.name,
    image: c.image,
    state: c.state,
    status: c.status,
    health: c.health,
    exitCode: c.exitCode,
    managed: c.managed,
    serviceId: c.serviceId,
    specHash: c.specHash,
    ports: JSON.stringify(c.ports),
    startedAt: c.startedAt ? new Date(c.startedAt) : null,
    // Absent (an older agent, or an event that carries no image): the stored digest stays.
    ...(c.imageDigest !== undefined && { imageDigest: c.imageDigest }),
    observedAt: at,
  };
}

/** The view of a summary as the browser will see it (before or without a database round trip). */
export function containerView(hostId: string, c: ContainerSummary, at = new Date()): ContainerStateView {
  return { hostId, containerId: c.id, ...columns(c, at), ports: c.ports, startedAt: c.startedAt, observedAt: at.toISOString() };
}

type Columns = ReturnType<typeof columns>;

/** Rows per INSERT statement (16 parameters each, well under SQLite's parameter limit). */
const INSERT_CHUNK_ROWS = 50;
/** A DateTime as Prisma stores it in SQLite (text, +00:00), so comparisons and ordering stay right. */
const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

async function insertRows(tx: Prisma.TransactionClient, hostId: string, containers: ContainerSummary[], at: Date): Promise<void> {
  const observed = sqliteTime(at);
  for (let i = 0; i < containers.length; i += INSERT_CHUNK_ROWS) {
    const chunk = containers.slice(i, i + INSERT_CHUNK_ROWS);
    const values = chunk.map(() => "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)").join(",");
    const params = chunk.flatMap((c) => {
      const started = c.startedAt ? new Date(c.startedAt) : null;
      return [
        randomUUID(), hostId, c.id, c.name, c.image, c.state, c.status, c.health, c.exitCode, c.imageDigest ?? null, c.managed ? 1 : 0,
        c.serviceId, c.specHash, JSON.stringify(c.ports), started && !Number.isNaN(started.getTime()) ? sqliteTime(started) : null, observed,
      ];
    });
    await tx.$executeRawUnsafe(
      `INSERT INTO "ContainerState" ("id","hostId","containerId","name","image","state","status","health","exitCode","imageDigest","managed","serviceId","specHash","ports","startedAt","observedAt") VALUES ${values}`,
      ...params,
    );
  }
}

/**
 * Whether a stored row already says what `next` says (observedAt aside). Compares the stored
 * text as it is, unparsed: the question is only whether the write would change it (a damaged row
 * differs, and is rewritten).
 */
function sameColumns(row: ContainerState, next: Columns): boolean {
  for (const k of Object.keys(next) as (keyof Columns)[]) {
    if (k === "observedAt") continue;
    const v = next[k];
    const have = row[k];
    if (v instanceof Date || have instanceof Date) {
      if ((v instanceof Date ? v.getTime() : v) !== (have instanceof Date ? have.getTime() : have)) return false;
    } else if (have !== v) return false;
  }
  return true;
}

/**
 * A host's rows become exactly the snapshot's containers, with as few writes as the difference
 * needs: one read, one delete of what is gone, one insert of what is new, and updates only for
 * rows that changed (an unchanged snapshot writes nothing but its time). An agent resending its
 * snapshot cannot keep the database busy.
 */
export async function replaceSnapshot(db: Db, hostId: string, containers: ContainerSummary[], at = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const existing = await tx.containerState.findMany({ where: { hostId } });
    const byId = new Map(existing.map((r) => [r.containerId, r]));
    const wanted = new Map(containers.map((c) => [c.id, c]));
    const gone = existing.filter((r) => !wanted.has(r.containerId)).map((r) => r.containerId);
    if (gone.length > 0) await tx.containerState.deleteMany({ where: { hostId, containerId: { in: gone } } });
    const fresh = containers.filter((c) => !byId.has(c.id));
    if (fresh.length > 0) await insertRows(tx, hostId, fresh, at);
    for (const c of containers) {
      const row = byId.get(c.id);
      if (!row) continue;
      const next = columns(c, at);
      if (!sameColumns(row, next)) await tx.containerState.update({ where: { id: row.id }, data: next });
    }
    if (containers.length > 0) await tx.containerState.updateMany({ where: { hostId }, data: { observedAt: at } });
  });
}

export async function applyContainerEvent(db: Db, hostId: string, containerId: string, c: ContainerSummary | null, at = new Date()): Promise<void> {
  if (!c) {
    await db.containerState.deleteMany({ where: { hostId, containerId } });
    return;
  }
  await db.containerState.upsert({
    where: { hostId_containerId: { hostId, containerId: c.id } },
    create: { hostId, containerId: c.id, ...columns(c, at) },
    update: columns(c, at),
  });
}
