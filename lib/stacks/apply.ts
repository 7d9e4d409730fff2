// Applying a stack: plan, then roll the services out in dependency order through the same engine
// as single services (deployService: new container, health gate, old one removed, or rolled back).
// Each service starts once its own dependencies are healthy, independent ones in parallel; a
// failure stops the rollout (nothing new starts; those left are skipped) and puts the failed
// service's row back as it was, so the inventory says what runs. Unchanged services are not
// touched. Every applied file becomes a StackVersion.
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { recordAudit, type AuditActor, type AuditOrigin, type DbOrTx } from "@/lib/audit";
import { log } from "@/lib/log";
import { deployService, getAgentHub } from "@/lib/agents";
import { createService, deleteService, getServiceOrThrow, updateService, type ServiceView } from "@/lib/inventory";
import type { DesiredService } from "./desired";
import { loadStack, type LoadedStack } from "./load";
import { planStack, type PlanStep, type StackPlan } from "./plan";
import { currentServices, removeServiceContainers, writeNetworks } from "./services";
import { openEnv, sealEnv } from "./store";
import { stackRolloutView } from "./rollout-view";
import type { RolloutStep, StackPlanView, StackRolloutView } from "./schemas";

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

interface Source {
  stack: { id: string; name: string; hostId: string | null };
  compose: string;
  env: string;
  /** Set when applying an earlier version (a rollback). */
  fromVersion: number | null;
}

async function source(db: Db, stackId: string, version?: number): Promise<Source> {
  const row = await db.stack.findUnique({ where: { id: stackId }, select: { id: true, name: true, hostId: true, compose: true, envSealed: true } });
  if (!row) throw notFound("Stack");
  if (version === undefined) return { stack: row, compose: row.compose, env: openEnv(row.envSealed), fromVersion: null };
  const v = await db.stackVersion.findUnique({ where: { stackId_version: { stackId, version } } });
  if (!v) throw notFound(`Version ${version} of the stack`);
  return { stack: row, compose: v.compose, env: openEnv(v.envSealed), fromVersion: version };
}

function loadOrThrow(src: Source): LoadedStack {
  const r = loadStack({ name: src.stack.name, compose: src.compose, env: src.env });
  if (!r.ok) {
    throw new DomainError("invalid", `The Compose file has ${r.errors.length} problem${r.errors.length === 1 ? "" : "s"}: ${r.errors[0]!.message}`, {
      issues: r.errors.map((e) => ({ path: `compose:${e.line ?? "?"}:${e.path}`, message: e.message })),
    });
  }
  return r;
}

/** The plan for the file being edited (or an earlier version), without changing anything. */
export async function planStackApply(db: Db, stackId: string, version?: number): Promise<StackPlanView> {
  const src = await source(db, stackId, version);
  const r = loadStack({ name: src.stack.name, compose: src.compose, env: src.env });
  if (!r.ok) return { ok: false, errors: r.errors, warnings: [], steps: [], changes: 0 };
  const plan = planStack(r.services, await currentServices(db, stackId));
  return { ok: true, errors: [], warnings: r.warnings, steps: plan.steps, changes: plan.changes };
}

export interface StartedStackRollout {
  rollout: StackRolloutView;
  /** Settles when the rollout ends (never rejects). */
  finished: Promise<StackRolloutView>;
}

/** Checks what must hold before anything changes; throws the first refusal. */
async function preflight(db: Db, src: Source, plan: StackPlan): Promise<void> {
  if (!src.stack.hostId) throw new DomainError("invalid", "The stack's host was removed; place it on a host first");
  const host = await db.host.findUnique({ where: { id: src.stack.hostId }, select: { name: true } });
  getAgentHub().requireSession(src.stack.hostId, host?.name ?? "the host");
  const running = await db.stackRollout.findFirst({ where: { stackId: src.stack.id, status: "running" }, select: { id: true, createdAt: true } });
  if (running) throw new DomainError("conflict", `An apply of stack "${src.stack.name}" is already under way (started ${running.createdAt.toISOString()}); wait for it to end`);
  const removed = plan.steps.filter((s) => s.action === "remove" && s.serviceId).map((s) => s.serviceId!);
  if (removed.length) {
    const routes = await db.route.findMany({ where: { serviceId: { in: removed } }, select: { hostname: true, service: { select: { name: true } } } });
    if (routes.length) throw new DomainError("conflict", `Route ${routes[0]!.hostname} points at ${routes[0]!.service?.name ?? "a service"}, which this file removes; retarget or delete the route first`);
  }
  // Names are global: a new stack service may not take a lone service's name.
  for (const s of plan.steps.filter((x) => x.action === "create")) {
    const clash = await db.service.findUnique({ where: { name: s.name }, select: { stackId: true } });
    if (clash) throw new DomainError("conflict", `A service named "${s.name}" already exists outside this stack; rename the stack or that service`);
  }
}

