// Plans a game day: resolves the experiment to the agents it runs on and the fault each injects,
// reads the lab's facts for the prediction, and lists what stops it from starting now (an agent
// offline, faults turned off by the host's owner, a missing capability such as netem).
import type { Db } from "@/lib/db";
import { findAgentHub } from "@/lib/agents";
import { DomainError, type ErrorCode } from "@/lib/errors";
import { routeDrillIssues, listRouteParts, listRouteRecords, type DrillZone } from "@/lib/routes";
import { getSetting } from "@/lib/settings";
import type { Fault, FaultCapabilities } from "@/lib/protocol";
import { localNets, ownAddressNets } from "./nets";
import { describeNetem, predict, summarize, type LabFacts } from "./predict";
import { WHOLE_LAN_CONFIRM, type PlanRequest, type PlanView, type Target } from "./schemas";

/** How long the plan waits for an agent's capabilities. */
export const CAPABILITIES_TIMEOUT_MS = 5_000;

export interface Blocker {
  code: ErrorCode;
  message: string;
}

export interface Plan extends PlanView {
  blocking: Blocker[];
  serviceId: string | null;
}

interface HostFact {
  id: string;
  name: string;
  vantage: string;
  addresses: string[];
  allowFaults: boolean;
}

const parse = <T>(text: string | null, fallback: T): T => {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
};

async function hostFacts(db: Db): Promise<HostFact[]> {
  const rows = await db.host.findMany({ where: { revokedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, vantage: true, addresses: true, agentPolicy: true } });
  return rows.map((h) => {
    const addresses = parse<unknown>(h.addresses, []);
    const policy = parse<{ allowFaults?: unknown }>(h.agentPolicy, {});
    return { id: h.id, name: h.name, vantage: h.vantage, addresses: Array.isArray(addresses) ? addresses.filter((a): a is string => typeof a === "string") : [], allowFaults: policy.allowFaults !== false };
  });
}

/** The lab's facts the prediction reads. */
export async function labFacts(db: Db, hosts: HostFact[]): Promise<LabFacts> {
  const [services, routes, tunnels, zones, checks, entries] = await Promise.all([
    db.service.findMany({ select: { id: true, name: true, hostId: true, egress: true }, orderBy: { name: "asc" } }),
    listRouteRecords(db),
    db.tunnel.findMany({ select: { id: true, name: true, hostId: true } }),
    db.dnsZone.findMany({ select: { name: true, role: true, lastApplyOk: true, lastError: true } }),
    db.check.findMany({ where: { sourceKey: { not: null } }, select: { id: true, sourceKey: true } }),
    db.proxyEntry.findMany({ select: { routeId: true, tlsMode: true } }),
  ]);
  const drillZones: DrillZone[] = zones.map((z) => ({ name: z.name, role: z.role, providerKind: "", lastApplyOk: z.lastApplyOk, lastError: z.lastError }));
  const tls = new Map(entries.map((e) => [e.routeId, e.tlsMode]));
  const routeFacts: LabFacts["routes"] = [];
  for (const r of routes) {
    const issues = routeDrillIssues({ ...r, parts: await listRouteParts(db, r.id), tlsMode: tls.get(r.id) ?? "internal" }, drillZones);
    routeFacts.push({ id: r.id, hostname: r.hostname, exposure: r.exposure, serviceId: r.serviceId, lanIssues: issues.map((i) => i.message) });
  }
  return {
    hosts: hosts.map((h) => ({ id: h.id, name: h.name, vantage: h.vantage })),
    services,
    routes: routeFacts,
    tunnels,
    lanZones: zones.filter((z) => z.role === "lan").map((z) => z.name),
    checks,
  };
}

async function containerOf(db: Db, where: { hostId?: string; serviceId?: string }): Promise<{ name: string; hostId: string } | null> {
  return db.containerState.findFirst({ where, orderBy: { observedAt: "desc" }, select: { name: true, hostId: true } });
}

