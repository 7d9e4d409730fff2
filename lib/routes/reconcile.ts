// The route reconciler: converges the four parts of a route in order — LAN DNS, proxy, tunnel,
// public DNS (public last, so the public name only appears once the tunnel can serve it) — and
// keeps each part's status in RoutePart. Parts are marked "pending" before anything is applied,
// so a process killed mid-way leaves rows the next pass retries. A failed part gets a retry time
// (lib/dns backoff); later parts still run unless they depend on it (public DNS on the tunnel).
import type { Db } from "@/lib/db";
import { retryDelayMs } from "@/lib/dns";
import { log } from "@/lib/log";
import type { PartDerivation } from "./derive";
import { findRoute, routePartRows, type RoutePartRecord, type RouteRecord } from "./record";
import { ROUTE_PARTS, type RoutePartName, type RoutePartView } from "./schemas";

/** Parts that cannot be applied while another one has failed. */
export const PART_DEPENDS_ON: Partial<Record<RoutePartName, RoutePartName>> = { "public-dns": "tunnel" };

export type PartOutcome = { ok: true; message: string | null } | { ok: false; message: string; retryAfterS?: number };

/** What the reconciler drives: the derivation of a route's parts and one applier per part. */
export interface RouteDriver {
  derive(route: RouteRecord): Promise<PartDerivation[]>;
  appliers: Record<RoutePartName, (route: RouteRecord, d: PartDerivation) => Promise<PartOutcome>>;
}

