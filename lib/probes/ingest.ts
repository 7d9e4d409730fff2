// ingestResults: the one entry point for probe results from any vantage point (the control
// plane's own scheduler today; the agent hub calls it with what agents report). In one
// transaction per batch it stores the raw results, moves each (check, vantage) cell, recomputes
// the check's overall status, opens/updates/closes incidents and enqueues their notifications.
// Results may arrive late (an agent flushing what it probed while offline): they are stored with
// their own time, and only those newer than the cell's last verdict move the cell and incidents.
// Paused checks' results are dropped; inside a maintenance window nothing opens or notifies.
import type { Db } from "@/lib/db";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DomainError, notFound } from "@/lib/errors";
import { describeCheck } from "./engine/run";
import { CheckSpecSchema, type VantageResult } from "./engine/schemas";
import { MAX_CLOCK_SKEW_MS, type CellStatus, type CheckStatus } from "./schemas";
import { isStale, judgeResult, lateCount, cellAfter, overallStatus, planIncident, type CellState, type IncidentKind } from "./state";
import { checkRows, checkStateRows, incidentRows, type CheckRecord, type CheckStateRecord } from "./rows";
import { enqueueDeliveries } from "./deliveries";
import { checksInMaintenance } from "./maintenance";
import type { NotificationMessage } from "./notify";
import { checksAssignedTo, reportRefusal } from "./vantages";
import { checkResultsEvent, getEventBus, type LiveEvent } from "@/lib/events";

export interface IngestSummary {
  stored: number;
  /** Results for checks that no longer exist (deleted meanwhile). */
  ignored: number;
  /** Stored as history only: no newer than their cell's last verdict (late arrivals). */
  late: number;
  statusChanges: number;
  incidentsOpened: number;
  incidentsClosed: number;
  /** Refused before anything was stored (HTTP reports: unassigned, disabled or unknown checks, future dates). */
  refused: number;
  refusedReasons: { reason: string; count: number }[];
}

const MAX_MESSAGE_CHARS = 500;

function incidentMessage(
  event: NotificationMessage["event"],
  check: Pick<CheckRecord, "id" | "name" | "type" | "target" | "expectation">,
  inc: { id: string; kind: IncidentKind; startedAt: Date; endedAt: Date | null; durationMs: number | null; vantages: string[]; errorClass: string | null; message: string | null },
  vantageNames: Map<string, string>,
): NotificationMessage {
  const where = inc.vantages.map((v) => vantageNames.get(v) ?? v).join(", ");
  const exposure = check.expectation === "unreachable";
  const title =
    event === "incident.resolved"
      ? exposure ? `${check.name} is no longer reachable, as intended` : `${check.name} is up again`
      : exposure ? `${check.name} is reachable but should not be`
      : inc.kind === "degraded" ? `${check.name} is degraded` : `${check.name} is down`;
  const text =
    event === "incident.resolved"
      ? `${check.name} recovered after ${Math.round((inc.durationMs ?? 0) / 1000)} s.`
      : `${check.name} ${inc.kind === "degraded" ? "fails from some vantage points" : "fails"}: ${inc.errorClass ?? "error"}${inc.message ? ` (${inc.message})` : ""}. Seen from: ${where || "—"}.`;
  let description: string = check.type;
  try {
    description = describeCheck(CheckSpecSchema.parse(check));
  } catch {
    description = `${check.type} (unreadable target)`;
  }
  return {
    event,
    title,
    text,
    at: new Date().toISOString(),
    check: { id: check.id, name: check.name, description },
    incident: { ...inc, startedAt: inc.startedAt.toISOString(), endedAt: inc.endedAt?.toISOString() ?? null },
  };
}

type Tx = Prisma.TransactionClient;

/** Rows per INSERT statement (well under SQLite's bound-parameter limit). */
const SQL_ROWS_PER_STATEMENT = 200;

/** Dates as Prisma stores them in SQLite (ISO with an explicit offset), so its queries compare them correctly. */
const sqlDate = (d: Date | string | null) => (d === null ? null : (typeof d === "string" ? new Date(d) : d).toISOString().replace("Z", "+00:00"));
const roundOrNull = (v: number | null) => (v === null ? null : Math.round(v));

/**
 * The hot path: one multi-row INSERT per chunk instead of Prisma's per-row work. Plain SQL that
 * SQLite and PostgreSQL both accept (quoted identifiers, ON CONFLICT).
 */
