// Checks: create (one or in bulk), change, delete, list. Every change is audited in the same
// transaction and wakes the control plane's scheduler.
import type { Db } from "@/lib/db";
import { DomainError, invalidFromZod, notFound } from "@/lib/errors";
import { pageArgs, toPage, type Page, type PageQuery } from "@/lib/db/pagination";
import { recordAudit, type AuditActor, type DbOrTx, type AuditOrigin } from "@/lib/audit";
import { CheckSpecSchema } from "./engine/schemas";
import type { CheckCreateInput, CheckUpdateInput, CheckView } from "./schemas";
import { toCheckView } from "./views";
import { checksChanged } from "./wake";
import { getEventBus } from "@/lib/events";

function createData(input: CheckCreateInput) {
  return {
    name: input.name,
    type: input.type,
    target: JSON.stringify(input.target),
    intervalSec: input.intervalSec,
    timeoutMs: input.timeoutMs,
    retries: input.retries,
    vantages: JSON.stringify(input.vantages),
    channels: JSON.stringify(input.channels),
    enabled: input.enabled,
    expectation: input.expectation,
    tags: JSON.stringify(input.tags),
    groupName: input.groupName,
  };
}

async function assertChannelsExist(tx: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.notificationChannel.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw new DomainError("invalid", "Unknown notification channel", { issues: [{ path: "channels", message: "unknown channel id" }] });
}

export async function createCheck(db: Db, input: CheckCreateInput, actor: AuditActor, meta: AuditOrigin): Promise<CheckView> {
  const view = await db.$transaction(async (tx) => {
    await assertChannelsExist(tx, input.channels);
    const row = await tx.check.create({ data: createData(input) });
    await recordAudit(tx, { actor, action: "check.create", target: { type: "check", id: row.id }, details: { name: row.name, type: row.type }, meta });
    return toCheckView(row);
  });
  checksChanged();
  return view;
}

/** Creates many checks in one transaction with one audit row (the bulk endpoint). */
export async function createChecks(db: Db, inputs: CheckCreateInput[], actor: AuditActor, meta: AuditOrigin): Promise<{ created: number; ids: string[] }> {
  const ids = await db.$transaction(async (tx) => {
    await assertChannelsExist(tx, [...new Set(inputs.flatMap((i) => i.channels))]);
    const rows = await tx.check.createManyAndReturn({ data: inputs.map(createData), select: { id: true } });
    await recordAudit(tx, { actor, action: "check.bulk_create", target: { type: "check" }, details: { count: rows.length }, meta });
    return rows.map((r) => r.id);
  });
  checksChanged();
  return { created: ids.length, ids };
}

export async function getCheckOrThrow(db: DbOrTx, id: string): Promise<CheckView> {
  const row = await db.check.findUnique({ where: { id } });
  if (!row) throw notFound("Check");
  return toCheckView(row);
}

export interface CheckFilter {
  q?: string;
  tag?: string;
  group?: string;
}

/** Tags are a JSON array column: matched on the quoted label, then confirmed on the parsed list. */
export async function listChecks(db: Db, q: PageQuery & CheckFilter): Promise<Page<CheckView>> {
  const rows = await db.check.findMany({
    where: {
      ...(q.q ? { name: { contains: q.q } } : {}),
      ...(q.group !== undefined ? { groupName: q.group === "" ? null : q.group } : {}),
      ...(q.tag ? { tags: { contains: JSON.stringify(q.tag) } } : {}),
    },
    orderBy: { id: "asc" },
    ...pageArgs(q),
  });
  const page = toPage(rows, q.limit);
  const items = page.items.map(toCheckView).filter((c) => !q.tag || c.tags.includes(q.tag));
  return { items, nextCursor: page.nextCursor };
}

/**
 * Pauses (not probed anywhere, no incidents, no notifications) or resumes a check; audited with
 * who. Pausing closes the check's open incident: nobody watches a paused check, and an incident
 * left open would read as an outage that never ends (it is ended, not resolved: nothing is sent).
 * Its status becomes unknown until the first result after resuming.
 */
export async function setCheckPaused(db: Db, id: string, paused: boolean, actor: AuditActor & { name: string }, meta: AuditOrigin, now: Date = new Date()): Promise<CheckView> {
  const { view, closed } = await db.$transaction(async (tx) => {
    const current = await getCheckOrThrow(tx, id);
    if ((current.pausedAt !== null) === paused) return { view: current, closed: [] as string[] };
    const open = paused ? await tx.incident.findMany({ where: { checkId: id, endedAt: null }, select: { id: true, startedAt: true } }) : [];
    for (const inc of open) await tx.incident.update({ where: { id: inc.id }, data: { endedAt: now, durationMs: Math.max(0, now.getTime() - inc.startedAt.getTime()) } });
    const row = await tx.check.update({
      where: { id },
      data: paused ? { pausedAt: now, pausedBy: actor.name, status: "unknown", statusSince: now } : { pausedAt: null, pausedBy: null, status: "unknown", statusSince: now },
    });
    // A resumed check starts from fresh cells: its old verdicts are from before the pause.
    if (!paused) await tx.checkState.deleteMany({ where: { checkId: id } });
    await recordAudit(tx, { actor, action: paused ? "check.pause" : "check.resume", target: { type: "check", id }, details: { name: row.name, ...(open.length ? { incidentsEnded: open.length } : {}) }, meta });
    return { view: toCheckView(row), closed: open.map((i) => i.id) };
  });
  checksChanged();
  const bus = getEventBus();
  for (const incidentId of closed) bus.publish({ type: "incident/resolved", incidentId, checkId: id });
  bus.publish({ type: "checks/status", checks: [{ checkId: id, status: view.status }] });
  return view;
}

export async function updateCheck(db: Db, id: string, input: CheckUpdateInput, actor: AuditActor, meta: AuditOrigin): Promise<CheckView> {
  const view = await db.$transaction(async (tx) => {
    await getCheckOrThrow(tx, id);
    let spec: { type: string; target: string } | undefined;
    if (input.type !== undefined) {
      const parsed = CheckSpecSchema.safeParse({ type: input.type, target: input.target });
      if (!parsed.success) throw invalidFromZod(parsed.error);
      spec = { type: parsed.data.type, target: JSON.stringify(parsed.data.target) };
    }
    if (input.channels) await assertChannelsExist(tx, input.channels);
    const row = await tx.check.update({
      where: { id },
      data: {
        ...spec,
        ...(input.name !== undefined && { name: input.name }),
        ...(input.intervalSec !== undefined && { intervalSec: input.intervalSec }),
        ...(input.timeoutMs !== undefined && { timeoutMs: input.timeoutMs }),
        ...(input.retries !== undefined && { retries: input.retries }),
        ...(input.vantages !== undefined && { vantages: JSON.stringify(input.vantages) }),
        ...(input.channels !== undefined && { channels: JSON.stringify(input.channels) }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
        ...(input.expectation !== undefined && { expectation: input.expectation }),
        ...(input.tags !== undefined && { tags: JSON.stringify(input.tags) }),
        ...(input.groupName !== undefined && { groupName: input.groupName }),
      },
    });
    await recordAudit(tx, { actor, action: "check.update", target: { type: "check", id }, details: { changed: Object.keys(input) }, meta });
    return toCheckView(row);
  });
  checksChanged();
  return view;
}

export async function deleteCheck(db: Db, id: string, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await getCheckOrThrow(tx, id);
    await tx.check.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "check.delete", target: { type: "check", id }, details: { name: current.name }, meta });
  });
  checksChanged();
}