export interface ReconcileOptions {
  now?: () => Date;
  random?: () => number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPartView(r: RoutePartRecord): RoutePartView {
  return {
    part: r.part,
    status: r.status,
    message: r.message,
    attempts: r.attempts,
    lastAttemptAt: iso(r.lastAttemptAt),
    nextAttemptAt: iso(r.nextAttemptAt),
    appliedAt: iso(r.appliedAt),
  };
}

/** The stored parts of a route in reconcile order ([] before its first apply). */
export async function listRouteParts(db: Db, routeId: string): Promise<RoutePartView[]> {
  const parts = (await db.routePart.findMany({ where: { routeId } })).map(routePartRows.parse);
  return ROUTE_PARTS.flatMap((p) => parts.filter((r) => r.part === p).map(toPartView));
}

type GlobalWithLock = typeof globalThis & { __homeportRoutesLock?: Promise<unknown> };

/**
 * Runs `fn` after every earlier reconcile in this process has finished: applies of one route, the
 * scheduler pass and cleanups all rewrite the same zones and Caddy config. Kept on globalThis so
 * the route handlers (Next's bundles) and server.ts's scheduler share it.
 */
export function withRoutesLock<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as GlobalWithLock;
  const run = (g.__homeportRoutesLock ?? Promise.resolve()).then(fn, fn);
  g.__homeportRoutesLock = run.catch(() => undefined);
  return run;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Converges every part of one route; null when the route no longer exists. Never throws for part failures. */
export async function reconcileRoute(db: Db, routeId: string, driver: RouteDriver, opts: ReconcileOptions = {}): Promise<RoutePartView[] | null> {
  return withRoutesLock(() => reconcileRouteLocked(db, routeId, driver, opts));
}

async function reconcileRouteLocked(db: Db, routeId: string, driver: RouteDriver, opts: ReconcileOptions): Promise<RoutePartView[] | null> {
  const now = opts.now ?? (() => new Date());
  const route = await findRoute(db, routeId);
  if (!route) return null;
  const started = now();
  const before = new Map((await db.routePart.findMany({ where: { routeId } })).map(routePartRows.parse).map((r) => [r.part, r]));
  // Pending first, in one transaction: a crash from here on leaves rows the next pass picks up.
  await db.$transaction(ROUTE_PARTS.map((part) => db.routePart.upsert({
    where: { routeId_part: { routeId, part } },
    create: { routeId, part, status: "pending", lastAttemptAt: started },
    update: { status: "pending", lastAttemptAt: started },
  })));
  let derived: PartDerivation[];
  try {
    derived = await driver.derive(route);
  } catch (err) {
    derived = ROUTE_PARTS.map((part) => ({ part, kind: "blocked", summary: "", reason: `could not read the settings: ${errorText(err)}`, details: {} }));
  }
  const results = new Map<RoutePartName, RoutePartRecord>();
  for (const part of ROUTE_PARTS) {
    const d = derived.find((x) => x.part === part) ?? { part, kind: "blocked" as const, summary: "", reason: "no derivation", details: {} };
    const previous = routePartRows.parse(await db.routePart.findUniqueOrThrow({ where: { routeId_part: { routeId, part } } }));
    const dep = PART_DEPENDS_ON[part];
    const depRow = dep ? results.get(dep) : undefined;
    let outcome: PartOutcome | "skipped";
    const was = before.get(part);
    if (d.kind === "skip" && d.cleanup && was && (was.status === "failed" || (was.status !== "skipped" && was.appliedAt !== null))) {
      // Not needed any more, but applied before: converge it away, then it is skipped.
      try {
        const o = await driver.appliers[part](route, d);
        outcome = o.ok ? "skipped" : { ...o, message: `removing what an earlier apply created: ${o.message}` };
      } catch (err) {
        outcome = { ok: false, message: `removing what an earlier apply created: ${errorText(err)}` };
      }
    } else if (d.kind === "skip") outcome = "skipped";
    else if (depRow?.status === "failed") outcome = { ok: false, message: `waiting for the ${dep} part, which failed: ${depRow.message ?? "no reason given"}` };
    else if (d.kind === "blocked") outcome = { ok: false, message: d.reason ?? "cannot be applied as configured" };
    else {
      try {
        outcome = await driver.appliers[part](route, d);
      } catch (err) {
        outcome = { ok: false, message: errorText(err) };
      }
    }
    const at = now();
    let data;
    if (outcome === "skipped") data = { status: "skipped", message: d.reason, attempts: 0, nextAttemptAt: null, lastAttemptAt: at };
    else if (outcome.ok) data = { status: "ok", message: outcome.message ?? d.summary, attempts: 0, nextAttemptAt: null, lastAttemptAt: at, appliedAt: at };
    else {
      const attempts = previous.attempts + 1;
      // A part blocked by its dependency retries with it, not on its own schedule.
      const next = depRow?.status === "failed" && depRow.nextAttemptAt ? depRow.nextAttemptAt : new Date(at.getTime() + retryDelayMs(attempts, outcome.retryAfterS, opts.random));
      data = { status: "failed", message: outcome.message, attempts, nextAttemptAt: next, lastAttemptAt: at };
    }
    results.set(part, routePartRows.parse(await db.routePart.update({ where: { routeId_part: { routeId, part } }, data })));
  }
  const views = ROUTE_PARTS.map((p) => toPartView(results.get(p)!));
  const failed = views.filter((v) => v.status === "failed");
  if (failed.length > 0) log.warn("routes", "route parts failed", { routeId, hostname: route.hostname, failed: failed.map((f) => `${f.part}: ${f.message}`) });
  else log.info("routes", "route converged", { routeId, hostname: route.hostname });
  return views;
}

/** Routes with a part left pending (interrupted) or a failed part whose retry is due. */
export async function dueRouteIds(db: Db, now: Date): Promise<string[]> {
  const rows = await db.routePart.findMany({
    where: { OR: [{ status: "pending" }, { status: "failed", nextAttemptAt: { lte: now } }] },
    select: { routeId: true },
    distinct: ["routeId"],
  });
  return rows.map((r) => r.routeId);
}

/**
 * One scheduler pass under the lock: every route with an interrupted or due part is converged
 * again (the whole route, in order: parts are idempotent). Returns the routes reconciled.
 */
export async function reconcileDueRoutes(db: Db, now: Date, driver: RouteDriver, opts: ReconcileOptions = {}): Promise<string[]> {
  return withRoutesLock(async () => {
    const ids = await dueRouteIds(db, now);
    for (const id of ids) await reconcileRouteLocked(db, id, driver, opts);
    return ids;
  });
}
