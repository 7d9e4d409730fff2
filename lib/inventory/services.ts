// Services: the desired spec of a container and where it runs. CRUD with conflict checks and an
// audit row in the same transaction as each change.
import type { Db, Prisma } from "@/lib/db";
import { DomainError, conflict, notFound } from "@/lib/errors";
import { findPage, type Page, type PageQuery } from "@/lib/db/pagination";
import { recordAudit, type AuditActor, type DbOrTx, type AuditOrigin } from "@/lib/audit";
import { hostRows, serviceRows, type ServiceRecord } from "./rows";
import { normalizeRuntime } from "./runtime";
import {
  bindRefusals,
  type DesiredState,
  type ServiceCreateInput,
  type ServiceUpdateInput,
  type ServiceView,
} from "./schemas";

const include = { host: { select: { name: true } }, stack: { select: { name: true } }, _count: { select: { routes: true } } } as const;
type ServiceRowWithRefs = Prisma.ServiceGetPayload<{ include: typeof include }>;

/** The API's view of a service: its record, its host's and stack's names and how many routes point at it. */
export function toServiceView(r: ServiceRecord, refs: { hostName: string | null; stackName: string | null; routeCount: number }): ServiceView {
  return { ...r, ...refs, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

function viewOfRow(r: ServiceRowWithRefs): ServiceView {
  return toServiceView(serviceRows.parse(r), { hostName: r.host?.name ?? null, stackName: r.stack?.name ?? null, routeCount: r._count.routes });
}

/**
 * Who is changing a service. A service with a stack is owned by it: only that stack's apply (lib
 * code, passing `stackId`) may change or remove it; the services API answers 409 naming the stack.
 */
export interface ServiceChangeOptions {
  stackId?: string;
}

function assertNotStackOwned(s: ServiceView, opts: ServiceChangeOptions, doing: string): void {
  if (!s.stackId || opts.stackId === s.stackId) return;
  throw conflict(`Service "${s.name}" belongs to stack "${s.stackName ?? s.stackId}"; ${doing} it by editing the stack's Compose file and applying the stack`);
}

type Spec = Omit<ServiceCreateInput, "name" | "hostId">;
function specColumns(s: Partial<Spec>) {
  return {
    ...(s.image !== undefined && { image: s.image }),
    ...(s.command !== undefined && { command: JSON.stringify(s.command) }),
    ...(s.env !== undefined && { env: JSON.stringify(s.env) }),
    ...(s.ports !== undefined && { ports: JSON.stringify(s.ports) }),
    ...(s.volumes !== undefined && { volumes: JSON.stringify(s.volumes) }),
    ...(s.healthcheck !== undefined && { healthcheck: s.healthcheck ? JSON.stringify(s.healthcheck) : null }),
    ...(s.restartPolicy !== undefined && { restartPolicy: s.restartPolicy }),
    ...(s.egress !== undefined && { egress: s.egress }),
    // Normalised (defaults dropped) so equal intent stores, and hashes, the same.
    ...(s.runtime !== undefined && { runtime: JSON.stringify(normalizeRuntime(s.runtime)) }),
    ...(s.tags !== undefined && { tags: JSON.stringify(s.tags) }),
    ...(s.groupName !== undefined && { groupName: s.groupName }),
  };
}

async function assertHostExists(tx: DbOrTx, hostId: string | null | undefined) {
  if (!hostId) return;
  const host = await tx.host.findUnique({ where: { id: hostId } });
  if (!host) throw new DomainError("invalid", "The chosen host does not exist", { issues: [{ path: "hostId", message: "unknown host" }] });
  if (host.revokedAt) throw new DomainError("invalid", "The chosen host has been revoked", { issues: [{ path: "hostId", message: "revoked host" }] });
}

/**
 * Bind mounts only under the folders an admin allows on the service's host (none by default);
 * named volumes are always fine. The host's agent checks again against its own policy.
 */
export async function assertBindsAllowed(tx: DbOrTx, hostId: string | null, volumes: ServiceCreateInput["volumes"]): Promise<void> {
  if (!volumes.some((v) => v.source.startsWith("/"))) return;
  const row = hostId ? await tx.host.findUnique({ where: { id: hostId }, select: { id: true, name: true, bindRoots: true } }) : null;
  const host = row ? hostRows.columns(row) : null;
  const issues = bindRefusals(volumes, host ? host.bindRoots : null, host?.name ?? null);
  if (issues.length > 0) throw new DomainError("invalid", issues[0]!.message, { issues });
}

/** Two services on the same host cannot publish the same host address, port and protocol. */
async function assertPortsFree(tx: DbOrTx, hostId: string | null, ports: ServiceCreateInput["ports"], exceptId?: string) {
  const mine = ports.filter((p) => p.host !== undefined);
  if (mine.length === 0) return;
  const others = await tx.service.findMany({ where: { hostId, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true, name: true, ports: true } });
  for (const o of others.map(serviceRows.columns)) {
    const theirs = o.ports;
    for (const p of mine) {
      const clash = theirs.find(
        (t) => t.host === p.host && t.protocol === p.protocol && (t.hostIp === p.hostIp || t.hostIp === "0.0.0.0" || p.hostIp === "0.0.0.0"),
      );
      if (clash) throw conflict(`Host port ${p.host}/${p.protocol} is already published by service "${o.name}"`);
    }
  }
}

export function listServices(db: Db, q: PageQuery & { q?: string }): Promise<Page<ServiceView>> {
  const where = q.q ? { OR: [{ name: { contains: q.q } }, { image: { contains: q.q } }] } : {};
  return findPage(q, (args) => db.service.findMany({ where, orderBy: { id: "asc" }, include, ...args }), viewOfRow);
}

export async function getServiceOrThrow(db: DbOrTx, id: string): Promise<ServiceView> {
  const row = await db.service.findUnique({ where: { id }, include });
  if (!row) throw notFound("Service");
  return viewOfRow(row);
}

/** Creates a service; `opts.stack` (lib/stacks only) makes it a stack's service, keyed by its Compose name. */
export async function createService(
  db: Db,
  input: ServiceCreateInput,
  actor: AuditActor,
  meta: AuditOrigin,
  opts: { stack?: { id: string; service: string } } = {},
): Promise<ServiceView> {
  return db.$transaction(async (tx) => {
    if (await tx.service.findUnique({ where: { name: input.name } })) throw conflict(`A service named "${input.name}" already exists`);
    await assertHostExists(tx, input.hostId);
    await assertBindsAllowed(tx, input.hostId, input.volumes);
    await assertPortsFree(tx, input.hostId, input.ports);
    const owner = opts.stack ? { stackId: opts.stack.id, stackService: opts.stack.service } : {};
    const row = await tx.service.create({ data: { name: input.name, hostId: input.hostId, ...owner, ...specColumns(input), image: input.image }, include });
    await recordAudit(tx, { actor, action: "service.create", target: { type: "service", id: row.id }, details: { name: row.name, image: row.image }, meta });
    return viewOfRow(row);
  });
}

export async function updateService(db: Db, id: string, input: ServiceUpdateInput, actor: AuditActor, meta: AuditOrigin, opts: ServiceChangeOptions = {}): Promise<ServiceView> {
  return db.$transaction(async (tx) => {
    const current = await getServiceOrThrow(tx, id);
    assertNotStackOwned(current, opts, "change");
    if (input.name && input.name !== current.name && (await tx.service.findUnique({ where: { name: input.name } }))) {
      throw conflict(`A service named "${input.name}" already exists`);
    }
    const hostId = input.hostId === undefined ? current.hostId : input.hostId;
    if (input.hostId !== undefined) await assertHostExists(tx, input.hostId);
    const ports = input.ports ?? current.ports;
    if (input.volumes !== undefined || input.hostId !== undefined) await assertBindsAllowed(tx, hostId, input.volumes ?? current.volumes);
    await assertPortsFree(tx, hostId, ports, id);
    if (input.ports) {
      const routes = await tx.route.findMany({ where: { serviceId: id } });
      const dangling = routes.find((r) => r.servicePort != null && !ports.some((p) => p.container === r.servicePort));
      if (dangling) throw conflict(`Route ${dangling.hostname} uses port ${dangling.servicePort}; keep that port or change the route first`);
    }
    const row = await tx.service.update({
      where: { id },
      data: { ...(input.name !== undefined && { name: input.name }), ...(input.hostId !== undefined && { hostId: input.hostId }), ...specColumns(input) },
      include,
    });
    await recordAudit(tx, { actor, action: "service.update", target: { type: "service", id }, details: { changed: Object.keys(input) }, meta });
    return viewOfRow(row);
  });
}

/** Checks a service may be removed (not a stack's, no route points at it) and returns it. */
export async function assertServiceDeletable(db: DbOrTx, id: string, opts: ServiceChangeOptions = {}): Promise<ServiceView> {
  const current = await getServiceOrThrow(db, id);
  assertNotStackOwned(current, opts, "remove");
  const routes = await db.route.findMany({ where: { serviceId: id }, select: { hostname: true } });
  if (routes.length > 0) {
    throw conflict(`Service "${current.name}" is the target of ${routes.length} route(s): ${routes.map((r) => r.hostname).join(", ")}. Delete or retarget them first.`);
  }
  return current;
}

export async function deleteService(
  db: Db,
  id: string,
  actor: AuditActor,
  meta: AuditOrigin,
  opts: ServiceChangeOptions & { details?: Record<string, unknown> } = {},
): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await assertServiceDeletable(tx, id, opts);
    await tx.service.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "service.delete", target: { type: "service", id }, details: { name: current.name, ...opts.details }, meta });
  });
}

