// The agent's local host policy: <state dir>/policy.json (0600), written only from flags given on
// this host (`--allow-bind`, `--allow-privileged`, …) and read at start. No protocol message can
// change it: a compromised control plane gets at most what the host's owner allowed here.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeStateFile } from "./state-file";
import { DEFAULT_HOST_POLICY, HostPolicySchema, normalizeAbsolutePath, type HostPolicy } from "@/lib/protocol";

export const POLICY_FILE = "policy.json";

export class PolicyError extends Error {}

/** Policy flags as parsed from the command line (all optional; any one given replaces the file). */
export interface PolicyFlags {
  allowBind?: string[];
  denyPath?: string[];
  allowPrivileged?: boolean;
  allowHostNetwork?: boolean;
  allowHostPid?: boolean;
  allowCap?: string[];
  allowDevice?: string[];
  allowGpus?: boolean;
  denyExec?: boolean;
  denySwarm?: boolean;
  denyScan?: boolean;
  denyFaults?: boolean;
  denyFirewall?: boolean;
}

export function hasPolicyFlags(f: PolicyFlags): boolean {
  return Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : v === true));
}

/** Builds a policy from flags; paths are normalised, `/` as a bind root is refused (it is the host). */
export function policyFromFlags(f: PolicyFlags): HostPolicy {
  const paths = (list: string[] | undefined, what: string) =>
    (list ?? []).map((p) => {
      const n = normalizeAbsolutePath(p);
      if (!n) throw new PolicyError(`${what} ${JSON.stringify(p)} must be an absolute path without . or ..`);
      return n;
    });
  const bindRoots = paths(f.allowBind, "--allow-bind");
  if (bindRoots.includes("/")) throw new PolicyError("--allow-bind / would hand every container the whole host; name the folders instead");
  const r = HostPolicySchema.safeParse({
    bindRoots,
    denyPaths: paths(f.denyPath, "--deny-path"),
    allowPrivileged: f.allowPrivileged ?? false,
    allowHostNetwork: f.allowHostNetwork ?? false,
    allowHostPid: f.allowHostPid ?? false,
    allowedCapabilities: (f.allowCap ?? []).map((c) => c.toUpperCase().replace(/^CAP_/, "")),
    allowedDevices: paths(f.allowDevice, "--allow-device"),
    allowGpus: f.allowGpus ?? false,
    allowExec: f.denyExec !== true,
    allowSwarm: f.denySwarm !== true,
    allowScan: f.denyScan !== true,
    allowFaults: f.denyFaults !== true,
    allowFirewall: f.denyFirewall !== true,
  });
  if (!r.success) throw new PolicyError(`invalid policy flags: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return r.data;
}

/** The stored policy, or the default (nothing extra allowed) when there is none. */
export function loadPolicy(stateDir: string): HostPolicy {
  const file = join(stateDir, POLICY_FILE);
  if (!existsSync(file)) return DEFAULT_HOST_POLICY;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new PolicyError(`${file} is not valid JSON (${err instanceof Error ? err.message : String(err)}); fix it or set the policy again with flags`);
  }
  const r = HostPolicySchema.safeParse(raw);
  if (!r.success) throw new PolicyError(`${file} is not a valid policy: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return r.data;
}

export function savePolicy(stateDir: string, policy: HostPolicy): void {
  writeStateFile(stateDir, POLICY_FILE, policy);
}

/** Flags given: they become the policy (and are saved); none: the saved policy stays. */
export function resolvePolicy(stateDir: string, flags: PolicyFlags): HostPolicy {
  if (!hasPolicyFlags(flags)) return loadPolicy(stateDir);
  const policy = policyFromFlags(flags);
  savePolicy(stateDir, policy);
  return policy;
}
