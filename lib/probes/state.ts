// Pure verdicts: a vantage point's cell after a result (retries before "down"), a check's overall
// status across vantage points ("degraded" when some fail and others pass), what a status change
// does to the check's open incident, and which results are too late to move a cell.
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

/** Error classes that say nothing about the target (an egress proof whose container is not running). */
export const INCONCLUSIVE_CLASSES: ReadonlySet<string> = new Set(["not_running"]);

/** A cell after one result, inconclusive ones included: those make it unknown and reset the failure count. */
export function cellAfter(prev: CellState | undefined, r: { ok: boolean; errorClass: string | null }, retries: number): CellState {
  if (!r.ok && r.errorClass !== null && INCONCLUSIVE_CLASSES.has(r.errorClass)) return { status: "unknown", consecutiveFailures: 0 };
  return nextCellState(prev, r.ok, retries);
}

/**
 * How many of `sorted` (results of one check from one vantage point, oldest first) are no newer
 * than the cell's last verdict at `lastAt`: results that arrive late (an agent's offline buffer,
 * or a batch resent after a lost link) are history only and must not move the cell back in time.
 * Usually 0, found in one comparison.
 */
export function lateCount(sorted: readonly { at: string }[], lastAt: Date | null | undefined): number {
  if (!lastAt) return 0;
  const last = lastAt.getTime();
  let i = 0;
  while (i < sorted.length && Date.parse(sorted[i]!.at) <= last) i++;
  return i;
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
 * One incident spans a whole period of not-up: opened on up→down/degraded, closed when the check
 * is up again. While it lasts its kind follows the check's current failing state (down ↔
 * degraded: some vantage points may recover before the others) and its vantage points are every
 * one that saw it fail (a union: one that recovered still saw the incident). Unknown changes
 * nothing: vantage points that went silent neither open nor close incidents.
 */
export function planIncident(open: OpenIncident | null, next: CheckStatus, failingVantages: string[]): IncidentAction {
  if (next === "unknown") return { action: "none" };
  if (next === "up") return open ? { action: "close" } : { action: "none" };
  const kind: IncidentKind = next;
  if (!open) return { action: "open", kind, vantages: [...new Set(failingVantages)].sort() };
  const vantages = [...new Set([...open.vantages, ...failingVantages])].sort();
  if (kind !== open.kind || vantages.length !== open.vantages.length) return { action: "update", kind, vantages };
  return { action: "none" };
}
