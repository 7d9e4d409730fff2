// The host policy: what the owner of a host lets containers on it do beyond the default sandbox.
// The agent keeps it in a local file that only a flag on the host changes; the control plane sees
// the copy the agent reports and can never widen it. Browser-safe (no Node built-ins).
import { z } from "zod";

/** Linux capability names as Docker takes them (without the CAP_ prefix). */
export const CapabilitySchema = z.string().regex(/^[A-Z][A-Z_]{1,31}$/, "a capability name such as NET_ADMIN");

const AbsolutePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => p.startsWith("/") && !p.includes("\0"), "an absolute path")
  .refine((p) => !p.split("/").some((s) => s === ".." || s === "."), "no . or .. segments");

export const HostPolicySchema = z
  .object({
    /** Host folders that services may bind-mount (and anything below them). None by default. */
    bindRoots: z.array(AbsolutePath).max(64).default([]),
    /** Paths never mounted even when under a root (the agent adds its own state folder and the Docker socket). */
    denyPaths: z.array(AbsolutePath).max(64).default([]),
    allowPrivileged: z.boolean().default(false),
    allowHostNetwork: z.boolean().default(false),
    allowHostPid: z.boolean().default(false),
    /** Capabilities a service may add; `ALL` is never granted this way (that is privileged). */
    allowedCapabilities: z.array(CapabilitySchema.refine((c) => c !== "ALL", "ALL means privileged")).max(64).default([]),
    /** Device nodes a service may map, e.g. /dev/dri for a GPU's render node. */
    allowedDevices: z.array(AbsolutePath.refine((p) => p.startsWith("/dev/"), "a device under /dev")).max(64).default([]),
    /** GPU requests (`--gpus`), for local AI: only when the host's owner turns them on. */
    allowGpus: z.boolean().default(false),
    /** Container consoles (exec) through this agent; the owner turns them off with --deny-exec. */
    allowExec: z.boolean().default(true),
    /** Swarm services through this agent (a manager host only); the owner turns them off with --deny-swarm. */
    allowSwarm: z.boolean().default(true),
    /** TCP connect scans of the lab's hosts from this agent (exposure reports); off with --deny-scan. */
    allowScan: z.boolean().default(true),
    /** Game days: real, always-reverted faults (nftables internet-down, stopping containers, netem); off with --deny-faults. */
    allowFaults: z.boolean().default(true),
    /** Reading and applying (with a dead-man's switch) this host's nftables rules; off with --deny-firewall. */
    allowFirewall: z.boolean().default(true),
  })
  .strict();
export type HostPolicy = z.infer<typeof HostPolicySchema>;

/** The policy of a host whose owner allowed nothing extra. */
export const DEFAULT_HOST_POLICY: HostPolicy = HostPolicySchema.parse({});

/** Collapses repeated slashes and `.`; refuses `..` by returning null (no node:path: runs in the browser). */
export function normalizeAbsolutePath(path: string): string | null {
  if (!path.startsWith("/") || path.includes("\0")) return null;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") return null;
    out.push(seg);
  }
  return `/${out.join("/")}`;
}

/** Whether `path` is `root` or below it (both normalised absolute paths). */
export function isWithin(path: string, root: string): boolean {
  return root === "/" ? true : path === root || path.startsWith(`${root}/`);
}

/** The extra powers a spec asks for, in words, for messages ("privileged mode", "host network", …). */
export interface PowerRequest {
  privileged?: boolean;
  hostNetwork?: boolean;
  hostPid?: boolean;
  capAdd?: string[];
  devices?: string[];
  gpus?: boolean;
}

/**
 * What a spec asks for that the policy does not allow (bind mounts are checked separately, on
 * resolved paths). Empty when everything is allowed.
 */
export function powerRefusals(spec: PowerRequest, policy: HostPolicy): string[] {
  const out: string[] = [];
  if (spec.privileged && !policy.allowPrivileged) out.push("privileged mode is not allowed on this host");
  if (spec.hostNetwork && !policy.allowHostNetwork) out.push("the host network is not allowed on this host");
  if (spec.hostPid && !policy.allowHostPid) out.push("the host PID namespace is not allowed on this host");
  for (const cap of spec.capAdd ?? []) {
    if (!policy.allowedCapabilities.includes(cap)) out.push(`capability ${cap} is not allowed on this host`);
  }
  for (const dev of spec.devices ?? []) {
    const n = normalizeAbsolutePath(dev);
    if (!n || !policy.allowedDevices.some((d) => isWithin(n, d))) out.push(`device ${dev} is not allowed on this host`);
  }
  if (spec.gpus && !policy.allowGpus) out.push("GPU access is not allowed on this host (its agent runs without --allow-gpus)");
  return out;
}
