// The "Needs attention" list: what is broken in the lab, from facts read by the query, most severe first.
import type { AttentionItem, AttentionKind, AttentionSeverity } from "./schemas";

/** Items shown at most (the total is still counted). */
export const ATTENTION_LIMIT = 50;

export interface AttentionFacts {
  incidents: { checkId: string; checkName: string; kind: "down" | "degraded"; startedAt: Date; message: string | null; acknowledgedBy: string | null; routeId: string | null }[];
  /** Services the user wants running whose container is not running well (or is gone). */
  brokenServices: { id: string; name: string; state: string; health: string | null; exitCode: number | null; hostName: string | null; since: Date | null }[];
  /** Services whose latest deployment failed. */
  failedDeploys: { serviceId: string; name: string; error: string | null; at: Date }[];
  /** Routes with a failing side (seen by their checks) or a failed part (DNS, proxy, tunnel). */
  routes: { routeId: string; hostname: string; lanDown: boolean; remoteDown: boolean; failedParts: string[]; message: string | null; since: Date | null }[];
  offlineHosts: { id: string; name: string; lastSeenAt: Date | null }[];
  revokedHosts: { id: string; name: string; services: number }[];
  dnsZones: { id: string; name: string; error: string | null; failing: boolean; drift: number; since: Date | null }[];
  /** Caddy's status when routes depend on it and it is not ok. */
  caddy: { status: string; detail: string | null; routes: number; since: Date | null } | null;
  tunnels: { id: string; name: string; status: string; detail: string | null; remoteRoutes: number; since: Date | null }[];
  unplaced: { count: number; first: { id: string; name: string } | null };
  totpOff: boolean;
}

const SEVERITY_RANK: Record<AttentionSeverity, number> = { critical: 0, warning: 1, info: 2 };
/** Within a severity: what stops the lab first. Security hints come last. */
const KIND_RANK: Record<AttentionKind, number> = {
  incident: 0, "service-down": 1, "deploy-failed": 2, "caddy-unreachable": 3, "tunnel-unreachable": 4, "route-side": 5,
  "agent-offline": 6, "agent-revoked": 7, "dns-error": 8, "dns-drift": 9, "unplaced-service": 10, "totp-off": 11,
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A container state in words: "exited (code 137)", "restarting", "unhealthy", "gone". */
export function containerProblem(s: { state: string; health: string | null; exitCode: number | null }): string {
  if (s.state === "running" && s.health === "unhealthy") return "unhealthy";
  if (s.state === "exited") return s.exitCode === null ? "exited" : `exited (code ${s.exitCode})`;
  if (s.state === "missing") return "gone: its container no longer exists";
  return s.state;
}

function sides(r: AttentionFacts["routes"][number]): string {
  const down = [r.lanDown && "LAN", r.remoteDown && "remote"].filter(Boolean) as string[];
  const parts = r.failedParts.length > 0 ? `${r.failedParts.join(", ")} failed` : null;
  const side = down.length === 2 ? "LAN and remote sides down" : down.length === 1 ? `${down[0]} side down` : null;
  return [side, parts].filter(Boolean).join("; ");
}

/** Every attention item the facts call for, sorted: severity, then kind, then the oldest first. */
export function buildAttention(f: AttentionFacts): AttentionItem[] {
  const out: AttentionItem[] = [];
  const push = (kind: AttentionKind, severity: AttentionSeverity, title: string, detail: string | null, href: string, since: Date | null) =>
    out.push({ kind, severity, title, detail, href, since: iso(since) });
  const routeIds = new Set(f.routes.map((r) => r.routeId));

  for (const i of f.incidents) {
    // A route's incident is told once, as the route's failing side.
    if (i.routeId && routeIds.has(i.routeId)) continue;
    const severity = i.kind === "down" && !i.acknowledgedBy ? "critical" : "warning";
    const ack = i.acknowledgedBy ? `acknowledged by ${i.acknowledgedBy}` : null;
    push("incident", severity, `${i.checkName} is ${i.kind}`, [i.message, ack].filter(Boolean).join(" · ") || null, `/reachability/checks/${i.checkId}`, i.startedAt);
  }
  for (const s of f.brokenServices) {
    push("service-down", "critical", `${s.name} is ${containerProblem(s)}`, s.hostName ? `on ${s.hostName}, though it should be running` : "though it should be running", `/services/${s.id}`, s.since);
  }
  for (const d of f.failedDeploys) push("deploy-failed", "critical", `Deploy of ${d.name} failed`, d.error, `/services/${d.serviceId}`, d.at);
  for (const r of f.routes) {
    const severity = (r.lanDown && r.remoteDown) || r.failedParts.length > 0 ? "critical" : "warning";
    push("route-side", severity, `${r.hostname}: ${sides(r)}`, r.message, `/routes/${r.routeId}`, r.since);
  }
  for (const h of f.offlineHosts) push("agent-offline", "critical", `Host ${h.name} is disconnected`, "Its agent is not connected: its services cannot be deployed, started or stopped.", `/hosts/${h.id}`, h.lastSeenAt);
  for (const h of f.revokedHosts) push("agent-revoked", "warning", `Host ${h.name} is revoked`, `${plural(h.services, "service")} still placed on it: move them to another host.`, `/hosts/${h.id}`, null);
  for (const z of f.dnsZones) {
    if (z.failing) push("dns-error", "warning", `DNS zone ${z.name} failed to sync`, z.error, "/dns", z.since);
    else if (z.drift > 0) push("dns-drift", "warning", `DNS zone ${z.name} has drifted`, `${plural(z.drift, "record")} differ from what Homeport applied.`, "/dns", z.since);
  }
  if (f.caddy) {
    push("caddy-unreachable", "critical", f.caddy.status === "rejected" ? "Caddy rejected Homeport's configuration" : "Caddy is not reachable", `${plural(f.caddy.routes, "route")} depend on it${f.caddy.detail ? `: ${f.caddy.detail}` : ""}`, "/ingress", f.caddy.since);
  }
  for (const t of f.tunnels) push("tunnel-unreachable", "critical", `Tunnel ${t.name} is ${t.status.replace("_", " ")}`, `${plural(t.remoteRoutes, "remote route")} depend on it${t.detail ? `: ${t.detail}` : ""}`, "/ingress", t.since);
  if (f.unplaced.count === 1 && f.unplaced.first) push("unplaced-service", "info", `${f.unplaced.first.name} has no host`, "Pick a host to deploy it.", `/services/${f.unplaced.first.id}`, null);
  else if (f.unplaced.count > 1) push("unplaced-service", "info", `${plural(f.unplaced.count, "service")} have no host`, "Pick a host to deploy them.", "/services", null);
  if (f.totpOff) push("totp-off", "info", "Two-factor sign-in is off for your account", "Turn it on in Settings.", "/settings", null);

  return out.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      (a.since ?? "\uffff").localeCompare(b.since ?? "\uffff"),
  );
}

/** True when nothing is broken: only hints (info) remain or nothing at all. */
export function allClear(items: AttentionItem[]): boolean {
  return items.every((i) => i.severity === "info");
}
