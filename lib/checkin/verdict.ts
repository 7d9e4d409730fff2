// Pure parts of the check-in: which side of a route fails, the order of urgency within each
// section, and the overall verdict with its headline. Table-driven tests in verdict.test.ts.
import type { CheckInHost, CheckInIncident, CheckInRoute, CheckInService, SideStatus, Verdict } from "./schemas";

export interface CellFact {
  vantageKind: string;
  status: string;
  /** The cell's result is too old to count (the vantage point went silent). */
  stale: boolean;
}

/**
 * One side (the vantage points of one kind) of a route's check: fails when any fresh cell of that
 * kind is down, ok when every fresh cell is up, unknown when none is fresh or known, not-checked
 * when no vantage point of that kind probes it.
 */
export function sideStatus(cells: CellFact[], kind: "lan" | "remote"): SideStatus {
  const mine = cells.filter((c) => c.vantageKind === kind);
  if (mine.length === 0) return "not-checked";
  const fresh = mine.filter((c) => !c.stale && (c.status === "up" || c.status === "down"));
  if (fresh.length === 0) return "unknown";
  return fresh.some((c) => c.status === "down") ? "fails" : "ok";
}

const time = (iso: string | null) => (iso ? Date.parse(iso) : 0);

/** Unacknowledged before acknowledged, down before degraded, then newest first. */
export function compareIncidents(a: CheckInIncident, b: CheckInIncident): number {
  const acked = Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null);
  if (acked !== 0) return acked;
  const kind = Number(a.kind === "degraded") - Number(b.kind === "degraded");
  if (kind !== 0) return kind;
  return time(b.startedAt) - time(a.startedAt) || a.id.localeCompare(b.id);
}

/** Both sides failing first, then the LAN side (it must work with the internet down), then remote. */
export function compareRoutes(a: CheckInRoute, b: CheckInRoute): number {
  const rank = (r: CheckInRoute) => (r.lan === "fails" && r.remote === "fails" ? 0 : r.lan === "fails" ? 1 : 2);
  return rank(a) - rank(b) || a.hostname.localeCompare(b.hostname);
}

/** Most recently lost first (the freshest news), never-seen last. */
export function compareHosts(a: CheckInHost, b: CheckInHost): number {
  return time(b.lastSeenAt) - time(a.lastSeenAt) || a.name.localeCompare(b.name);
}

const SERVICE_RANK: Record<string, number> = { dead: 0, exited: 1, missing: 2, restarting: 3, created: 4, paused: 5, removing: 6, running: 7 };

/** Stopped and crashed containers first, then missing ones, then the unhealthy but running. */
export function compareServices(a: CheckInService, b: CheckInService): number {
  return (SERVICE_RANK[a.state] ?? 6) - (SERVICE_RANK[b.state] ?? 6) || a.name.localeCompare(b.name);
}

export interface VerdictInput {
  incidents: Pick<CheckInIncident, "acknowledgedAt">[];
  routes: Pick<CheckInRoute, "incidentId">[];
  hosts: unknown[];
  services: unknown[];
}

/**
 * trouble: an unacknowledged incident or a failing route nobody has been told about; attention:
 * anything else listed (unknown hosts, stopped services, acknowledged incidents); fine: nothing.
 * The headline counts what still needs someone: acknowledged incidents and routes already shown
 * as an incident are not counted twice.
 */
export function verdictOf(s: VerdictInput): { verdict: Verdict; headline: string; needsAttention: number } {
  const openUnacked = s.incidents.filter((i) => i.acknowledgedAt === null).length;
  const acked = s.incidents.length - openUnacked;
  const routesAlone = s.routes.filter((r) => r.incidentId === null).length;
  const needsAttention = openUnacked + routesAlone + s.hosts.length + s.services.length;
  if (needsAttention === 0 && acked === 0) return { verdict: "fine", headline: "All good", needsAttention };
  if (needsAttention === 0) {
    return { verdict: "attention", headline: `Acknowledged — ${acked} incident${acked === 1 ? "" : "s"} still open`, needsAttention };
  }
  const verdict: Verdict = openUnacked + routesAlone > 0 ? "trouble" : "attention";
  return { verdict, headline: `${needsAttention} thing${needsAttention === 1 ? " needs" : "s need"} attention`, needsAttention };
}