async function capabilities(hostId: string): Promise<FaultCapabilities | string> {
  const session = findAgentHub()?.session(hostId);
  if (!session) return "its agent is offline";
  try {
    return await session.request("gameday/capabilities", {}, CAPABILITIES_TIMEOUT_MS);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Resolves, predicts and checks one experiment. Unknown hosts, services or tunnels are a 404. */
export async function planGameDay(db: Db, input: PlanRequest): Promise<Plan> {
  const e = input.experiment;
  const hosts = await hostFacts(db);
  const hub = findAgentHub();
  const hostById = (id: string) => {
    const h = hosts.find((x) => x.id === id);
    if (!h) throw new DomainError("not_found", `No host ${id}`);
    return h;
  };
  const blocking: Blocker[] = [];
  const warnings: string[] = [];
  let targets: { host: HostFact; fault: Fault }[] = [];
  let title = "";
  let serviceId: string | null = null;

  const serviceTarget = async (id: string) => {
    const s = await db.service.findUnique({ where: { id }, select: { id: true, name: true, hostId: true } });
    if (!s) throw new DomainError("not_found", `No service ${id}`);
    if (!s.hostId) throw new DomainError("conflict", `${s.name} is not placed on a host: nothing runs to break`);
    const c = await containerOf(db, { serviceId: s.id, hostId: s.hostId });
    if (!c) blocking.push({ code: "conflict", message: `${s.name} has no container on its host: deploy it first` });
    return { s, host: hostById(s.hostId), container: c?.name ?? s.name };
  };

  switch (e.kind) {
    case "internet-down": {
      const lanHosts = hosts.filter((h) => h.vantage !== "remote");
      const chosen = e.hostId ? [hostById(e.hostId)] : lanHosts.filter((h) => hub?.isOnline(h.id));
      if (chosen.length === 0) blocking.push({ code: "conflict", message: "No agent on the LAN is online: there is nothing to cut off" });
      const nets = localNets(await getSetting(db, "gamedayLocalNets"), lanHosts.flatMap((h) => h.addresses), ownAddressNets());
      targets = chosen.map((host) => ({ host, fault: { kind: "internet-down", localNets: nets } }));
      title = e.hostId ? `Internet down on ${chosen[0]!.name}` : `Internet down for the whole LAN (${chosen.length} host${chosen.length === 1 ? "" : "s"})`;
      warnings.push(`Kept reachable: ${nets.join(", ")}. Everything else is dropped both ways.`);
      break;
    }
    case "kill-service": {
      const t = await serviceTarget(e.serviceId);
      serviceId = t.s.id;
      targets = [{ host: t.host, fault: { kind: "stop-container", containerId: t.container } }];
      title = `Service ${t.s.name} killed`;
      break;
    }
    case "netem": {
      const t = await serviceTarget(e.serviceId);
      serviceId = t.s.id;
      targets = [{ host: t.host, fault: { kind: "netem", containerId: t.container, delayMs: e.delayMs, jitterMs: e.jitterMs, lossPct: e.lossPct } }];
      title = `${describeNetem(e)} on ${t.s.name}`;
      if (e.delayMs === 0 && e.lossPct === 0) blocking.push({ code: "invalid", message: "Set a delay or a loss: this netem changes nothing" });
      break;
    }
    case "cut-agent": {
      const host = hostById(e.hostId);
      targets = [{ host, fault: { kind: "cut-agent" } }];
      title = `Agent of ${host.name} cut off`;
      break;
    }
    case "stop-dns": {
      const host = hostById(e.hostId);
      const c = await db.containerState.findFirst({ where: { hostId: host.id, OR: [{ name: e.container }, { containerId: e.container }] }, select: { name: true, serviceId: true } });
      if (!c) throw new DomainError("not_found", `No container ${e.container} on ${host.name}`);
      serviceId = c.serviceId && !c.serviceId.startsWith("tunnel-") ? c.serviceId : null;
      targets = [{ host, fault: { kind: "stop-container", containerId: c.name } }];
      title = `DNS server ${c.name} stopped on ${host.name}`;
      break;
    }
    case "stop-tunnel": {
      const t = await db.tunnel.findUnique({ where: { id: e.tunnelId }, select: { id: true, name: true, hostId: true } });
      if (!t) throw new DomainError("not_found", `No tunnel ${e.tunnelId}`);
      if (!t.hostId) throw new DomainError("conflict", `Tunnel ${t.name}'s connector was not deployed by Homeport on a host: there is no container to stop`);
      const c = await containerOf(db, { serviceId: `tunnel-${t.id}`, hostId: t.hostId });
      if (!c) blocking.push({ code: "conflict", message: `Tunnel ${t.name} has no connector container on its host` });
      targets = [{ host: hostById(t.hostId), fault: { kind: "stop-container", containerId: c?.name ?? `tunnel-${t.name}` } }];
      title = `Tunnel ${t.name}'s connector stopped`;
      break;
    }
  }

  for (const { host, fault } of targets) {
    if (!host.allowFaults) {
      blocking.push({ code: "forbidden", message: `${host.name}: game days are turned off on this host by its owner (--deny-faults)` });
      continue;
    }
    if (!hub?.isOnline(host.id)) {
      blocking.push({ code: "conflict", message: `${host.name}'s agent is offline: it cannot inject the fault` });
      continue;
    }
    const caps = await capabilities(host.id);
    if (typeof caps === "string") blocking.push({ code: "unavailable", message: `${host.name}: the agent cannot run game days (${caps})` });
    else if (!caps.allowed) blocking.push({ code: "forbidden", message: `${host.name}: game days are turned off on this host by its owner (--deny-faults)` });
    else if (fault.kind === "internet-down" && !caps.nftables) blocking.push({ code: "conflict", message: `${host.name} cannot cut the internet: nftables is not usable there${caps.reasons.length ? ` (${caps.reasons.join("; ")})` : ""}` });
    else if (fault.kind === "netem" && !caps.netem) blocking.push({ code: "conflict", message: `${host.name} cannot add latency or loss: the kernel has no netem${caps.reasons.length ? ` (${caps.reasons.join("; ")})` : ""}` });
  }

  const facts = await labFacts(db, hosts);
  const predictions = predict(facts, { experiment: e, hostIds: targets.map((t) => t.host.id), serviceId });
  const viewTargets: Target[] = targets.map((t) => ({ hostId: t.host.id, hostName: t.host.name, fault: t.fault, online: hub?.isOnline(t.host.id) ?? false }));
  return {
    experiment: e,
    durationSec: input.durationSec,
    title,
    summary: summarize(title, predictions, input.durationSec),
    targets: viewTargets,
    predictions,
    warnings,
    blockers: blocking.map((b) => b.message),
    blocking,
    serviceId,
    confirmWord: e.kind === "internet-down" && e.hostId === null ? WHOLE_LAN_CONFIRM : null,
  };
}

/** The public plan (without the internal blocker codes). */
export function planView(p: Plan): PlanView {
  const { blocking: _b, serviceId: _s, ...view } = p;
  return view;
}
