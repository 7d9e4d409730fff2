// The agent's port bridge for fenced services. Docker publishes no ports for a container whose
// networks are all internal (moby/moby#36174), so for each running managed container like that
// whose spec publishes ports, the agent listens on each hostIp:hostPort itself and relays to the
// container's address on its internal network. The fence holds: the container still has no route
// out; the bridge only carries connections the LAN opens to it.
import type Docker from "dockerode";
import { LABELS, type ContainerSummary } from "@/lib/protocol";
import { log } from "@/lib/log";
import { dockerStatus } from "./errors";
import { ownedByThisAgent } from "./identity";
import { DEFAULT_LIMITS, listenTcp, listenUdp, type BridgeLimits, type Listener } from "./port-bridge-listeners";

type Port = ContainerSummary["ports"][number];

/** One port the container's spec publishes (HostConfig.PortBindings): where to listen, where to relay. */
export interface WantedPort {
  container: number;
  protocol: "tcp" | "udp";
  hostIp: string;
  /** 0: any free port (as Docker does for an empty HostPort). */
  hostPort: number;
}

/** What the bridge should do for one container: nothing (null), or these ports to this address. */
export interface BridgeWant {
  target: string | null;
  ports: WantedPort[];
}

/** What one sync did: ports relayed now, ports that could not be (with why), or that it stood down. */
export interface BridgeOutcome {
  bridged: Port[];
  failed: { port: WantedPort; error: string }[];
}

/** Docker's "all addresses" spellings, reported as 0.0.0.0 as Docker does. */
const ANY_HOST = new Set(["", "0.0.0.0"]);
const listenHost = (hostIp: string) => (ANY_HOST.has(hostIp) ? "0.0.0.0" : hostIp);
/** Errors meaning "this host has no IPv6": a port on every address then falls back to IPv4 only. */
const NO_IPV6 = new Set(["EAFNOSUPPORT", "EADDRNOTAVAIL", "EINVAL"]);

/** Binds one port; an empty host address means IPv4 and IPv6 (dual-stack ::), as Docker binds it. */
async function bind(port: WantedPort, to: { host: string; port: number }, limits: BridgeLimits): Promise<Listener> {
  const listen = port.protocol === "udp" ? listenUdp : listenTcp;
  if (port.hostIp !== "") return listen(listenHost(port.hostIp), port.hostPort, to, limits);
  try {
    return await listen("::", port.hostPort, to, limits);
  } catch (err) {
    if (!NO_IPV6.has(String((err as { code?: unknown }).code))) throw err;
    return listen("0.0.0.0", port.hostPort, to, limits);
  }
}

/** Reads the published ports of a container's spec (Docker keeps them even when it publishes nothing). */
export function wantedPorts(info: Pick<Docker.ContainerInspectInfo, "HostConfig">): WantedPort[] {
  const out: WantedPort[] = [];
  for (const [key, bindings] of Object.entries(info.HostConfig?.PortBindings ?? {})) {
    const [port, proto] = key.split("/");
    const container = Number(port);
    if (!Number.isInteger(container) || container <= 0 || (proto !== "tcp" && proto !== "udp")) continue;
    for (const b of (bindings ?? []) as { HostIp?: string; HostPort?: string }[]) {
      const hostPort = b.HostPort ? Number(b.HostPort) : 0;
      if (!Number.isInteger(hostPort) || hostPort < 0 || hostPort > 65_535) continue; // ranges are not bridged
      out.push({ container, protocol: proto, hostIp: b.HostIp ?? "", hostPort });
    }
  }
  return out;
}

/**
 * Decides from an inspect (and which of its networks are internal) whether the container needs the
 * bridge: running, managed, every network internal, some published port. Its target is its address
 * on the first internal network (by name) that gave it one.
 */
