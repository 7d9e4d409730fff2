// Maintenance windows: planned periods when failing checks record results but open no incidents
// and notify nobody. A window covers chosen checks, whole groups, or every check (both lists empty).
import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { recordAudit, type AuditActor, type AuditOrigin, type DbOrTx } from "@/lib/audit";
import { jsonColumn } from "@/lib/db/rows";
import { MAX_MAINTENANCE_WINDOWS, MaintenanceSchema, type MaintenanceInput, type MaintenanceView } from "./schemas";

/** Ended windows older than this are no longer listed (they stay in the audit log). */
export const MAINTENANCE_HISTORY_MS = 30 * 86_400_000;

const IdList = jsonColumn(z.array(z.string()));
type WindowRow = { id: string; name: string; startsAt: Date; endsAt: Date; checkIds: string; groups: string; createdBy: string | null; createdAt: Date };

interface WindowScope {
  checkIds: string[];
  groups: string[];
}

function scopeOf(row: Pick<WindowRow, "checkIds" | "groups">): WindowScope {
  return { checkIds: IdList.safeParse(row.checkIds).data ?? [], groups: IdList.safeParse(row.groups).data ?? [] };
}

/** Pure: whether a window's scope covers a check (empty lists = every check). */
export function windowCovers(scope: WindowScope, check: { id: string; groupName: string | null }): boolean {
  if (scope.checkIds.length === 0 && scope.groups.length === 0) return true;
  return scope.checkIds.includes(check.id) || (check.groupName !== null && scope.groups.includes(check.groupName));
}

export function toMaintenanceView(row: WindowRow, now: Date = new Date()): MaintenanceView {
  const scope = scopeOf(row);
  const state = now < row.startsAt ? "scheduled" : now < row.endsAt ? "active" : "ended";
  return MaintenanceSchema.parse({
    id: row.id,
    name: row.name,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    all: scope.checkIds.length === 0 && scope.groups.length === 0,
    checkIds: scope.checkIds,
    groups: scope.groups,
    state,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  });
}

/** Of `checks`, the ids inside an active window at `now`. */
export async function checksInMaintenance(db: DbOrTx, checks: { id: string; groupName: string | null }[], now: Date = new Date()): Promise<Set<string>> {
  if (checks.length === 0) return new Set();
  const active = await db.maintenanceWindow.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } });
  if (active.length === 0) return new Set();
  const scopes = active.map(scopeOf);
  return new Set(checks.filter((c) => scopes.some((s) => windowCovers(s, c))).map((c) => c.id));
}

export async function listMaintenance(db: Db, now: Date = new Date()): Promise<MaintenanceView[]> {
  const rows = await db.maintenanceWindow.findMany({
    where: { endsAt: { gt: new Date(now.getTime() - MAINTENANCE_HISTORY_MS) } },
    orderBy: [{ startsAt: "desc" }],
    take: MAX_MAINTENANCE_WINDOWS,
  });
  const rank = { active: 0, scheduled: 1, ended: 2 } as const;
  return rows.map((r) => toMaintenanceView(r, now)).sort((a, b) => rank[a.state] - rank[b.state]);
}

export async function getMaintenanceOrThrow(db: DbOrTx, id: string): Promise<MaintenanceView> {
  const row = await db.maintenanceWindow.findUnique({ where: { id } });
  if (!row) throw notFound("Maintenance window");
  return toMaintenanceView(row);
}

async function assertChecksExist(tx: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.check.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw new DomainError("invalid", "Unknown check", { issues: [{ path: "checkIds", message: "unknown check id" }] });
}

function dataOf(input: MaintenanceInput) {
  return {
    name: input.name,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    checkIds: JSON.stringify(input.all ? [] : [...new Set(input.checkIds)]),
    groups: JSON.stringify(input.all ? [] : [...new Set(input.groups)]),
  };
}

export async function createMaintenance(db: Db, input: MaintenanceInput, actor: AuditActor & { name: string }, meta: AuditOrigin): Promise<MaintenanceView> {
  return db.$transaction(async (tx) => {
    const count = await tx.maintenanceWindow.count();
    if (count >= MAX_MAINTENANCE_WINDOWS) throw new DomainError("invalid", `At most ${MAX_MAINTENANCE_WINDOWS} maintenance windows; delete old ones first`);
    if (!input.all) await assertChecksExist(tx, input.checkIds);
    const row = await tx.maintenanceWindow.create({ data: { ...dataOf(input), createdBy: actor.name } });
    await recordAudit(tx, { actor, action: "maintenance.create", target: { type: "maintenance", id: row.id }, details: { name: row.name, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() }, meta });
    return toMaintenanceView(row);
  });
}

export async function updateMaintenance(db: Db, id: string, input: MaintenanceInput, actor: AuditActor, meta: AuditOrigin): Promise<MaintenanceView> {
  return db.$transaction(async (tx) => {
    await getMaintenanceOrThrow(tx, id);
    if (!input.all) await assertChecksExist(tx, input.checkIds);
    const row = await tx.maintenanceWindow.update({ where: { id }, data: dataOf(input) });
    await recordAudit(tx, { actor, action: "maintenance.update", target: { type: "maintenance", id }, details: { name: row.name, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() }, meta });
    return toMaintenanceView(row);
  });
}

export async function deleteMaintenance(db: Db, id: string, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await getMaintenanceOrThrow(tx, id);
    await tx.maintenanceWindow.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "maintenance.delete", target: { type: "maintenance", id }, details: { name: current.name }, meta });
  });
}