/** Records what the user last asked of a service's container: running (start, restart, deploy) or stopped. */
export async function setDesiredState(db: DbOrTx, id: string, state: DesiredState): Promise<void> {
  await db.service.updateMany({ where: { id, desiredState: { not: state } }, data: { desiredState: state } });
}

/** Most services a list reads at once (a homelab has tens; sorting by state needs them all). */
export const MAX_LISTED_SERVICES = 2000;

/** Every service matching a list's filters, for lists that sort by observed state. */
export async function listServicesMatching(db: Db, f: { q?: string; hostId?: string; tag?: string; group?: string }): Promise<ServiceView[]> {
  const where: Prisma.ServiceWhereInput = {
    ...(f.q ? { OR: [{ name: { contains: f.q } }, { image: { contains: f.q } }] } : {}),
    ...(f.hostId ? { hostId: f.hostId } : {}),
    ...(f.tag ? { tags: { contains: JSON.stringify(f.tag) } } : {}),
    ...(f.group ? { groupName: f.group } : {}),
  };
  const rows = await db.service.findMany({ where, orderBy: { id: "asc" }, include, take: MAX_LISTED_SERVICES });
  return rows.map(viewOfRow);
}

/** The tags and groups in use, for the list's filter menus. */
export async function serviceLabels(db: Db): Promise<{ tags: string[]; groups: string[] }> {
  const rows = await db.service.findMany({ select: { id: true, tags: true, groupName: true }, take: MAX_LISTED_SERVICES });
  const tags = new Set<string>();
  const groups = new Set<string>();
  for (const r of rows) {
    for (const t of serviceRows.columns({ id: r.id, tags: r.tags }).tags) tags.add(t);
    if (r.groupName) groups.add(r.groupName);
  }
  return { tags: [...tags].sort(), groups: [...groups].sort() };
}