export function bridgeWantOf(info: Docker.ContainerInspectInfo, isInternal: (networkId: string) => boolean): BridgeWant | null {
  if (!info.State?.Running || info.Config?.Labels?.[LABELS.managed] !== "true") return null;
  const nets = Object.entries(info.NetworkSettings?.Networks ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (nets.length === 0 || !nets.every(([, n]) => isInternal(n.NetworkID))) return null;
  // Ports Docker did publish itself (an engine that maps ports on internal networks) are left to it.
  const byDocker = new Set(Object.entries(info.NetworkSettings?.Ports ?? {}).filter(([, b]) => (b ?? []).some((x) => x.HostPort)).map(([k]) => k));
  const ports = wantedPorts(info).filter((p) => !byDocker.has(`${p.container}/${p.protocol}`));
  if (ports.length === 0) return null;
  const addr = nets.map(([, n]) => n.IPAddress || n.GlobalIPv6Address).find(Boolean);
  return { target: addr || null, ports };
}

const keyOf = (p: WantedPort) => `${p.protocol}/${p.hostIp}:${p.hostPort}->${p.container}`;
const where = (p: WantedPort) => `${p.hostIp.includes(":") ? `[${p.hostIp}]` : listenHost(p.hostIp)}:${p.hostPort || "any"}/${p.protocol}`;
const reason = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  if (code === "EADDRINUSE") return "the address is already in use";
  if (code === "EADDRNOTAVAIL") return "this host has no such address";
  if (code === "EACCES") return "not allowed to bind it (a port below 1024 needs privileges)";
  return err instanceof Error ? err.message : String(err);
};

interface Entry {
  port: WantedPort;
  listener: Listener;
}

export class PortBridges {
  private readonly open = new Map<string, Map<string, Entry>>();
  private readonly failures = new Map<string, BridgeOutcome["failed"]>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly internalNets = new Map<string, boolean>();
  private closed = false;

  constructor(private readonly limits: BridgeLimits = DEFAULT_LIMITS) {}

