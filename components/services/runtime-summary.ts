// What a service's Docker options set, in one line ("512 MiB · 1.5 CPUs · read-only · user 1000"),
// and what the selected host's reported policy says about the powers they ask for.
import { isWithin, normalizeAbsolutePath, type HostPolicy } from "@/lib/protocol/policy";
import { GiB, MiB, type RuntimeInput } from "./runtime-model";

/** A host the form can place a service on, with the policy its agent last reported (if any). */
export interface HostChoice { id: string; name: string; agentPolicy?: HostPolicy | null; swarmManager?: boolean }

const round = (n: number) => String(Math.round(n * 100) / 100);
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

export function formatBytes(bytes: number): string {
  return bytes >= GiB ? `${round(bytes / GiB)} GiB` : `${round(bytes / MiB)} MiB`;
}

/** The collapsed section's one-line summary; "Docker's defaults" when nothing is set. */
export function runtimeSummary(r: RuntimeInput): string {
  const parts: string[] = [];
  if (finite(r.memoryBytes)) parts.push(formatBytes(r.memoryBytes));
  if (finite(r.memoryReservationBytes)) parts.push(`${formatBytes(r.memoryReservationBytes)} reserved`);
  if (finite(r.cpus)) parts.push(`${round(r.cpus)} ${r.cpus === 1 ? "CPU" : "CPUs"}`);
  if (finite(r.pidsLimit)) parts.push(`${r.pidsLimit} PIDs max`);
  if (r.readOnly) parts.push("read-only");
  if (r.user) parts.push(`user ${r.user}`);
  if (r.workingDir) parts.push(`in ${r.workingDir}`);
  if (r.entrypoint?.length) parts.push("own entrypoint");
  if (r.init) parts.push("init");
  if (finite(r.stopGraceSeconds)) parts.push(`${r.stopGraceSeconds} s to stop`);
  if (r.tmpfs?.length) parts.push(count(r.tmpfs.length, "tmpfs mount"));
  if (r.capDrop?.includes("ALL")) parts.push("all capabilities dropped");
  else if (r.capDrop?.length) parts.push(`${count(r.capDrop.length, "capability", "capabilities")} dropped`);
  if (r.noNewPrivileges) parts.push("no new privileges");
  if (r.capAdd?.length) parts.push(`adds ${r.capAdd.join(", ")}`);
  if (r.devices?.length) parts.push(count(r.devices.length, "device"));
  if (r.gpus) parts.push("GPUs");
  if (r.privileged) parts.push("privileged");
  if (r.hostNetwork) parts.push("host network");
  if (r.hostPid) parts.push("host PID");
  const labels = Object.keys(r.labels ?? {}).length;
  if (labels) parts.push(count(labels, "label"));
  if (r.extraHosts?.length) parts.push(count(r.extraHosts.length, "extra host"));
  if (r.logging) parts.push(`logs: ${r.logging.driver}${r.logging.options?.["max-size"] ? ` ${r.logging.options["max-size"]}` : ""}`);
  return parts.length ? parts.join(" · ") : "Docker's defaults";
}

export type Verdict = { tone: "neutral" | "success" | "warning"; text: string };

/** A power the agent refuses unless the host's owner allowed it with a flag on the host. */
export interface Power { key: "privileged" | "hostNetwork" | "hostPid" | "gpus"; allowedBy: "allowPrivileged" | "allowHostNetwork" | "allowHostPid" | "allowGpus"; flag: string }

export const POWERS: Record<Power["key"], Power> = {
  privileged: { key: "privileged", allowedBy: "allowPrivileged", flag: "--allow-privileged" },
  hostNetwork: { key: "hostNetwork", allowedBy: "allowHostNetwork", flag: "--allow-host-network" },
  hostPid: { key: "hostPid", allowedBy: "allowHostPid", flag: "--allow-host-pid" },
  gpus: { key: "gpus", allowedBy: "allowGpus", flag: "--allow-gpus" },
};

/** The selected host's reported policy, or the words for when there is none to judge by. */
function reported(host: HostChoice | undefined): { name: string; policy: HostPolicy } | Verdict {
  if (!host) return { tone: "neutral", text: "Needs the target host's policy to allow it; choose a host to see it." };
  if (!host.agentPolicy) return { tone: "neutral", text: `${host.name}'s agent has not reported its policy yet; it refuses this unless the host's owner allowed it.` };
  return { name: host.name, policy: host.agentPolicy };
}

/** Whether the selected host allows one power, with the flag its owner would set. */
export function powerVerdict(power: Power, host: HostChoice | undefined): Verdict {
  const r = reported(host);
  if (!("policy" in r)) return r;
  return r.policy[power.allowedBy]
    ? { tone: "success", text: `${r.name} allows this.` }
    : { tone: "warning", text: `${r.name} refuses this; its owner can allow it on the host with ${power.flag}.` };
}

const list = (items: string[]) => items.join(", ");

/** What the selected host allows of the capabilities asked for. */
export function capAddVerdict(requested: string[], host: HostChoice | undefined): Verdict {
  const r = reported(host);
  if (!("policy" in r)) return r;
  const allowed = r.policy.allowedCapabilities;
  const refused = requested.filter((c) => !allowed.includes(c));
  const allows = allowed.length ? `${r.name} allows ${list(allowed)}.` : `${r.name} allows no added capabilities.`;
  if (refused.length) return { tone: "warning", text: `${allows} It refuses ${list(refused)} (its owner can add one with --allow-cap NAME).` };
  return { tone: requested.length ? "success" : "neutral", text: allows };
}

/** What the selected host allows of the devices asked for. */
export function devicesVerdict(requested: string[], host: HostChoice | undefined): Verdict {
  const r = reported(host);
  if (!("policy" in r)) return r;
  const allowed = r.policy.allowedDevices;
  const refused = requested.filter((d) => {
    const n = normalizeAbsolutePath(d);
    return !n || !allowed.some((a) => isWithin(n, a));
  });
  const allows = allowed.length ? `${r.name} allows ${list(allowed)}.` : `${r.name} allows no devices.`;
  if (refused.length) return { tone: "warning", text: `${allows} It refuses ${list(refused)} (its owner can add one with --allow-device /dev/…).` };
  return { tone: requested.length ? "success" : "neutral", text: allows };
}
