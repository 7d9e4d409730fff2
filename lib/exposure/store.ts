// Exposure reports in the database: row ↔ view (JSON columns parsed with zod), the history page,
// one report, the latest, pruning to the last MAX_REPORTS, and failing reports a dead process left.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { findPage, type Page } from "@/lib/db/pagination";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import { FindingSchema, ReportDiffSchema, ReportStatusSchema, ScanRowSchema, type ExposureReportSummary, type ExposureReportView, type Finding } from "./schemas";

/** Reports kept; older ones are deleted when a scan finishes. */
export const MAX_REPORTS = 100;
export const INTERRUPTED_MESSAGE = "interrupted: Homeport stopped while this scan ran";

type Row = Awaited<ReturnType<Db["exposureReport"]["findFirstOrThrow"]>>;

function parseJson<T extends z.ZodType>(text: string | null, schema: T, fallback: z.infer<T>, what: string, id: string): z.infer<T> {
  if (text === null) return fallback;
  try {
    const r = schema.safeParse(JSON.parse(text));
    if (r.success) return r.data;
    log.warn("exposure", `unreadable ${what} in a report`, { id, error: r.error.message.slice(0, 300) });
  } catch {
    log.warn("exposure", `unreadable ${what} in a report`, { id });
  }
  return fallback;
}

const statusOf = (s: string) => ReportStatusSchema.catch("failed").parse(s);
const countsOf = (r: Row) => ({ critical: r.critical, high: r.high, medium: r.medium, low: r.low });

export function findingsOf(r: Pick<Row, "findings" | "id">): Finding[] {
  return parseJson(r.findings, z.array(FindingSchema), [], "findings", r.id);
}

export function reportView(r: Row): ExposureReportView {
  return {
    id: r.id,
    status: statusOf(r.status),
    trigger: r.trigger,
    actor: r.actor,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    score: r.score,
    counts: countsOf(r),
    findings: findingsOf(r),
    scans: parseJson(r.scans, z.array(ScanRowSchema), [], "scans", r.id),
    diff: parseJson(r.diff, ReportDiffSchema.nullable(), null, "diff", r.id),
    error: r.error,
  };
}

export function reportSummary(r: Row): ExposureReportSummary {
  const diff = parseJson(r.diff, ReportDiffSchema.nullable(), null, "diff", r.id);
  return {
    id: r.id,
    status: statusOf(r.status),
    trigger: r.trigger,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    score: r.score,
    counts: countsOf(r),
    newCount: diff?.newCount ?? 0,
    resolvedCount: diff?.resolved.length ?? 0,
  };
}

/** Whether this process runs a scan now (one at a time; the row alone cannot tell after a crash). */
let runningId: string | null = null;
export const scanInProgress = () => runningId;
export function setScanInProgress(id: string | null) {
  runningId = id;
}

/** Marks `running` reports that no scan in this process owns as failed (a killed process left them). */
export async function failAbandonedReports(db: Db): Promise<number> {
  const r = await db.exposureReport.updateMany({
    where: { status: "running", ...(runningId ? { id: { not: runningId } } : {}) },
    data: { status: "failed", finishedAt: new Date(), error: INTERRUPTED_MESSAGE },
  });
  return r.count;
}

export async function listReports(db: Db, q: { limit: number; cursor?: string }): Promise<Page<ExposureReportSummary>> {
  await failAbandonedReports(db);
  return findPage(q, (args) => db.exposureReport.findMany({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], ...args }), reportSummary);
}

export async function getReport(db: Db, id: string): Promise<ExposureReportView> {
  await failAbandonedReports(db);
  const r = await db.exposureReport.findUnique({ where: { id } });
  if (!r) throw new DomainError("not_found", "No exposure report with this id");
  return reportView(r);
}

/** The newest report (running, done or failed), or null when no scan ever ran. */
export async function getLatestReport(db: Db): Promise<ExposureReportView | null> {
  await failAbandonedReports(db);
  const r = await db.exposureReport.findFirst({ orderBy: [{ startedAt: "desc" }, { id: "desc" }] });
  return r ? reportView(r) : null;
}

/** The last finished report before `beforeId`, for the diff. */
export async function previousDoneReport(db: Db, beforeId: string): Promise<{ id: string; findings: Finding[] } | null> {
  const r = await db.exposureReport.findFirst({ where: { status: "done", id: { not: beforeId } }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], select: { id: true, findings: true } });
  return r ? { id: r.id, findings: findingsOf(r) } : null;
}

/** Deletes all but the newest MAX_REPORTS reports. */
export async function pruneReports(db: Db, keep = MAX_REPORTS): Promise<number> {
  const old = await db.exposureReport.findMany({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], skip: keep, select: { id: true } });
  if (old.length === 0) return 0;
  const r = await db.exposureReport.deleteMany({ where: { id: { in: old.map((o) => o.id) } } });
  return r.count;
}