  /** One change per container at a time (the event watcher and a rollout may both ask). */
  private serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(id) ?? Promise.resolve()).catch(() => undefined).then(fn);
    this.chains.set(id, next);
    const forget = () => {
      if (this.chains.get(id) === next) this.chains.delete(id);
    };
    next.then(forget, forget);
    return next;
  }

  private async internal(docker: Docker, networkId: string): Promise<boolean> {
    const known = this.internalNets.get(networkId);
    if (known !== undefined) return known;
    const info = (await docker.getNetwork(networkId).inspect()) as Docker.NetworkInspectInfo;
    this.internalNets.set(networkId, info.Internal === true); // fixed for a network's life
    return info.Internal === true;
  }

  /** Brings the container's bridge in line with Docker: opens, re-targets or closes its listeners. */
  sync(docker: Docker, containerId: string): Promise<BridgeOutcome> {
    return this.serial(containerId, async () => {
      let info: Docker.ContainerInspectInfo | null;
      try {
        info = await docker.getContainer(containerId).inspect();
      } catch (err) {
        if (dockerStatus(err) !== 404) throw err;
        info = null;
      }
      let want: BridgeWant | null = null;
      if (info?.State?.Running && info.Config?.Labels?.[LABELS.managed] === "true" && ownedByThisAgent(info.Config.Labels, LABELS.agent)) {
        const flags = new Map<string, boolean>();
        for (const n of Object.values(info.NetworkSettings?.Networks ?? {})) flags.set(n.NetworkID, await this.internal(docker, n.NetworkID));
        want = bridgeWantOf(info, (id) => flags.get(id) === true);
      }
      return this.apply(info?.Id ?? containerId, want);
    });
  }

  /** Opens what `want` lists (keeping listeners that already match), closes the rest. */
  private async apply(id: string, want: BridgeWant | null): Promise<BridgeOutcome> {
    const have = this.open.get(id) ?? new Map<string, Entry>();
    const keep = new Set((want?.ports ?? []).map(keyOf));
    for (const [key, e] of have) {
      if (!keep.has(key) || !want?.target) {
        have.delete(key);
        await e.listener.close();
      }
    }
    const failed: BridgeOutcome["failed"] = [];
    if (want && !want.target) for (const port of want.ports) failed.push({ port, error: "the container has no address on its internal network" });
    if (want?.target && !this.closed) {
      for (const port of want.ports) {
        const to = { host: want.target, port: port.container };
        const existing = have.get(keyOf(port));
        if (existing) {
          existing.listener.setTarget(to);
          continue;
        }
        try {
          const listener = await bind(port, to, this.limits);
          have.set(keyOf(port), { port, listener });
          log.info("agent", "port bridge open", { containerId: id.slice(0, 12), listen: where({ ...port, hostPort: listener.port }), to: `${want.target}:${port.container}` });
        } catch (err) {
          failed.push({ port, error: reason(err) });
          log.warn("agent", "port bridge could not listen", { containerId: id.slice(0, 12), listen: where(port), error: reason(err) });
        }
      }
    }
    if (have.size > 0) this.open.set(id, have);
    else this.open.delete(id);
    if (failed.length > 0) this.failures.set(id, failed);
    else this.failures.delete(id);
    return { bridged: this.ports(id), failed };
  }

  /** Closes the container's listeners (it stopped, died or was removed). */
  close(containerId: string): Promise<void> {
    return this.serial(containerId, async () => {
      await this.apply(containerId, null);
    });
  }

  /** At start and after the engine's event stream resumed: every running container, and drops the gone ones. */
  async syncAll(docker: Docker): Promise<void> {
    const running = await docker.listContainers({ filters: { label: [`${LABELS.managed}=true`], status: ["running"] } });
    const ids = new Set(running.map((c) => c.Id));
    for (const id of [...this.open.keys(), ...this.failures.keys()]) if (!ids.has(id)) await this.close(id);
    for (const id of ids) await this.sync(docker, id).catch((err: unknown) => log.warn("agent", "port bridge sync failed", { containerId: id.slice(0, 12), error: reason(err) }));
  }

  /** Tries again the ports that could not be bound; true when one of them now is. */
  async retryFailed(docker: Docker): Promise<boolean> {
    let opened = false;
    for (const id of [...this.failures.keys()]) {
      const before = this.ports(id).length;
      const out = await this.sync(docker, id).catch(() => null);
      if (out && out.bridged.length > before) opened = true;
    }
    return opened;
  }

  /** Closes every listener and refuses to open more (agent shutdown). */
  async closeAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...new Set([...this.open.keys(), ...this.failures.keys()])].map((id) => this.close(id)));
  }

  /** The ports this container is reachable on through the bridge, as Docker would report published ones. */
  ports(containerId: string): Port[] {
    return [...(this.open.get(containerId)?.values() ?? [])].map(({ port, listener }) => ({
      container: port.container,
      host: listener.port,
      hostIp: listenHost(port.hostIp),
      protocol: port.protocol,
    }));
  }

  /** A running container's summary with its bridged ports and, when some could not be bridged, why. */
  decorate(s: ContainerSummary): ContainerSummary {
    if (s.state !== "running") return s;
    const bridged = this.ports(s.id);
    const failed = this.failures.get(s.id) ?? [];
    if (bridged.length === 0 && failed.length === 0) return s;
    const unbridged = new Set(bridged.map((p) => `${p.container}/${p.protocol}`));
    const ports = [...s.ports.filter((p) => p.host !== null || !unbridged.has(`${p.container}/${p.protocol}`)), ...bridged];
    const note = failed.length ? ` · not published: ${failed.map((f) => `${where(f.port)} (${f.error})`).join("; ")}` : "";
    return { ...s, ports: ports.slice(0, 128), status: `${s.status}${note}`.slice(0, 256) };
  }

  /** Deploy-log lines for an outcome. */
  static describe(o: BridgeOutcome): string[] {
    const lines = o.bridged.map((p) => `egress offline: Docker publishes no ports on internal networks; the agent relays ${p.hostIp}:${p.host}/${p.protocol} to the container's port ${p.container}`);
    for (const f of o.failed) lines.push(`port bridge: could not publish ${where(f.port)}: ${f.error}`);
    return lines;
  }
}

/** The agent's one bridge registry (the event watcher, rollouts and summaries share it). */
export const portBridges = new PortBridges();

/**
 * Container events the bridge follows: a (re)start may bring a new address; `die` and `destroy` end
 * the run (`kill` may only signal, and `stop` is always followed by `die`). A paused container
 * keeps its ports, as Docker keeps published ones.
 */
const SYNC_ON = new Set(["start", "restart", "unpause"]);
const CLOSE_ON = new Set(["die", "destroy"]);

/** For the Docker event watcher: keeps the bridge in step with one container event. */
export async function followContainerEvent(docker: Docker, action: string, containerId: string): Promise<void> {
  if (CLOSE_ON.has(action)) await portBridges.close(containerId);
  else if (SYNC_ON.has(action)) await portBridges.sync(docker, containerId);
}
