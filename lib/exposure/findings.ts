// Findings from facts (pure): the open ports each vantage point saw and the containers' posture,
// compared with what the lab means to expose (intent.ts). Each finding carries its fix.
import type { ContainerPosture } from "@/lib/protocol/scan";
import { needKey, neededPorts, type IntentInput, type NeededPort } from "./intent";
import { ADMIN_PORTS, LAN_INFRA_PORTS, OLD_IMAGE_DAYS, PLAIN_HTTP_PORTS, SSH_PORT } from "./rules";
import type { Finding, VantageRef } from "./schemas";

export interface ScanFact {
  vantage: VantageRef;
  hostId: string;
  hostName: string;
  address: string;
  open: number[];
}

export interface PostureFact {
  hostId: string;
  hostName: string;
  containers: ContainerPosture[];
}

export interface FindingFacts {
  intent: IntentInput;
  scans: ScanFact[];
  posture: PostureFact[];
  now: Date;
  oldImageDays?: number;
}

/** A finding before the diff decides whether it is new. */
export type RawFinding = Omit<Finding, "isNew">;

const ANY_ADDRESS = new Set(["", "0.0.0.0", "::"]);
const LIVE_STATES = new Set(["running", "restarting", "paused"]);
const DAY_MS = 86_400_000;

export const findingKey = (rule: string, hostId: string, port: number | undefined, who: string | undefined, extra?: string) =>
  [rule, hostId, port ?? "-", who ?? "-", ...(extra ? [extra] : [])].join("|");

const from = (v: VantageRef) => `from ${v.kind === "remote" ? "the remote vantage point" : "the LAN vantage point"} ${v.name}`;

function scanFinding(s: ScanFact, port: number, need: NeededPort | undefined, postureCovered: boolean): RawFinding | null {
  const remote = s.vantage.kind === "remote";
  const base = { hostId: s.hostId, hostName: s.hostName, address: s.address, port, vantage: s.vantage, category: "exposure" as const };
  const where = `${s.address}:${port} on ${s.hostName} answers ${from(s.vantage)}`;
  const admin = ADMIN_PORTS[port];
  const make = (rule: string, severity: Finding["severity"], title: string, detail: string, fix: string): RawFinding => ({
    key: findingKey(rule, s.hostId, port, s.vantage.id), rule, severity, title, detail, fix, ...base,
    ...(need?.serviceId ? { serviceId: need.serviceId, serviceName: need.serviceName } : {}),
  });
  if (admin) {
    return make("admin-port-reachable", remote ? "critical" : "high", `${admin} is reachable ${remote ? "from away" : "on the LAN"} (port ${port})`,
      `${where}. Whoever reaches ${admin} can take over what it runs${need ? ` (Homeport uses it: ${need.reason})` : ""}.`,
      remote
        ? `Close port ${port} to the internet now: bind it to 127.0.0.1 or the LAN address Homeport uses, and drop it in the host's firewall.`
        : `Bind ${admin} to 127.0.0.1 or to the one address that needs it, and allow only that client in the host's firewall.`);
  }
  if (port === SSH_PORT) {
    if (!remote) return null;
    return make("ssh-from-away", "high", `SSH is reachable from away on ${s.hostName}`, `${where}. Password guessing and SSH exploits reach it from the internet.`,
      "Keep SSH on the LAN (or behind a VPN); if it must stay open, allow keys only and drop it in the firewall for everyone else.");
  }
  if (need) {
    if (!remote || need.from !== "lan") return null;
    const lanOnly = (need.routeExposures ?? []).every((e) => e === "lan");
    if (need.serviceId || need.routeExposures?.length) {
      if (lanOnly) {
        return make("lan-only-reachable-remotely", "high", `A LAN-only service answers from away (${need.serviceName ?? s.hostName}:${port})`,
          `${where}. It is ${need.reason}, and its routes are LAN-only.`,
          `Publish port ${port} on the LAN address only (hostIp), or drop it from the internet in the host's firewall; LAN-only routes need no remote path.`);
      }
      return make("http-without-tls-remote", "medium", `A service's plain HTTP port answers from away (${need.serviceName ?? s.hostName}:${port})`,
        `${where}. It is ${need.reason}; from away it should be reached through the tunnel with TLS, not directly.`,
        `Publish port ${port} on the LAN address only so remote users go through the tunnel and the proxy's TLS.`);
    }
    return make("lan-only-reachable-remotely", "medium", `The reverse proxy answers from away on port ${port}`,
      `${where}. It is ${need.reason}, which nothing remote needs (remote routes arrive through the tunnel).`,
      `Drop port ${port} from the internet in the host's firewall; keep it open on the LAN.`);
  }
  if (!remote && (LAN_INFRA_PORTS.has(port) || postureCovered)) return null;
  if (remote && PLAIN_HTTP_PORTS.has(port)) {
    return make("http-without-tls-remote", "high", `HTTP without TLS answers from away on ${s.hostName}:${port}`,
      `${where}, and no route needs it. Traffic and passwords cross the internet in clear text.`,
      `Close port ${port} to the internet; publish the service through a remote route (tunnel and TLS) instead.`);
  }
  return make("unexpected-public-port", remote ? "high" : "low", `Port ${port} is open on ${s.hostName} and no route needs it`,
    `${where}, and no route, proxy or tunnel explains it.`,
    remote
      ? `Find what listens on port ${port} and close it to the internet (bind it to the LAN address or drop it in the firewall).`
      : `Find what listens on port ${port}; bind it to 127.0.0.1 if only the host uses it, or stop it.`);
}

