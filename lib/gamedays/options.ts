// What the "New game day" form offers: hosts with their agents' fault capabilities (netem only
// where the kernel has it), services with their containers, containers that look like DNS servers,
// the tunnels Homeport deployed, and the LAN networks an internet-down keeps.
import type { Db } from "@/lib/db";
import { findAgentHub } from "@/lib/agents";
import { getSetting } from "@/lib/settings";
import { CAPABILITIES_TIMEOUT_MS } from "./plan";
import type { GameDayOptions } from "./schemas";

const DNS_HINT = /\b(bind|named|dns|pihole|pi-hole|adguard|unbound|coredns|technitium|dnsmasq)/i;

export async function gameDayOptions(db: Db): Promise<GameDayOptions> {
  const hub = findAgentHub();
  const [hosts, services, containers, tunnels] = await Promise.all([
    db.host.findMany({ where: { revokedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, vantage: true, agentPolicy: true } }),
    db.service.findMany({ where: { hostId: { not: null } }, orderBy: { name: "asc" }, select: { id: true, name: true, hostId: true, host: { select: { name: true } } } }),
    db.containerState.findMany({ orderBy: { name: "asc" }, select: { hostId: true, name: true, image: true, serviceId: true, state: true } }),
    db.tunnel.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, hostId: true } }),
  ]);
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const hostViews = await Promise.all(hosts.map(async (h) => {
    let allowFaults = true;
    try {
      allowFaults = (JSON.parse(h.agentPolicy ?? "{}") as { allowFaults?: unknown }).allowFaults !== false;
    } catch {
      allowFaults = true;
    }
    const session = hub?.session(h.id);
    let caps: { netem: boolean | null; nftables: boolean | null; reasons: string[] } = { netem: null, nftables: null, reasons: session ? [] : ["the agent is offline"] };
    if (session && allowFaults) {
      try {
        const c = await session.request("gameday/capabilities", {}, CAPABILITIES_TIMEOUT_MS);
        caps = { netem: c.netem, nftables: c.nftables, reasons: c.reasons };
        allowFaults = c.allowed;
      } catch (err) {
        caps.reasons = [`the agent cannot run game days (${err instanceof Error ? err.message : String(err)})`];
      }
    }
    return { id: h.id, name: h.name, vantage: h.vantage, online: !!session, allowFaults, ...caps };
  }));
  return {
    hosts: hostViews,
    services: services.map((s) => ({ id: s.id, name: s.name, hostId: s.hostId!, hostName: s.host?.name ?? "", container: containers.find((c) => c.serviceId === s.id && c.hostId === s.hostId)?.name ?? null })),
    containers: containers.filter((c) => c.state === "running" && !c.serviceId?.startsWith("tunnel-")).map((c) => ({ hostId: c.hostId, hostName: hostName.get(c.hostId) ?? c.hostId, name: c.name, image: c.image, likelyDns: DNS_HINT.test(`${c.name} ${c.image}`) })),
    tunnels: tunnels.map((t) => ({ id: t.id, name: t.name, hostId: t.hostId, hostName: t.hostId ? (hostName.get(t.hostId) ?? null) : null, container: containers.find((c) => c.serviceId === `tunnel-${t.id}`)?.name ?? null })),
    localNets: await getSetting(db, "gamedayLocalNets"),
  };
}
