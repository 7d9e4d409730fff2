// Hosts: enrolled agents. Read-only here; enrolment and revocation come with the agent hub.
import type { Db } from "@/lib/db";
import { pageArgs, toPage, type Page, type PageQuery } from "@/lib/api/pagination";
import { HostSchema, type HostView } from "./schemas";

export async function listHosts(db: Db, q: PageQuery): Promise<Page<HostView>> {
  const rows = await db.host.findMany({ orderBy: { id: "asc" }, include: { _count: { select: { services: true } } }, ...pageArgs(q) });
  const page = toPage(rows, q.limit);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((h) =>
      HostSchema.parse({
        id: h.id,
        name: h.name,
        role: h.role,
        vantage: h.vantage,
        addresses: JSON.parse(h.addresses),
        version: h.version,
        lastSeenAt: h.lastSeenAt?.toISOString() ?? null,
        revoked: h.revokedAt !== null,
        serviceCount: h._count.services,
      }),
    ),
  };
}

export async function listHostChoices(db: Db): Promise<{ id: string; name: string }[]> {
  return db.host.findMany({ where: { revokedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