function postureFindings(p: PostureFact, c: ContainerPosture, needs: Map<string, NeededPort>, now: Date, oldDays: number): RawFinding[] {
  const out: RawFinding[] = [];
  const base = { hostId: p.hostId, hostName: p.hostName, containerName: c.name, category: "posture" as const, ...(c.serviceId ? { serviceId: c.serviceId } : {}) };
  const add = (rule: string, severity: Finding["severity"], title: string, detail: string, fix: string, extra?: { port?: number; key?: string; category?: "exposure" }) =>
    out.push({ key: findingKey(rule, p.hostId, extra?.port, c.name, extra?.key), rule, severity, title, detail, fix, ...base, ...(extra?.port ? { port: extra.port } : {}), ...(extra?.category ? { category: extra.category } : {}) });
  const who = `Container ${c.name} (${c.image}) on ${p.hostName}`;
  if (c.privileged) add("privileged", "high", `${c.name} runs privileged`, `${who} runs privileged: it has every capability and every device; escaping to the host is trivial.`, "Drop privileged mode; add only the capabilities or devices it really needs.");
  if (c.hostPid) add("host-pid", "high", `${c.name} shares the host's PID namespace`, `${who} sees and can signal every process on the host.`, "Remove pid: host unless it is a monitoring agent you trust.");
  if (c.hostNetwork) add("host-network", "medium", `${c.name} uses the host network`, `${who} listens on every host interface with no port mapping in between.`, "Use a bridge network and publish only the ports it needs, on the address that needs them.");
  for (const m of c.mounts) {
    if (m.dockerSocket) add("docker-socket", "high", `${c.name} mounts the Docker socket`, `${who} mounts ${m.source}${m.rw ? "" : " (read-only, which does not limit the API)"}: whoever controls it controls the host.`, "Remove the socket mount, or put a filtering socket proxy in front that allows only the calls it needs.", { key: m.source });
    else if (m.sensitive) add("sensitive-mount", m.rw ? "high" : "medium", `${c.name} mounts ${m.source}${m.rw ? " read-write" : ""}`, `${who} mounts the host path ${m.source} at ${m.destination}${m.rw ? " read-write" : " read-only"}.`, "Mount only the folder it needs, read-only where it can.", { key: m.source });
  }
  if (c.runsAsRoot) add("runs-as-root", "low", `${c.name} runs as root`, `${who} runs as ${c.user || "root (no user set)"}.`, "Set a non-root user (user: 1000:1000) if the image supports it.");
  if (c.memoryLimitBytes === 0 && c.cpuLimit === 0) add("no-limits", "low", `${c.name} has no memory or CPU limit`, `${who} can take all of the host's memory and CPU.`, "Set a memory limit (and a CPU limit) so one container cannot starve the rest.");
  if (c.imageTag !== "pinned") add("latest-tag", "low", `${c.name} uses ${c.imageTag === "latest" ? "the latest tag" : "an untagged image"}`, `${who}: what runs changes with every pull and cannot be rolled back to a known version.`, "Pin a version tag (or a digest) and update on purpose.");
  if (c.imageCreatedAt) {
    const days = Math.floor((now.getTime() - Date.parse(c.imageCreatedAt)) / DAY_MS);
    if (days > oldDays) add("old-image", "low", `${c.name}'s image is ${days} days old`, `${who}: the image was built ${days} days ago and misses the fixes since.`, "Pull a current release of the image and redeploy.");
  }
  for (const port of c.ports) {
    if (port.protocol !== "tcp" || !ANY_ADDRESS.has(port.hostIp) || needs.has(needKey(p.hostId, port.hostPort))) continue;
    add("unexpected-public-port", "medium", `${c.name} publishes port ${port.hostPort} on every address`, `${who} publishes ${port.hostPort}→${port.containerPort} on ${port.hostIp || "0.0.0.0"}, and no route needs it.`,
      `Publish it on 127.0.0.1 or the LAN address that needs it (hostIp), or remove the mapping.`, { port: port.hostPort, category: "exposure" });
  }
  return out;
}

/** Every finding the facts show, deduplicated by key (first address wins), not ranked. */
export function deriveFindings(f: FindingFacts): RawFinding[] {
  const needs = neededPorts(f.intent);
  const published = new Set<string>();
  for (const p of f.posture) {
    for (const c of p.containers) {
      if (!LIVE_STATES.has(c.state)) continue;
      for (const port of c.ports) if (ANY_ADDRESS.has(port.hostIp)) published.add(needKey(p.hostId, port.hostPort));
    }
  }
  const out = new Map<string, RawFinding>();
  const add = (x: RawFinding | null) => {
    if (x && !out.has(x.key)) out.set(x.key, x);
  };
  for (const s of f.scans) {
    for (const port of s.open) add(scanFinding(s, port, needs.get(needKey(s.hostId, port)), published.has(needKey(s.hostId, port))));
  }
  for (const p of f.posture) {
    for (const c of p.containers) {
      if (!LIVE_STATES.has(c.state)) continue;
      for (const x of postureFindings(p, c, needs, f.now, f.oldImageDays ?? OLD_IMAGE_DAYS)) add(x);
    }
  }
  return [...out.values()];
}
