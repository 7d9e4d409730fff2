// What a game day will break, before it runs: per route, service and host, what the LAN and the
// away side should see, and which checks should notice. Pure: the caller gathers the lab's facts.
import type { Experiment, Prediction, Side } from "./schemas";

export type Exposure = "lan" | "remote" | "both";
const isLan = (e: Exposure) => e === "lan" || e === "both";
const isRemote = (e: Exposure) => e === "remote" || e === "both";

export interface LabFacts {
  hosts: { id: string; name: string; vantage: string }[];
  services: { id: string; name: string; hostId: string | null; egress: string }[];
  /** `lanIssues` are the internet-down drill's issues of the route's LAN path (empty: it survives). */
  routes: { id: string; hostname: string; exposure: Exposure; serviceId: string | null; lanIssues: string[] }[];
  tunnels: { id: string; name: string; hostId: string | null }[];
  lanZones: string[];
  checks: { id: string; sourceKey: string | null }[];
}

/** The experiment with what it resolved to: the hosts it runs on and, for a container, whose it is. */
export interface Resolved {
  experiment: Experiment;
  hostIds: string[];
  /** stop-dns: the Homeport service the stopped container belongs to, if any. */
  serviceId?: string | null;
}

export function routeCheckIds(facts: LabFacts, routeId: string): string[] {
  return facts.checks.filter((c) => c.sourceKey === `route:${routeId}`).map((c) => c.id);
}

export function serviceCheckIds(facts: LabFacts, serviceId: string): string[] {
  return facts.checks.filter((c) => c.sourceKey?.startsWith(`service:${serviceId}:`)).map((c) => c.id);
}

const inZone = (name: string, zones: string[]) => zones.some((z) => name === z || name.endsWith(`.${z}`));

function routeItem(facts: LabFacts, r: LabFacts["routes"][number], lan: Side, away: Side, why: string): Prediction {
  return { type: "route", id: r.id, name: r.hostname, lan: isLan(r.exposure) ? lan : "n/a", away: isRemote(r.exposure) ? away : "n/a", why, checkIds: routeCheckIds(facts, r.id) };
}

function serviceItem(facts: LabFacts, s: LabFacts["services"][number], lan: Side, why: string): Prediction {
  return { type: "service", id: s.id, name: s.name, lan, away: "n/a", why, checkIds: serviceCheckIds(facts, s.id) };
}

function serviceDown(facts: LabFacts, serviceId: string, why: string, side: Side = "down"): Prediction[] {
  const s = facts.services.find((x) => x.id === serviceId);
  const out: Prediction[] = s ? [serviceItem(facts, s, side, why)] : [];
  for (const r of facts.routes.filter((x) => x.serviceId === serviceId)) out.push(routeItem(facts, r, side, side, `its service ${s?.name ?? serviceId} ${side === "down" ? "is stopped" : "answers slowly or drops packets"}: the route ${side === "down" ? "fails" : "degrades"} from every vantage point`));
  return out;
}

function internetDown(facts: LabFacts, hostIds: string[], wholeLan: boolean): Prediction[] {
  const hit = new Set(hostIds);
  const tunnelHit = facts.tunnels.some((t) => t.hostId && hit.has(t.hostId));
  const out: Prediction[] = [];
  for (const r of facts.routes) {
    const svc = facts.services.find((s) => s.id === r.serviceId);
    const onHit = !!svc?.hostId && hit.has(svc.hostId);
    if (!wholeLan && !onHit && !(tunnelHit && isRemote(r.exposure))) continue;
    const lan: Side = r.lanIssues.length === 0 ? "up" : "down";
    const awayLost = wholeLan || tunnelHit || onHit;
    const lanWhy = r.lanIssues.length === 0 ? "at home it keeps working: LAN DNS, the proxy and the service stay on the LAN" : `at home it needs the internet: ${r.lanIssues.join("; ")}`;
    const awayWhy = !isRemote(r.exposure) ? "" : awayLost ? "; from away it goes dark: the tunnel and the path to the service leave through the cut uplink" : "; from away it keeps working: neither its service nor the tunnel runs on the cut host";
    out.push(routeItem(facts, r, lan, awayLost ? "down" : "unaffected", lanWhy + awayWhy));
  }
  for (const s of facts.services.filter((x) => x.hostId && hit.has(x.hostId))) {
    out.push(serviceItem(facts, s, "up", s.egress === "open" ? "keeps answering on the LAN; its own calls to the internet fail" : "keeps answering on the LAN (its egress is already offline)"));
  }
  for (const h of facts.hosts.filter((x) => hit.has(x.id))) {
    out.push({ type: "host", id: h.id, name: h.name, lan: "up", away: "down", why: "stays connected to Homeport (the LAN and the control plane's address stay reachable); everything beyond the LAN networks is dropped both ways", checkIds: [] });
  }
  return out;
}

