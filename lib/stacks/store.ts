// Stacks in the inventory: create, edit, read, list; the .env sealed at rest; every applied file
// kept as a numbered StackVersion. Applying and removing live in apply.ts and remove.ts.
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { loadStack } from "./load";
import { stackRolloutView } from "./rollout-view";
import type { StackCreateInput, StackUpdateInput, StackView } from "./schemas";

const include = {
  host: { select: { name: true } },
  services: { select: { id: true, name: true, image: true, stackService: true }, orderBy: { stackService: "asc" } },
  rollouts: { orderBy: { createdAt: "desc" }, take: 1 },
  versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, compose: true, envSealed: true } },
} as const;

export function sealEnv(env: string): string | null {
  return env.trim() === "" ? null : sealSecret(env);
}

export function openEnv(sealed: string | null): string {
  return sealed ? openSecret(sealed) : "";
}

/** Variable names of a .env text (for display; values stay sealed). */
export function envNames(env: string): string[] {
  const names = new Set<string>();
  for (const line of env.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (m) names.add(m[1]!);
  }
  return [...names].sort();
}

/** Refuses a Compose file or .env that does not parse, with each problem's key and line. */
function assertLoads(name: string, compose: string, env: string): void {
  const r = loadStack({ name, compose, env });
  if (!r.ok) throw new DomainError("invalid", `The Compose file has ${r.errors.length} problem${r.errors.length === 1 ? "" : "s"}: ${r.errors[0]!.message}`, {
    issues: r.errors.map((e) => ({ path: e.line ? `compose:${e.line}:${e.path}` : `compose:${e.path}`, message: e.message })),
  });
}

export async function getStackOrThrow(db: Db, id: string): Promise<StackView> {
  const row = await db.stack.findUnique({ where: { id }, include });
  if (!row) throw notFound("Stack");
  const ids = row.services.map((s) => s.id);
  const containers = ids.length
    ? await db.containerState.findMany({ where: { serviceId: { in: ids }, managed: true }, orderBy: { observedAt: "desc" } })
    : [];
  const latest = row.versions[0] ?? null;
  const env = openEnv(row.envSealed);
  return {
    id: row.id,
    name: row.name,
    hostId: row.hostId,
    hostName: row.host?.name ?? null,
    compose: row.compose,
    envVariables: envNames(env),
    appliedVersion: row.appliedVersion,
    latestVersion: latest?.version ?? null,
    pendingChanges: !latest || latest.compose !== row.compose || openEnv(latest.envSealed) !== env,
    services: row.services.map((s) => {
      const c = containers.find((x) => x.serviceId === s.id && x.state === "running") ?? containers.find((x) => x.serviceId === s.id) ?? null;
      const ports = c ? (JSON.parse(c.ports) as { host: number | null; container: number; protocol: string }[]) : [];
      return { key: s.stackService ?? s.name, serviceId: s.id, name: s.name, image: s.image, state: c?.state ?? null, health: c?.health ?? null, ports: ports.map((p) => ({ host: p.host, container: p.container, protocol: p.protocol })) };
    }),
    lastRollout: row.rollouts[0] ? stackRolloutView(row.rollouts[0]) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listStacks(db: Db): Promise<StackView[]> {
  const rows = await db.stack.findMany({ select: { id: true }, orderBy: { name: "asc" }, take: 500 });
  return Promise.all(rows.map((r) => getStackOrThrow(db, r.id)));
}

export async function createStack(db: Db, input: StackCreateInput, actor: AuditActor, meta: AuditOrigin): Promise<StackView> {
  assertLoads(input.name, input.compose, input.env);
  const id = await db.$transaction(async (tx) => {
    const host = await tx.host.findUnique({ where: { id: input.hostId }, select: { id: true, revokedAt: true } });
    if (!host || host.revokedAt) throw new DomainError("invalid", "The chosen host does not exist", { issues: [{ path: "hostId", message: "unknown host" }] });
    if (await tx.stack.findUnique({ where: { name: input.name }, select: { id: true } })) throw new DomainError("conflict", `A stack named "${input.name}" already exists`);
    const s = await tx.stack.create({ data: { name: input.name, hostId: input.hostId, compose: input.compose, envSealed: sealEnv(input.env) } });
    await recordAudit(tx, { actor, action: "stack.create", target: { type: "stack", id: s.id }, details: { name: input.name, hostId: input.hostId }, meta });
    return s.id;
  });
  return getStackOrThrow(db, id);
}

export async function updateStack(db: Db, id: string, input: StackUpdateInput, actor: AuditActor, meta: AuditOrigin): Promise<StackView> {
  const row = await db.stack.findUnique({ where: { id }, select: { id: true, name: true, compose: true, envSealed: true } });
  if (!row) throw notFound("Stack");
  const compose = input.compose ?? row.compose;
  const env = input.env ?? openEnv(row.envSealed);
  assertLoads(row.name, compose, env);
  await db.$transaction(async (tx) => {
    await tx.stack.update({ where: { id }, data: { compose, envSealed: sealEnv(env) } });
    await recordAudit(tx, { actor, action: "stack.update", target: { type: "stack", id }, details: { compose: input.compose !== undefined, env: input.env !== undefined }, meta });
  });
  return getStackOrThrow(db, id);
}

/** The .env text itself (admins only: it holds secrets). */
export async function readStackEnv(db: Db, id: string): Promise<{ env: string }> {
  const row = await db.stack.findUnique({ where: { id }, select: { envSealed: true } });
  if (!row) throw notFound("Stack");
  return { env: openEnv(row.envSealed) };
}

export async function listStackVersions(db: Db, id: string): Promise<{ version: number; actorName: string | null; createdAt: string; applied: boolean }[]> {
  const row = await db.stack.findUnique({ where: { id }, select: { appliedVersion: true } });
  if (!row) throw notFound("Stack");
  const versions = await db.stackVersion.findMany({ where: { stackId: id }, orderBy: { version: "desc" }, take: 200, select: { version: true, actorName: true, createdAt: true } });
  return versions.map((v) => ({ version: v.version, actorName: v.actorName, createdAt: v.createdAt.toISOString(), applied: v.version === row.appliedVersion }));
}

export async function getStackVersion(db: Db, id: string, version: number): Promise<{ version: number; compose: string; envVariables: string[] }> {
  const v = await db.stackVersion.findUnique({ where: { stackId_version: { stackId: id, version } } });
  if (!v) throw notFound("Stack version");
  return { version: v.version, compose: v.compose, envVariables: envNames(openEnv(v.envSealed)) };
}

export async function listStackRollouts(db: Db, id: string) {
  if (!(await db.stack.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Stack");
  const rows = await db.stackRollout.findMany({ where: { stackId: id }, orderBy: { createdAt: "desc" }, take: 50 });
  return rows.map(stackRolloutView);
}

/** The Compose file to download: the one being edited, or an applied version. */
export async function exportStackFile(db: Db, id: string, version?: number): Promise<{ filename: string; text: string }> {
  const row = await db.stack.findUnique({ where: { id }, select: { name: true, compose: true } });
  if (!row) throw notFound("Stack");
  if (version === undefined) return { filename: `${row.name}-docker-compose.yml`, text: row.compose };
  const v = await getStackVersion(db, id, version);
  return { filename: `${row.name}-v${version}-docker-compose.yml`, text: v.compose };
}