/** Records the version applied: reuses the latest when its content is the same, else a new number. */
async function versionFor(db: DbOrTx, src: Source, actor: AuditActor): Promise<number> {
  const latest = await db.stackVersion.findFirst({ where: { stackId: src.stack.id }, orderBy: { version: "desc" } });
  if (latest && latest.compose === src.compose && openEnv(latest.envSealed) === src.env) return latest.version;
  const version = (latest?.version ?? 0) + 1;
  await db.stackVersion.create({ data: { stackId: src.stack.id, version, compose: src.compose, envSealed: sealEnv(src.env), actorName: actor.name ?? null } });
  return version;
}

export async function applyStack(db: Db, stackId: string, opts: { version?: number; pull: boolean }, actor: AuditActor, meta: AuditOrigin): Promise<StartedStackRollout> {
  const src = await source(db, stackId, opts.version);
  const loaded = loadOrThrow(src);
  const plan = planStack(loaded.services, await currentServices(db, stackId));
  await preflight(db, src, plan);
  const steps: RolloutStep[] = plan.steps.map((s) => ({ ...s, status: s.action === "unchanged" ? "unchanged" : "pending", message: null, deploymentId: null }));
  const row = await db.$transaction(async (tx) => {
    const busy = await tx.stackRollout.findFirst({ where: { stackId, status: "running" }, select: { id: true } });
    if (busy) throw new DomainError("conflict", `An apply of stack "${src.stack.name}" is already under way; wait for it to end`);
    const version = await versionFor(tx, src, actor);
    // A rollback makes the older file the one being edited, too.
    if (src.fromVersion !== null) await tx.stack.update({ where: { id: stackId }, data: { compose: src.compose, envSealed: sealEnv(src.env) } });
    const r = await tx.stackRollout.create({ data: { stackId, version, steps: JSON.stringify(steps), actorName: actor.name ?? null } });
    await recordAudit(tx, { actor, action: src.fromVersion !== null ? "stack.rollback" : "stack.apply", target: { type: "stack", id: stackId }, details: { version, changes: plan.changes, from: src.fromVersion }, meta });
    return r;
  });
  const run = new StackRun(db, src, loaded, plan, steps, row.id, row.version, { pull: opts.pull }, actor, meta);
  publish(src.stack.hostId, stackRolloutView(row));
  const finished = run.execute().catch(async (err: unknown) => {
    log.error("stacks", "stack rollout crashed", { stackId, rolloutId: row.id, error: errorText(err) });
    return run.finish("failed", `internal error: ${errorText(err)}`);
  });
  return { rollout: stackRolloutView(row), finished };
}

function publish(hostId: string | null, rollout: StackRolloutView): void {
  getAgentHub().bus.publish({ type: "stack/rollout", hostId, rollout });
}

class StackRun {
  constructor(
    private readonly db: Db,
    private readonly src: Source,
    private readonly loaded: LoadedStack,
    private readonly plan: StackPlan,
    private readonly steps: RolloutStep[],
    private readonly rolloutId: string,
    private readonly version: number,
    private readonly opts: { pull: boolean },
    private readonly actor: AuditActor,
    private readonly meta: AuditOrigin,
  ) {}

  private async save(): Promise<void> {
    const row = await this.db.stackRollout.update({ where: { id: this.rolloutId }, data: { steps: JSON.stringify(this.steps) } });
    publish(this.src.stack.hostId, stackRolloutView(row));
  }

  private step(key: string, action?: PlanStep["action"]): RolloutStep {
    return this.steps.find((s) => s.key === key && (!action || s.action === action))!;
  }

