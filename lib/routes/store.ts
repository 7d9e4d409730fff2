// The Route store: list, get, create, update and delete routes — one hostname to a service port or
// an upstream URL, with an exposure. Hostnames are unique (after IDN and case normalisation);
// conflicts are refused with the owner's name. Every route row read here goes through routeFromRow.
import type { Db, Prisma } from "@/lib/db";
import { DomainError, conflict, notFound } from "@/lib/errors";
import { findPage, type Page, type PageQuery } from "@/lib/db/pagination";
import { recordAudit, type AuditActor, type DbOrTx, type AuditOrigin } from "@/lib/audit";
import { serviceRows } from "@/lib/inventory";
import { cleanupAfterRouteDelete, recordRouteCleanup } from "./cleanup";
import { findRoute, routeFromRow } from "./record";
import type { RouteCreateInput, RouteUpdateInput, RouteView } from "./schemas";

const include = { service: { select: { name: true } } } as const;

type RouteRowWithService = Prisma.RouteGetPayload<{ include: typeof include }>;

export function toRouteView(row: RouteRowWithService): RouteView {
  const r = routeFromRow(row);
  return {
    id: r.id,
    hostname: r.hostname,
    serviceId: r.serviceId,
    serviceName: row.service?.name ?? null,
    servicePort: r.servicePort,
    upstreamUrl: r.upstreamUrl,
    exposure: r.exposure,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function assertHostnameFree(tx: DbOrTx, hostname: string, exceptId?: string) {
  const row = await tx.route.findUnique({ where: { hostname }, include });
  if (!row) return;
  const other = routeFromRow(row);
  if (other.id === exceptId) return;
  throw conflict(`${hostname} is already routed to ${row.service ? `service "${row.service.name}"` : other.upstreamUrl}`);
}

async function assertTarget(tx: DbOrTx, t: { serviceId: string | null; servicePort: number | null; upstreamUrl: string | null }) {
  const toService = t.serviceId != null;
  if (toService === (t.upstreamUrl != null) || toService !== (t.servicePort != null)) {
    throw new DomainError("invalid", "Choose either a service and its port, or an upstream URL", { issues: [{ path: "serviceId", message: "target required" }] });
  }
  if (!t.serviceId) return;
  const row = await tx.service.findUnique({ where: { id: t.serviceId }, select: { id: true, name: true, ports: true } });
  if (!row) throw new DomainError("invalid", "The chosen service does not exist", { issues: [{ path: "serviceId", message: "unknown service" }] });
  const svc = serviceRows.columns(row);
  if (svc.ports.length > 0 && !svc.ports.some((p) => p.container === t.servicePort)) {
    throw new DomainError("invalid", `Service "${svc.name}" does not expose port ${t.servicePort} (it has ${svc.ports.map((p) => p.container).join(", ")})`, {
      issues: [{ path: "servicePort", message: "not a port of the service" }],
    });
  }
}

export function listRoutes(db: Db, q: PageQuery & { q?: string }): Promise<Page<RouteView>> {
  const where = q.q ? { hostname: { contains: q.q.toLowerCase() } } : {};
  return findPage(q, (args) => db.route.findMany({ where, orderBy: { id: "asc" }, include, ...args }), toRouteView);
}

export async function getRouteOrThrow(db: DbOrTx, id: string): Promise<RouteView> {
  const row = await db.route.findUnique({ where: { id }, include });
  if (!row) throw notFound("Route");
  return toRouteView(row);
}

export async function createRoute(db: Db, input: RouteCreateInput, actor: AuditActor, meta: AuditOrigin): Promise<RouteView> {
  return db.$transaction(async (tx) => {
    await assertHostnameFree(tx, input.hostname);
    await assertTarget(tx, input);
    const row = await tx.route.create({ data: input, include });
    await recordAudit(tx, { actor, action: "route.create", target: { type: "route", id: row.id }, details: { hostname: row.hostname, exposure: row.exposure }, meta });
    return toRouteView(row);
  });
}

export async function updateRoute(db: Db, id: string, input: RouteUpdateInput, actor: AuditActor, meta: AuditOrigin): Promise<RouteView> {
  return db.$transaction(async (tx) => {
    const current = await getRouteOrThrow(tx, id);
    const next = { ...current, ...input };
    // Switching the target kind clears the other kind unless the caller set it explicitly.
    if (input.upstreamUrl && input.serviceId === undefined) Object.assign(next, { serviceId: null, servicePort: null });
    if (input.serviceId && input.upstreamUrl === undefined) next.upstreamUrl = null;
    if (input.serviceId === null && input.servicePort === undefined) next.servicePort = null;
    if (input.hostname) await assertHostnameFree(tx, input.hostname, id);
    await assertTarget(tx, next);
    const row = await tx.route.update({
      where: { id },
      data: { hostname: next.hostname, serviceId: next.serviceId, servicePort: next.servicePort, upstreamUrl: next.upstreamUrl, exposure: next.exposure },
      include,
    });
    await recordAudit(tx, { actor, action: "route.update", target: { type: "route", id }, details: { changed: Object.keys(input) }, meta });
    return toRouteView(row);
  });
}

/**
 * Deletes the route, then removes what Homeport created for it (owned DNS records, the Caddy
 * entry, tunnel rules) through the cleanup. A failed cleanup does not undo the delete: it is
 * recorded (audit, the DNS/ingress/tunnel statuses) and retried by the routes reconciler.
 */
export async function deleteRoute(db: Db, id: string, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  const deleted = await db.$transaction(async (tx) => {
    const route = await findRoute(tx, id);
    if (!route) throw notFound("Route");
    await tx.route.delete({ where: { id } });
    // Recorded with the delete: a crash before the cleanup below is resumed at the next start.
    await recordRouteCleanup(tx, route);
    await recordAudit(tx, { actor, action: "route.delete", target: { type: "route", id }, details: { hostname: route.hostname }, meta });
    return route;
  });
  await cleanupAfterRouteDelete(db, deleted, actor, meta);
}
