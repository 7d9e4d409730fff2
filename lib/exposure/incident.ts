// A new critical finding is an incident: one system check (a push-type check no scheduler probes
// and the push sweep skips by its sourceKey; source stays "manual", the probes' rows know no other) goes down with an Incident naming the new critical findings, through
// the probes' own ingestion (incident rows, live events, notifications by enqueueDeliveries), and
// comes back up when a report has no critical finding.
import type { Db } from "@/lib/db";
import { CONTROL_PLANE_VANTAGE_ID, ensureControlPlaneVantage, ingestResults, type IngestSummary } from "@/lib/probes";
import type { Finding } from "./schemas";

export const EXPOSURE_CHECK_KEY = "exposure";
export const EXPOSURE_CHECK_NAME = "Exposure: critical findings";
/** Long enough that the check's cell never counts as stale between scans. */
const EXPOSURE_CHECK_INTERVAL_SEC = 30 * 86_400;
/** Findings named in one incident message. */
const MESSAGE_FINDINGS = 5;

/** The system check's id; created on first use, routed to every notification channel that exists then. */
export async function ensureExposureCheck(db: Db): Promise<string> {
  const found = await db.check.findUnique({ where: { sourceKey: EXPOSURE_CHECK_KEY }, select: { id: true } });
  if (found) return found.id;
  const channels = await db.notificationChannel.findMany({ where: { enabled: true }, select: { id: true } });
  const created = await db.check.upsert({
    where: { sourceKey: EXPOSURE_CHECK_KEY },
    update: {},
    create: {
      name: EXPOSURE_CHECK_NAME,
      type: "push",
      target: JSON.stringify({ graceSec: 0 }),
      intervalSec: EXPOSURE_CHECK_INTERVAL_SEC,
      vantages: JSON.stringify([CONTROL_PLANE_VANTAGE_ID]),
      channels: JSON.stringify(channels.map((c) => c.id)),
      source: "manual",
      sourceKey: EXPOSURE_CHECK_KEY,
      tags: JSON.stringify(["exposure"]),
    },
    select: { id: true },
  });
  return created.id;
}

/** The incident's message: the new critical findings, most important first. */
export function incidentMessage(newCritical: Finding[]): string {
  const named = newCritical.slice(0, MESSAGE_FINDINGS).map((f) => `${f.title}${f.vantage ? ` (seen from ${f.vantage.name})` : ""}`);
  const more = newCritical.length > MESSAGE_FINDINGS ? `; and ${newCritical.length - MESSAGE_FINDINGS} more` : "";
  return `New critical exposure: ${named.join("; ")}${more}`;
}

export type IncidentAction = "opened" | "closed" | "none";

/**
 * Moves the system check after a finished report: down with the new critical findings when there
 * are any, up when the report has no critical finding at all, untouched otherwise (a critical
 * finding already reported keeps its incident open without reopening it).
 */
export async function updateExposureIncident(db: Db, findings: Finding[], now = new Date()): Promise<{ action: IncidentAction; summary: IngestSummary | null }> {
  const fresh = findings.filter((f) => f.severity === "critical" && f.isNew);
  const anyCritical = findings.some((f) => f.severity === "critical");
  if (fresh.length === 0 && anyCritical) return { action: "none", summary: null };
  const checkId = await ensureExposureCheck(db);
  if (fresh.length === 0) {
    const open = await db.incident.count({ where: { checkId, endedAt: null } });
    const cell = await db.checkState.count({ where: { checkId } });
    // Nothing to close and nothing ever reported: no result yet (the check stays unknown, not "up" for nothing).
    if (open === 0 && cell === 0) return { action: "none", summary: null };
  }
  await ensureControlPlaneVantage(db);
  const summary = await ingestResults(CONTROL_PLANE_VANTAGE_ID, [{
    checkId,
    at: now.toISOString(),
    ok: fresh.length === 0,
    errorClass: fresh.length === 0 ? null : "exposed",
    message: fresh.length === 0 ? "no critical exposure finding" : incidentMessage(fresh),
    latencyMs: null,
    timing: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null },
    statusCode: null,
    tls: null,
    answers: null,
    fingerprint: null,
  }], db, now);
  return { action: summary.incidentsOpened > 0 ? "opened" : summary.incidentsClosed > 0 ? "closed" : "none", summary };
}