  async execute(): Promise<StackRolloutView> {
    const byKey = new Map(this.loaded.services.map((d) => [d.key, d]));
    // Each service starts as soon as its own dependencies have passed their health gate (not when
    // its whole level has): the engine is never idle behind a slow neighbour. Only dependencies in
    // earlier levels count, so a cycle can never deadlock. After a failure nothing new starts.
    const started = new Map<string, Promise<boolean>>();
    let stopped = false;
    const run = (key: string): Promise<boolean> => {
      const known = started.get(key);
      if (known) return known;
      const step = this.step(key);
      const want = byKey.get(key)!;
      const p = (async () => {
        const deps = want.dependsOn.map((d) => d.service).filter((d) => byKey.has(d) && this.step(d).level < step.level);
        const ok = (await Promise.all(deps.map(run))).every(Boolean);
        if (step.action !== "create" && step.action !== "recreate") return ok;
        if (!ok || stopped) return false; // left pending: marked skipped below
        const healthy = await this.rollOne(step, want);
        if (!healthy) stopped = true;
        return healthy;
      })();
      started.set(key, p);
      return p;
    };
    await Promise.all([...byKey.keys()].map(run));
    const failed = this.steps.filter((s) => s.status === "failed");
    if (failed.length) {
      for (const s of this.steps) if (s.status === "pending") { s.status = "skipped"; s.message = "not started: an earlier service failed"; }
      await this.save();
      const f = failed[0]!;
      return this.finish("failed", `${f.key}: ${f.message ?? "failed"}; the rollout stopped there`);
    }
    for (const s of this.steps.filter((x) => x.action === "remove")) await this.removeOne(s);
    const failedRemoval = this.steps.find((s) => s.action === "remove" && s.status === "failed");
    if (failedRemoval) return this.finish("failed", `${failedRemoval.key}: ${failedRemoval.message ?? "could not be removed"}`);
    await this.db.stack.update({ where: { id: this.src.stack.id }, data: { appliedVersion: this.version, desired: "running" } });
    return this.finish("succeeded", null);
  }

  /** Writes the service's row, rolls it out, and on failure puts the row back. True when it is healthy. */
  private async rollOne(step: RolloutStep, want: DesiredService): Promise<boolean> {
    const db = this.db;
    const stack = { id: this.src.stack.id, service: want.key };
    const input = {
      image: want.image, command: want.command, env: want.env, ports: want.ports, volumes: want.volumes,
      healthcheck: want.healthcheck, restartPolicy: want.restartPolicy, egress: want.egress, runtime: want.runtime,
    };
    let before: ServiceView | null = null;
    step.status = "running";
    await this.save();
    try {
      let serviceId = step.serviceId;
      if (serviceId) {
        before = await getServiceOrThrow(db, serviceId);
        await updateService(db, serviceId, input, this.actor, this.meta, { stackId: stack.id });
      } else {
        serviceId = (await createService(db, { ...input, name: want.name, hostId: this.src.stack.hostId }, this.actor, this.meta, { stack })).id;
        step.serviceId = serviceId;
      }
      await writeNetworks(db, serviceId, want.networks);
      const started = await deployService(db, serviceId, { pull: this.opts.pull, stack: { stackId: stack.id, stack: this.src.stack.name, networks: want.networks } }, this.actor, this.meta);
      step.deploymentId = started.deployment.id;
      await this.save();
      const d = await started.finished;
      if (d.status === "succeeded" || d.status === "unchanged") {
        step.status = "succeeded";
        step.message = d.status === "unchanged" ? "already running this spec" : "healthy";
        await this.save();
        return true;
      }
      throw new Error(d.error ?? `the rollout ended ${d.status}`);
    } catch (err) {
      step.status = "failed";
      step.message = errorText(err);
      await this.restore(step, before).catch((e: unknown) => log.warn("stacks", "could not restore a failed service's row", { error: errorText(e) }));
      await this.save();
      return false;
    }
  }

  /** A failed service's row goes back to what runs: its previous values, or away if it was new. */
  private async restore(step: RolloutStep, before: ServiceView | null): Promise<void> {
    if (!step.serviceId) return;
    if (before) {
      const { image, command, env, ports, volumes, healthcheck, restartPolicy, egress, runtime } = before;
      await updateService(this.db, step.serviceId, { image, command, env, ports, volumes, healthcheck, restartPolicy, egress, runtime }, this.actor, this.meta, { stackId: this.src.stack.id });
      return;
    }
    await removeServiceContainers(this.db, step.serviceId).catch(() => undefined);
    await deleteService(this.db, step.serviceId, this.actor, this.meta, { stackId: this.src.stack.id });
    step.serviceId = null;
  }

  private async removeOne(step: RolloutStep): Promise<void> {
    step.status = "running";
    await this.save();
    try {
      await removeServiceContainers(this.db, step.serviceId!);
      await deleteService(this.db, step.serviceId!, this.actor, this.meta, { stackId: this.src.stack.id });
      step.status = "succeeded";
      step.message = "removed";
    } catch (err) {
      step.status = "failed";
      step.message = errorText(err);
    }
    await this.save();
  }

  async finish(status: "succeeded" | "failed", error: string | null): Promise<StackRolloutView> {
    const row = await this.db.stackRollout.update({
      where: { id: this.rolloutId },
      data: { status, error, steps: JSON.stringify(this.steps), finishedAt: new Date() },
    });
    const view = stackRolloutView(row);
    publish(this.src.stack.hostId, view);
    log.info("stacks", "stack rollout ended", { stackId: this.src.stack.id, version: this.version, status, error });
    return view;
  }
}
