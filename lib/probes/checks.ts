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

export async function listChecks(db: Db, q: PageQuery & { q?: string }): Promise<Page<CheckView>> {
  const rows = await db.check.findMany({ where: q.q ? { name: { contains: q.q } } : {}, orderBy: { id: "asc" }, ...pageArgs(q) });
  const page = toPage(rows, q.limit);
  return { items: page.items.map(toCheckView), nextCursor: page.nextCursor };
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
