// Suggested inbound rules for one host, derived from what the lab needs of it: the reverse proxy's
// ports, ports routes reach, services' published ports LAN users use, the tunnel's origin, SSH and
// Homeport itself from the LAN. Everything else inbound is dropped; what that would cut is named. Pure.
import type { FirewallPlan, FirewallRule, HostInterface } from "@/lib/protocol/firewall";
import type { FirewallSuggestions, Suggestion } from "./schemas";

export const SSH_PORT = 22;
/** Interfaces of Docker's bridges: containers reach the host through them (host.docker.internal, DNS). */
const DOCKER_BRIDGES = ["docker0", "br-*", "docker_gwbridge"];

export interface SuggestInput {
  interfaces: HostInterface[];
  /** This host serves the LAN reverse proxy (its ports), or null. */
  proxyPorts: number[];
  /** Host ports a route reaches on this host. */
  routePorts: { port: number; hostnames: string[] }[];
  /** Ports services on this host publish (hostIp 127.0.0.1 ones are left out by the caller). */
  publishedPorts: { port: number; protocol: "tcp" | "udp"; service: string }[];
  /** Ports the tunnel's edge dials on this host. */
  tunnelPorts: number[];
  /** Homeport's own port when the control plane runs on this host. */
  homeportPort: number | null;
  /** Inbound ports some other table accepts now ("tcp 8080"): what dropping the rest would cut. */
  acceptedNow: string[];
}

/** The LAN networks this host sits on (IPv4, from its interfaces; loopback and Docker bridges left out). */
export function lanNetworks(interfaces: HostInterface[]): string[] {
  const nets = new Set<string>();
  for (const i of interfaces) {
    if (i.name === "lo" || isBridge(i.name)) continue;
    for (const a of i.addresses) {
      const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(a);
      if (!m || m[1] === "127" || (m[1] === "169" && m[2] === "254")) continue;
      const len = Number(m[5]);
      const n = (((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0) & (len === 0 ? 0 : (~0 << (32 - len)) >>> 0);
      nets.add(`${[n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".")}/${len}`);
    }
  }
  return [...nets].sort();
}

function isBridge(name: string): boolean {
  return name === "docker0" || name === "docker_gwbridge" || name.startsWith("br-") || name.startsWith("veth");
}

const rule = (r: Partial<FirewallRule> & Pick<FirewallRule, "ports" | "comment">): FirewallRule => ({ direction: "in", action: "accept", iface: null, proto: "tcp", addr: null, ...r });

/** From the LAN networks when there are any; from anywhere otherwise (the host's networks are unknown). */
function fromLan(nets: string[], make: (addr: string | null) => Suggestion): Suggestion[] {
  return nets.length > 0 ? nets.map((n) => make(n)) : [make(null)];
}

export function suggestRules(input: SuggestInput): FirewallSuggestions {
  const nets = lanNetworks(input.interfaces);
  const lanWords = nets.length > 0 ? `the LAN (${nets.join(", ")})` : "anywhere (no LAN network found on this host)";
  const out: Suggestion[] = [];
  const hasBridge = input.interfaces.some((i) => isBridge(i.name) && !i.name.startsWith("veth"));
  if (hasBridge) {
    for (const iface of DOCKER_BRIDGES.filter((b) => b === "br-*" || input.interfaces.some((i) => i.name === b))) {
      out.push({ rule: rule({ iface, proto: "any", ports: [], comment: "containers to host" }), why: `Containers on Docker's bridge ${iface} reach the host (DNS, host.docker.internal)`, source: "service" });
    }
  }
  out.push(...fromLan(nets, (addr) => ({ rule: rule({ addr, ports: [SSH_PORT], comment: "ssh from lan" }), why: `SSH from ${lanWords}, so you can still log in to fix things`, source: "ssh" })));
  if (input.homeportPort) {
    const port = input.homeportPort;
    out.push(...fromLan(nets, (addr) => ({ rule: rule({ addr, ports: [port], comment: "homeport ui" }), why: `Homeport's own web UI and agent port (${port}) from ${lanWords}`, source: "homeport" })));
  }
  if (input.proxyPorts.length > 0) {
    out.push({ rule: rule({ ports: input.proxyPorts, comment: "reverse proxy" }), why: `The reverse proxy serves the routes on ${input.proxyPorts.join(" and ")} (from anywhere: LAN clients and the tunnel)`, source: "proxy" });
  }
  if (input.tunnelPorts.length > 0) {
    out.push({ rule: rule({ ports: input.tunnelPorts, comment: "tunnel origin" }), why: "The tunnel's connector reaches its origin here", source: "tunnel" });
  }
  for (const r of input.routePorts) {
    out.push(...fromLan(nets, (addr) => ({ rule: rule({ addr, ports: [r.port], comment: `route ${r.hostnames[0] ?? ""}`.trim().slice(0, 80) }), why: `The reverse proxy reaches ${r.hostnames.join(", ")} on port ${r.port}`, source: "route" })));
  }
  const routed = new Set(input.routePorts.map((r) => r.port));
  for (const p of input.publishedPorts) {
    if (routed.has(p.port) || input.proxyPorts.includes(p.port)) continue;
    out.push(...fromLan(nets, (addr) => ({ rule: rule({ addr, proto: p.protocol, ports: [p.port], comment: `service ${p.service}`.slice(0, 80) }), why: `${p.service} publishes ${p.protocol} ${p.port}; LAN users may use it directly (no route needs it)`, source: "service" })));
  }
  const allowed = new Set(out.flatMap((s) => s.rule.ports.map((port) => `${s.rule.proto} ${port}`)));
  const wouldCut = input.acceptedNow.filter((p) => !allowed.has(p)).map((p) => `${p}: accepted by the current rules, not by the suggestion`);
  const notes = [
    "Replies to connections this host makes (the agent's link to Homeport among them) are let in as established/related.",
    "Loopback and ICMP (ping, path MTU) stay allowed; everything else inbound is dropped. Outbound is not restricted.",
  ];
  if (input.publishedPorts.length > 0) notes.push("Docker forwards published ports to containers through its own chains (the forward hook): these input rules do not filter that traffic.");
  const plan: FirewallPlan = { inputPolicy: "drop", outputPolicy: "accept", allowEstablished: true, allowLoopback: true, allowIcmp: true, rules: out.map((s) => s.rule) };
  return { suggestions: out, plan, wouldCut, notes };
}