async function insertResults(tx: Tx, vantageId: string, results: VantageResult[]): Promise<void> {
  for (let i = 0; i < results.length; i += SQL_ROWS_PER_STATEMENT) {
    const values = results.slice(i, i + SQL_ROWS_PER_STATEMENT).map((r) => Prisma.sql`(${r.checkId}, ${vantageId}, ${sqlDate(r.at)}, ${r.ok ? 1 : 0}, ${r.errorClass}, ${r.message?.slice(0, MAX_MESSAGE_CHARS) ?? null}, ${roundOrNull(r.latencyMs)}, ${roundOrNull(r.timing.dnsMs)}, ${roundOrNull(r.timing.connectMs)}, ${roundOrNull(r.timing.tlsMs)}, ${roundOrNull(r.timing.firstByteMs)}, ${r.statusCode}, ${r.tls ? sqlDate(r.tls.expiresAt) : null}, ${r.tls?.issuer ?? null}, ${r.fingerprint ?? null})`);
    await tx.$executeRaw`INSERT INTO "ProbeResult" ("checkId", "vantageId", "at", "ok", "errorClass", "message", "latencyMs", "dnsMs", "connectMs", "tlsMs", "firstByteMs", "statusCode", "tlsExpiresAt", "tlsIssuer", "fingerprint") VALUES ${Prisma.join(values)}`;
  }
}

interface CellRow {
  checkId: string;
  status: string;
  consecutiveFailures: number;
  errorClass: string | null;
  message: string | null;
  latencyMs: number | null;
  lastAt: Date;
  fingerprint: string | null;
}

async function upsertCells(tx: Tx, vantageId: string, cells: CellRow[]): Promise<void> {
  for (let i = 0; i < cells.length; i += SQL_ROWS_PER_STATEMENT) {
    const values = cells.slice(i, i + SQL_ROWS_PER_STATEMENT).map((c) => Prisma.sql`(${c.checkId}, ${vantageId}, ${c.status}, ${c.errorClass}, ${c.message}, ${c.latencyMs}, ${c.consecutiveFailures}, ${sqlDate(c.lastAt)}, ${c.fingerprint})`);
    await tx.$executeRaw`INSERT INTO "CheckState" ("checkId", "vantageId", "status", "errorClass", "message", "latencyMs", "consecutiveFailures", "lastAt", "fingerprint") VALUES ${Prisma.join(values)}
      ON CONFLICT ("checkId", "vantageId") DO UPDATE SET "status" = excluded."status", "errorClass" = excluded."errorClass", "message" = excluded."message",
      "latencyMs" = excluded."latencyMs", "consecutiveFailures" = excluded."consecutiveFailures", "lastAt" = excluded."lastAt", "fingerprint" = excluded."fingerprint"`;
  }
}

