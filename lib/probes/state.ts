// Pure verdicts: a vantage point's cell after a result (retries before "down"), a check's overall
// status across vantage points ("degraded" when some fail and others pass), and what a status
// change does to the check's open incident.
import type { VantageResult } from "./engine/schemas";
import type { CellStatus, CheckExpectation, CheckStatus } from "./schemas";

export interface CellState {
  status: CellStatus;
  consecutiveFailures: number;
}

/**
 * A raw probe result as the check judges it. "reachable" (the default) takes it as is.
 * "unreachable" (a LAN-only route probed from away) inverts it: any failure — DNS, refused,
 * timeout, TLS, wrong status… — passes, and keeps why in the message; an answer fails with
 * error class "exposed". The fingerprint and timings stay, so the cell still says who answered.
 */
export function judgeResult(r: VantageResult, expectation: CheckExpectation, vantageName: string): VantageResult {
  if (expectation !== "unreachable") return r;
  if (r.ok) {
    const who = r.fingerprint ? ` (answered by route ${r.fingerprint})` : r.statusCode !== null ? ` (HTTP ${r.statusCode})` : "";
    return { ...r, ok: false, errorClass: "exposed", message: `reachable from ${vantageName} but should not be${who}` };
  }
  return { ...r, ok: true, errorClass: null, message: `not reachable, as expected: ${r.errorClass ?? "error"}${r.message ? ` (${r.message})` : ""}` };
}

/** A cell after one result: up at once on success; down after `retries` extra failures in a row. */
export function nextCellState(prev: CellState | undefined, ok: boolean, retries: number): CellState {
  if (ok) return { status: "up", consecutiveFailures: 0 };
  const failures = (prev?.consecutiveFailures ?? 0) + 1;
  if (failures > retries) return { status: "down", consecutiveFailures: failures };
  // Not yet confirmed: keep the previous verdict (a first-ever failure stays unknown).
  return { status: prev?.status ?? "unknown", consecutiveFailures: failures };
}

/** A result older than this many intervals (or STALE_MIN_MS) no longer counts: the cell is unknown. */
export const STALE_INTERVALS = 3;
export const STALE_MIN_MS = 5 * 60_000;

export function isStale(lastAt: Date | null, intervalSec: number, now: Date): boolean {
  if (!lastAt) return true;
  return now.getTime() - lastAt.getTime() > Math.max(STALE_INTERVALS * intervalSec * 1000, STALE_MIN_MS);
}

/** up: every known cell passes; down: every known cell fails; degraded: some of each. */
export function overallStatus(cells: CellStatus[]): CheckStatus {
  let up = 0;
  let down = 0;
  for (const c of cells) {
    if (c === "up") up++;
    else if (c === "down") down++;
  }
  if (up + down === 0) return "unknown";
  if (down === 0) return "up";
  return up === 0 ? "down" : "degraded";
}

export type IncidentKind = "down" | "degraded";

export interface OpenIncident {
  kind: IncidentKind;
  vantages: string[];
}

export type IncidentAction =
  | { action: "none" }
  | { action: "open"; kind: IncidentKind; vantages: string[] }
  | { action: "update"; kind: IncidentKind; vantages: string[] }
  | { action: "close" };

/**
 * One incident spans a whole period of not-up: opened on up→down/degraded, widened (kind and
 * vantage points) while it lasts, closed when the check is up again. Unknown changes nothing:
 * vantage points that went silent neither open nor close incidents.
 */
export function planIncident(open: OpenIncident | null, next: CheckStatus, failingVantages: string[]): IncidentAction {
  if (next === "unknown") return { action: "none" };
  if (next === "up") return open ? { action: "close" } : { action: "none" };
  const kind: IncidentKind = next;
  if (!open) return { action: "open", kind, vantages: [...failingVantages].sort() };
  const vantages = [...new Set([...open.vantages, ...failingVantages])].sort();
  const widened: IncidentKind = open.kind === "down" || kind === "down" ? "down" : "degraded";
  if (widened !== open.kind || vantages.length !== open.vantages.length) return { action: "update", kind: widened, vantages };
  return { action: "none" };
}
