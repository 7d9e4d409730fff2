// Status pages as the admin manages them: create, change, delete, list (audited, admin scope).
import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { recordAudit, type AuditActor, type AuditOrigin, type DbOrTx } from "@/lib/audit";
import { jsonColumn } from "@/lib/db/rows";
import { MAX_STATUS_PAGES, StatusPageSchema, type StatusPageInput, type StatusPageView } from "./schemas";
import { forgetPublicStatus } from "./public";

const GroupsColumn = jsonColumn(z.array(z.string()));
type Row = { id: string; slug: string; title: string; description: string; groups: string; published: boolean; createdAt: Date; updatedAt: Date };

export function groupsOf(row: Pick<Row, "groups">): string[] {
  return GroupsColumn.safeParse(row.groups).data ?? [];
}

function toView(row: Row): StatusPageView {
  return StatusPageSchema.parse({ ...row, groups: groupsOf(row), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() });
}

export async function listStatusPages(db: Db): Promise<StatusPageView[]> {
  return (await db.statusPage.findMany({ orderBy: { slug: "asc" }, take: MAX_STATUS_PAGES })).map(toView);
}

export async function getStatusPageOrThrow(db: DbOrTx, id: string): Promise<StatusPageView> {
  const row = await db.statusPage.findUnique({ where: { id } });
  if (!row) throw notFound("Status page");
  return toView(row);
}

async function assertSlugFree(tx: DbOrTx, slug: string, id?: string): Promise<void> {
  const other = await tx.statusPage.findUnique({ where: { slug }, select: { id: true } });
  if (other && other.id !== id) throw new DomainError("conflict", `The address /status/${slug} is taken`, { issues: [{ path: "slug", message: "already used by another page" }] });
}

const dataOf = (i: StatusPageInput) => ({ slug: i.slug, title: i.title, description: i.description, groups: JSON.stringify(i.groups), published: i.published });

export async function createStatusPage(db: Db, input: StatusPageInput, actor: AuditActor, meta: AuditOrigin): Promise<StatusPageView> {
  return db.$transaction(async (tx) => {
    if ((await tx.statusPage.count()) >= MAX_STATUS_PAGES) throw new DomainError("invalid", `At most ${MAX_STATUS_PAGES} status pages`);
    await assertSlugFree(tx, input.slug);
    const row = await tx.statusPage.create({ data: dataOf(input) });
    await recordAudit(tx, { actor, action: "status_page.create", target: { type: "status_page", id: row.id }, details: { slug: row.slug, published: row.published }, meta });
    return toView(row);
  });
}

export async function updateStatusPage(db: Db, id: string, input: StatusPageInput, actor: AuditActor, meta: AuditOrigin): Promise<StatusPageView> {
  const view = await db.$transaction(async (tx) => {
    const before = await getStatusPageOrThrow(tx, id);
    await assertSlugFree(tx, input.slug, id);
    const row = await tx.statusPage.update({ where: { id }, data: dataOf(input) });
    await recordAudit(tx, { actor, action: "status_page.update", target: { type: "status_page", id }, details: { slug: row.slug, published: row.published }, meta });
    forgetPublicStatus(before.slug);
    return toView(row);
  });
  forgetPublicStatus(view.slug);
  return view;
}

export async function deleteStatusPage(db: Db, id: string, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  const slug = await db.$transaction(async (tx) => {
    const current = await getStatusPageOrThrow(tx, id);
    await tx.statusPage.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "status_page.delete", target: { type: "status_page", id }, details: { slug: current.slug }, meta });
    return current.slug;
  });
  forgetPublicStatus(slug);
}
