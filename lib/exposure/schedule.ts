// Scheduled exposure scans: on each tick, decides from the database alone (the last report's start,
// any trigger) whether a scan is due, and starts one with trigger "schedule". A restart changes
// nothing, and a window missed during downtime yields one scan, not one per missed window.
import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit";
import { findAgentHub } from "@/lib/agents";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Schedulers } from "@/lib/schedulers";
import { getSetting } from "@/lib/settings";
import { startExposureScan } from "./run";
import { scanInProgress } from "./store";

/** How often the scheduler looks whether a scan is due (the interval itself is the setting). */
export const EXPOSURE_SCHEDULE_TICK_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Who a scheduled scan is audited as, and the report's actor. */
export const SCHEDULE_ACTOR: AuditActor = { type: "system", name: "schedule" };
export const SCHEDULE_TRIGGER = "schedule";

export interface ScheduleFacts {
  /** The setting: 0 means scheduled scans are off. */
  intervalHours: number;
  /** When the newest report (any trigger, any status) started; null before the first scan. */
  lastReportAt: Date | null;
  /** Before the first scan, the clock starts when the first agent enrolled (null: no agent yet). */
  firstEnrolledAt: Date | null;
  running: boolean;
  agentsOnline: number;
  now: Date;
}

export type ScheduleDecision =
  | { run: true }
  | { run: false; reason: "off" | "no-agent-yet" | "not-due" | "running" | "no-agent-online"; nextAt: Date | null };

/** When the next scheduled scan is due (never in the past), or null when it is off or cannot be known yet. */
export function nextScanAt(f: Pick<ScheduleFacts, "intervalHours" | "lastReportAt" | "firstEnrolledAt" | "now">): Date | null {
  if (f.intervalHours <= 0) return null;
  const from = f.lastReportAt ?? f.firstEnrolledAt;
  if (!from) return null;
  return new Date(Math.max(from.getTime() + f.intervalHours * HOUR_MS, f.now.getTime()));
}

/** The decision (pure): due when on, nothing runs, an agent is online and the interval has passed. */
export function decideScheduledScan(f: ScheduleFacts): ScheduleDecision {
  if (f.intervalHours <= 0) return { run: false, reason: "off", nextAt: null };
  const nextAt = nextScanAt(f);
  if (!nextAt) return { run: false, reason: "no-agent-yet", nextAt: null };
  if (nextAt.getTime() > f.now.getTime()) return { run: false, reason: "not-due", nextAt };
  if (f.running) return { run: false, reason: "running", nextAt };
  if (f.agentsOnline === 0) return { run: false, reason: "no-agent-online", nextAt };
  return { run: true };
}

/** The facts the decision needs, read from the database and the agent hub. */
export async function scheduleFacts(db: Db, now = new Date()): Promise<ScheduleFacts> {
  const [intervalHours, last, first, hosts] = await Promise.all([
    getSetting(db, "exposureScanIntervalHours"),
    db.exposureReport.findFirst({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], select: { startedAt: true, status: true } }),
    db.host.findFirst({ where: { revokedAt: null, enrolledAt: { not: null } }, orderBy: { enrolledAt: "asc" }, select: { enrolledAt: true } }),
    db.host.findMany({ where: { revokedAt: null }, select: { id: true } }),
  ]);
  const hub = findAgentHub();
  return {
    intervalHours,
    lastReportAt: last?.startedAt ?? null,
    firstEnrolledAt: first?.enrolledAt ?? null,
    running: Boolean(scanInProgress()),
    agentsOnline: hub ? hosts.filter((h) => hub.session(h.id)).length : 0,
    now,
  };
}

/** One tick: starts a scheduled scan when due; returns its report id, or null when it skipped. */
export async function runScheduledScanIfDue(db: Db, now = new Date()): Promise<{ id: string; done: Promise<void> } | null> {
  const d = decideScheduledScan(await scheduleFacts(db, now));
  if (!d.run) return null;
  try {
    const started = await startExposureScan(db, { ports: "default" }, SCHEDULE_ACTOR, undefined, SCHEDULE_TRIGGER);
    log.info("exposure", "scheduled exposure scan started", { id: started.id });
    return started;
  } catch (err) {
    // Lost a race with a manual scan or the last agent left between the look and the start: the next tick decides again.
    if (err instanceof DomainError && err.code === "conflict") return null;
    throw err;
  }
}

export function scheduleExposureScans(schedulers: Schedulers, getDb: () => Db): void {
  schedulers.every("exposure-scans", EXPOSURE_SCHEDULE_TICK_MS, async () => {
    // Not waiting for the scan: shutdown must not wait out a scan, and the one-scan lock already
    // keeps the next tick from starting another; the scan's own failures end in its report.
    await runScheduledScanIfDue(getDb());
  });
}

/** What the Exposure page needs to say when the next scheduled scan comes (it adds the latest report's start). */
export interface ExposureScheduleInfo {
  intervalHours: number;
  firstEnrolledAt: string | null;
}

export async function exposureScheduleInfo(db: Db): Promise<ExposureScheduleInfo> {
  const f = await scheduleFacts(db);
  return { intervalHours: f.intervalHours, firstEnrolledAt: f.firstEnrolledAt?.toISOString() ?? null };
}