/** Predictions for one resolved experiment. */
export function predict(facts: LabFacts, r: Resolved): Prediction[] {
  const e = r.experiment;
  switch (e.kind) {
    case "internet-down":
      return internetDown(facts, r.hostIds, e.hostId === null);
    case "kill-service":
      return serviceDown(facts, e.serviceId, "its container is stopped until the end");
    case "netem": {
      const hard = e.lossPct >= 100;
      return serviceDown(facts, e.serviceId, `its container's network gets ${describeNetem(e)}`, hard ? "down" : "degraded");
    }
    case "cut-agent": {
      const h = facts.hosts.find((x) => x.id === e.hostId);
      const out: Prediction[] = [{ type: "host", id: e.hostId, name: h?.name ?? e.hostId, lan: "down", away: "n/a", why: "its agent drops its connection: Homeport shows the host offline, and checks probed from it stop reporting until it is back", checkIds: [] }];
      for (const s of facts.services.filter((x) => x.hostId === e.hostId)) out.push(serviceItem(facts, s, "unaffected", "keeps running: only the agent's link is cut (its state is unknown in Homeport meanwhile)"));
      return out;
    }
    case "stop-dns": {
      const out: Prediction[] = r.serviceId ? serviceDown(facts, r.serviceId, "its container is the stopped DNS server").filter((p) => p.type === "service") : [];
      for (const route of facts.routes.filter((x) => isLan(x.exposure) && inZone(x.hostname, facts.lanZones))) {
        out.push(routeItem(facts, route, "down", "unaffected", "at home its name stops resolving once resolver caches expire (if this server answers the LAN zone); from away public DNS still answers"));
      }
      return out;
    }
    case "stop-tunnel":
      return facts.routes.filter((x) => isRemote(x.exposure)).map((route) => routeItem(facts, route, "up", "down", "the tunnel connector is stopped: from away the route fails; at home it goes straight to the proxy"));
  }
}

export function describeNetem(e: { delayMs: number; jitterMs: number; lossPct: number }): string {
  const parts = [];
  if (e.delayMs > 0) parts.push(`${e.delayMs} ms delay${e.jitterMs > 0 ? ` (±${e.jitterMs} ms)` : ""}`);
  if (e.lossPct > 0) parts.push(`${e.lossPct}% loss`);
  return parts.length ? parts.join(" and ") : "no change";
}

/** The blast radius in one sentence. */
export function summarize(title: string, predictions: Prediction[], durationSec: number): string {
  const broken = (p: Prediction) => [p.lan, p.away].some((s) => s === "down" || s === "degraded");
  const count = (type: Prediction["type"]) => predictions.filter((p) => p.type === type && broken(p)).length;
  const [routes, services, hosts] = [count("route"), count("service"), count("host")];
  const parts = [];
  if (routes) parts.push(`${routes} route${routes === 1 ? "" : "s"}`);
  if (services) parts.push(`${services} service${services === 1 ? "" : "s"}`);
  if (hosts) parts.push(`${hosts} host${hosts === 1 ? "" : "s"}`);
  const checks = new Set(predictions.filter(broken).flatMap((p) => p.checkIds)).size;
  const what = parts.length ? `${parts.join(", ")} should fail or degrade, and ${checks} check${checks === 1 ? "" : "s"} should notice` : "nothing Homeport knows of should fail";
  return `${title} for ${formatDuration(durationSec)}: ${what}. The agents revert it by themselves at the deadline.`;
}

export function formatDuration(sec: number): string {
  if (sec < 60) return `${sec} s`;
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return s ? `${m} min ${s} s` : `${m} min`;
}
