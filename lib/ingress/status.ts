// Health of the reverse proxy, with the three failures kept apart: Caddy unreachable, a config
// Caddy rejected (with Caddy's own words), and an upstream that is down behind a healthy entry.
import type { CaddyAdmin } from "./caddy-client";
import type { CaddyStatus, EntryStatus } from "./schemas";
import { CaddyRejectedError, CaddyUnreachableError } from "./errors";
import { planIngressChanges } from "./plan";
import type { DesiredIngress, IngressPlan, UnresolvedRoute } from "./types";
import { requestThroughProxy, type ProxyTarget, type VerifyResult } from "./verify";

export { CADDY_STATUSES, ENTRY_STATUSES, type CaddyStatus, type EntryStatus } from "./schemas";

/** HTTP statuses Caddy's reverse_proxy answers with when the upstream fails. */
export const UPSTREAM_FAILURE_STATUSES = new Set([502, 503, 504]);

export interface EntryHealth {
  routeId: string;
  hostname: string;
  status: EntryStatus;
  detail: string | null;
}

export interface IngressHealth {
  caddy: { status: CaddyStatus; detail: string | null };
  entries: EntryHealth[];
  /** What applying would change now; null when Caddy could not be read. */
  plan: IngressPlan | null;
}

/** A rejection remembered from the last apply: which Route's change, and Caddy's text. */
export interface LastRejection {
  routeId: string | null;
  message: string;
}

/** Reads a request sent through Caddy for one entry. */
export function statusFromProbe(routeId: string, r: VerifyResult): { status: EntryStatus; detail: string } {
  if (r.error !== null || r.status === null) return { status: "unverified", detail: `no answer from Caddy's HTTPS listener: ${r.error ?? "unknown error"}` };
  if (r.fingerprint !== routeId) {
    return { status: "shadowed", detail: `HTTP ${r.status} without Homeport's fingerprint: another route or server answers this hostname` };
  }
  if (UPSTREAM_FAILURE_STATUSES.has(r.status)) return { status: "upstream_down", detail: `Caddy could not reach the upstream (HTTP ${r.status})` };
  return { status: "ok", detail: `HTTP ${r.status} from the upstream` };
}

export interface CheckOptions {
  target: ProxyTarget;
  lastRejection?: LastRejection | null;
  /** Replaces the real request through Caddy (unit tests). */
  probe?: (hostname: string) => Promise<VerifyResult>;
}

export async function checkIngressHealth(client: CaddyAdmin, desired: DesiredIngress, unresolved: UnresolvedRoute[], opts: CheckOptions): Promise<IngressHealth> {
  const unresolvedEntries: EntryHealth[] = unresolved.map((u) => ({ routeId: u.routeId, hostname: u.hostname, status: "unresolved", detail: u.reason }));
  let config: unknown;
  try {
    config = await client.getConfig();
  } catch (err) {
    if (!(err instanceof CaddyUnreachableError || err instanceof CaddyRejectedError)) throw err;
    const status = err instanceof CaddyUnreachableError ? "unreachable" : "rejected";
    return {
      caddy: { status, detail: err.message },
      entries: [...desired.entries.map((e) => ({ routeId: e.routeId, hostname: e.hostname, status: "unreachable" as const, detail: err.message })), ...unresolvedEntries],
      plan: null,
    };
  }
  const plan = planIngressChanges(desired, config);
  const probe = opts.probe ?? ((hostname: string) => requestThroughProxy(opts.target, hostname));
  const rejection = opts.lastRejection ?? null;
  const entries = await Promise.all(
    desired.entries.map(async (e): Promise<EntryHealth> => {
      const change = plan.changes.find((c) => c.kind === "route" && c.routeId === e.routeId);
      if (rejection && rejection.routeId === e.routeId && change) return { routeId: e.routeId, hostname: e.hostname, status: "rejected", detail: rejection.message };
      if (change?.action === "create") return { routeId: e.routeId, hostname: e.hostname, status: "missing", detail: "not in Caddy's config; apply to add it" };
      if (change?.action === "update") return { routeId: e.routeId, hostname: e.hostname, status: "drifted", detail: "differs from what Homeport would write; apply to restore it" };
      return { routeId: e.routeId, hostname: e.hostname, ...statusFromProbe(e.routeId, await probe(e.hostname)) };
    }),
  );
  const caddy = rejection ? { status: "rejected" as const, detail: rejection.message } : { status: "ok" as const, detail: null };
  return { caddy, entries: [...entries, ...unresolvedEntries], plan };
}