export async function ingestResults(vantageId: string, results: VantageResult[], db: Db = getDb(), now: Date = new Date()): Promise<IngestSummary> {
  const summary: IngestSummary = { stored: 0, ignored: 0, late: 0, statusChanges: 0, incidentsOpened: 0, incidentsClosed: 0, refused: 0, refusedReasons: [] };
  if (results.length === 0) return summary;
  // Published once the transaction has committed, so open pages refetch what is really stored.
  const live: LiveEvent[] = [];
  const changedChecks: { checkId: string; status: string }[] = [];
  let storedChecks: string[] = [];
  await db.$transaction(async (tx) => {
    const vantage = await tx.vantagePoint.findUnique({ where: { id: vantageId } });
    if (!vantage) throw notFound("Vantage point");
    await tx.vantagePoint.update({ where: { id: vantageId }, data: { lastSeenAt: now } });

    const checkIds = [...new Set(results.map((r) => r.checkId))];
    const checks = new Map((await tx.check.findMany({ where: { id: { in: checkIds } } })).map((c) => [c.id, checkRows.parse(c)]));
    // Judged against each check's expectation before anything is stored: history, uptime, cells
    // and incidents all speak of the check's verdict (an exposure check is up when unreachable).
    // A paused check's results (a probe already in flight when it was paused) are dropped like a deleted one's.
    const known = results
      .filter((r) => checks.has(r.checkId) && checks.get(r.checkId)!.pausedAt === null)
      .map((r) => judgeResult(r, checks.get(r.checkId)!.expectation, vantage.name));
    summary.ignored = results.length - known.length;
    if (known.length === 0) return;

    await insertResults(tx, vantageId, known);
    summary.stored = known.length;

    const ids = [...new Set(known.map((r) => r.checkId))];
    storedChecks = ids;
    const states = new Map<string, CheckStateRecord[]>();
    for (const row of await tx.checkState.findMany({ where: { checkId: { in: ids } } })) {
      const s = checkStateRows.parse(row);
      states.set(s.checkId, [...(states.get(s.checkId) ?? []), s]);
    }
    // Inside a maintenance window results and statuses are recorded, but no incident opens and nobody is notified.
    const quiet = await checksInMaintenance(tx, ids.map((id) => checks.get(id)!), now);
    const openIncidents = new Map((await tx.incident.findMany({ where: { checkId: { in: ids }, endedAt: null } })).map((i) => [i.checkId, i]));
    const byCheck = new Map<string, VantageResult[]>();
    for (const r of known) {
      const list = byCheck.get(r.checkId);
      if (list) list.push(r);
      else byCheck.set(r.checkId, [r]);
    }
    let vantageNames: Map<string, string> | undefined;
    const cellRows: CellRow[] = [];
    const statusChanges = new Map<CheckStatus, string[]>();

    for (const [checkId, all] of byCheck) {
      const check = checks.get(checkId)!;
      let rs = all.sort((a, b) => a.at.localeCompare(b.at));
      const others = states.get(checkId) ?? [];
      const mine = others.find((s) => s.vantageId === vantageId);
      // Late results are history only (stored above); the newer ones, if any, move the cell.
      const late = lateCount(rs, mine?.lastAt);
      if (late > 0) {
        summary.late += late;
        if (late === rs.length) continue;
        rs = rs.slice(late);
      }
      let cell: CellState | undefined = mine ? { status: mine.status, consecutiveFailures: mine.consecutiveFailures } : undefined;
      for (const r of rs) cell = cellAfter(cell, r, check.retries);
      const last = rs[rs.length - 1]!;
      const lastAt = new Date(last.at);
      const cellData = {
        status: cell!.status,
        consecutiveFailures: cell!.consecutiveFailures,
        errorClass: last.errorClass,
        message: last.message?.slice(0, MAX_MESSAGE_CHARS) ?? null,
        latencyMs: last.latencyMs === null ? null : Math.round(last.latencyMs),
        lastAt,
        fingerprint: last.fingerprint ?? null,
      };
      cellRows.push({ checkId, ...cellData });

      // Overall: this vantage's new cell plus the others', stale ones counting as unknown (this
      // one too: a replayed offline period older than the staleness window is history, not news).
      const cells = [
        { vantageId, status: (isStale(lastAt, check.intervalSec, now) ? "unknown" : cellData.status) as CellStatus },
        ...others
          .filter((s) => s.vantageId !== vantageId)
          .map((s) => ({ vantageId: s.vantageId, status: (isStale(s.lastAt, check.intervalSec, now) ? "unknown" : s.status) as CellStatus })),
      ];
      const overall: CheckStatus = overallStatus(cells.map((c) => c.status));
      if (overall !== check.status) {
        summary.statusChanges++;
        statusChanges.set(overall, [...(statusChanges.get(overall) ?? []), checkId]);
      }
      if (overall !== check.status || mine?.status !== cellData.status) changedChecks.push({ checkId, status: overall });

      const open = openIncidents.get(checkId);
      const failing = cells.filter((c) => c.status === "down").map((c) => c.vantageId);
      const plan = planIncident(open ? incidentRows.columns({ id: open.id, kind: open.kind, vantages: open.vantages }) : null, overall, failing);
      if (plan.action === "none" || (plan.action === "open" && quiet.has(checkId))) continue;
      vantageNames ??= new Map((await tx.vantagePoint.findMany({ select: { id: true, name: true } })).map((v) => [v.id, v.name]));
      const channels = quiet.has(checkId) ? [] : check.channels;
      const failed = rs.filter((r) => !r.ok).pop() ?? last;
      if (plan.action === "open") {
        const inc = await tx.incident.create({
          data: { checkId, kind: plan.kind, startedAt: lastAt, vantages: JSON.stringify(plan.vantages), errorClass: failed.errorClass, message: failed.message?.slice(0, MAX_MESSAGE_CHARS) ?? null },
        });
        summary.incidentsOpened++;
        live.push({ type: "incident/opened", incidentId: inc.id, checkId, kind: plan.kind });
        await enqueueDeliveries(tx, channels, incidentMessage("incident.opened", check, { ...inc, kind: plan.kind, vantages: plan.vantages }, vantageNames), inc.id);
      } else if (plan.action === "update" && open) {
        // Its kind follows the check (down ↔ degraded); open pages refetch on incident/updated.
        await tx.incident.update({ where: { id: open.id }, data: { kind: plan.kind, vantages: JSON.stringify(plan.vantages) } });
        live.push({ type: "incident/updated", incidentId: open.id, checkId, kind: plan.kind });
        if (plan.kind !== open.kind) {
          await enqueueDeliveries(tx, channels, incidentMessage("incident.updated", check, { ...open, kind: plan.kind, vantages: plan.vantages }, vantageNames), open.id);
        }
      } else if (plan.action === "close" && open) {
        const durationMs = Math.max(0, lastAt.getTime() - open.startedAt.getTime());
        const closed = await tx.incident.update({ where: { id: open.id }, data: { endedAt: lastAt, durationMs } });
        summary.incidentsClosed++;
        live.push({ type: "incident/resolved", incidentId: open.id, checkId });
        await enqueueDeliveries(tx, channels, incidentMessage("incident.resolved", check, incidentRows.parse(closed), vantageNames), open.id);
      }
    }
    await upsertCells(tx, vantageId, cellRows);
    // One statement per new status (a fresh batch moves hundreds of checks from unknown at once).
    for (const [status, ids] of statusChanges) await tx.check.updateMany({ where: { id: { in: ids } }, data: { status, statusSince: now } });
  });
  if (changedChecks.length) live.push({ type: "checks/status", checks: changedChecks });
  // One event per batch for charts and matrix cells (new history, late results included).
  if (storedChecks.length) live.push(checkResultsEvent(vantageId, storedChecks));
  for (const e of live) getEventBus().publish(e);
  return summary;
}

/**
 * Results a vantage point reports over HTTP (scripts, the probe CLI), held to what its schedule
 * would be: only for checks assigned to it (loadChecksForVantage's selection), never dated more
 * than MAX_CLOCK_SKEW_MS ahead of this clock (a result from the year 2999 would freeze its cell),
 * and never for the control plane or an agent's host (they report through their own channel) or a
 * disabled vantage point. Refused results are counted with their reasons; when none is left the
 * whole batch is a 422 naming them.
 */
export async function ingestReportedResults(vantageId: string, results: VantageResult[], db: Db = getDb(), now: Date = new Date()): Promise<IngestSummary> {
  const vantage = await db.vantagePoint.findUnique({ where: { id: vantageId } });
  if (!vantage) throw notFound("Vantage point");
  const refusal = await reportRefusal(db, vantage);
  if (refusal) throw new DomainError("invalid", `No results accepted: ${refusal}`, { issues: [{ path: "results", message: refusal }] });
  const { known, enabled, assigned } = await checksAssignedTo(db, vantage, [...new Set(results.map((r) => r.checkId))]);
  const latest = now.getTime() + MAX_CLOCK_SKEW_MS;
  const reasons = new Map<string, number>();
  const accepted = results.filter((r) => {
    const why = !known.has(r.checkId)
      ? "for a check that does not exist"
      : !enabled.has(r.checkId)
        ? "for a disabled check"
        : !assigned.has(r.checkId)
          ? `for a check not assigned to vantage point "${vantage.name}"`
          : Date.parse(r.at) > latest
            ? `dated more than ${MAX_CLOCK_SKEW_MS / 60_000} min ahead of the control plane's clock`
            : null;
    if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
    return why === null;
  });
  const refusedReasons = [...reasons].map(([reason, count]) => ({ reason, count }));
  if (accepted.length === 0) {
    const message = refusedReasons.map((r) => `${r.count} ${r.count === 1 ? "result" : "results"} ${r.reason}`).join("; ");
    throw new DomainError("invalid", `No results accepted: ${message}`, { issues: refusedReasons.map((r) => ({ path: "results", message: `${r.count} ${r.reason}` })) });
  }
  const summary = await ingestResults(vantageId, accepted, db, now);
  return { ...summary, refused: results.length - accepted.length, refusedReasons };
}
