// Checks a service spec against the host policy on the agent, before anything reaches Docker: bind
// sources are resolved here (real paths, symlinks followed, no `..`) and must lie under a root the
// host's owner allowed and outside every denied path; extra powers must be allowed by the policy.
// Docker then gets the resolved path, so what was checked is what is mounted.
import { realpath } from "node:fs/promises";
import { join } from "node:path";
import { isWithin, MANAGED_FILES_DIR, normalizeAbsolutePath, powerRefusals, type HostPolicy, type ServiceSpec } from "@/lib/protocol";
import { AgentError } from "./errors";

/** Never mounted, whatever the policy says: each hands a container the host or its secrets. */
export const ALWAYS_DENIED = [
  "/proc",
  "/sys",
  "/dev",
  "/etc",
  "/boot",
  "/root",
  "/run",
  "/var/run",
  "/var/lib/docker",
  "/var/lib/containerd",
] as const;

export interface MountContext {
  policy: HostPolicy;
  /** The agent's state folder (credentials, journal): never mounted, except its managed files read-only. */
  stateDir: string;
}

export type CheckedVolume = ServiceSpec["volumes"][number];

/** The real path of `p`; for a path that does not exist yet, the real path of its nearest existing parent plus the rest. */
export async function resolveAllowMissing(p: string): Promise<string> {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      const real = await realpath(cur);
      return rest.length === 0 ? real : join(real, ...rest.reverse());
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT" || cur === "/") throw err;
      const cut = cur.lastIndexOf("/");
      rest.push(cur.slice(cut + 1));
      cur = cut === 0 ? "/" : cur.slice(0, cut);
    }
  }
}

const realOrSelf = async (p: string) => resolveAllowMissing(p).catch(() => p);

const denied = (message: string) => new AgentError("policy_denied", message);

/** Resolves and checks one bind source; returns the path Docker must get. */
async function checkBind(source: string, readOnly: boolean, ctx: MountContext): Promise<string> {
  const normal = normalizeAbsolutePath(source);
  if (!normal) throw denied(`bind mount ${JSON.stringify(source)} must be an absolute path without . or .. segments`);
  // Refused on its face first (no need to resolve /proc/1/root), then on what it really is.
  if (ALWAYS_DENIED.some((d) => isWithin(normal, d) || isWithin(d, normal))) throw denied(`bind mount ${source} would expose ${normal}, which this host never mounts`);
  const real = await resolveAllowMissing(normal).catch((err: NodeJS.ErrnoException) => {
    throw denied(`bind mount ${source} cannot be resolved on this host (${err.code ?? err.message})`);
  });
  const stateDir = await realOrSelf(ctx.stateDir);
  const managed = join(stateDir, MANAGED_FILES_DIR);
  if (isWithin(real, managed) && real !== managed) {
    if (!readOnly) throw denied(`${source} holds files Homeport manages on this host; it can only be mounted read-only`);
    return real;
  }
  const deny = [...ALWAYS_DENIED, stateDir, ...ctx.policy.denyPaths];
  for (const d of deny) {
    const dReal = await realOrSelf(d);
    // Below a denied path, or a parent of one (mounting /var would carry /var/lib/docker along).
    if (isWithin(real, dReal) || isWithin(dReal, real)) {
      throw denied(`bind mount ${source}${real !== normal ? ` (really ${real})` : ""} would expose ${dReal}, which this host never mounts`);
    }
  }
  for (const root of ctx.policy.bindRoots) {
    if (isWithin(real, await realOrSelf(root))) return real;
  }
  const roots = ctx.policy.bindRoots;
  throw denied(
    `bind mount ${source}${real !== normal ? ` (really ${real})` : ""} is outside the folders this host allows` +
      (roots.length ? ` (${roots.join(", ")})` : "; this host allows no bind mounts (its owner can add folders with --allow-bind)"),
  );
}

/**
 * Checks the spec against the host policy; returns the volumes with bind sources replaced by the
 * resolved paths. Throws `policy_denied` naming the first refusal.
 */
export async function checkSpecAgainstPolicy(spec: ServiceSpec, ctx: MountContext): Promise<CheckedVolume[]> {
  const refusals = powerRefusals(spec, ctx.policy);
  if (refusals.length > 0) throw denied(refusals.join("; "));
  const out: CheckedVolume[] = [];
  for (const v of spec.volumes) {
    if (!v.source.startsWith("/")) {
      out.push(v); // a named volume: Docker keeps it under its own folder
      continue;
    }
    out.push({ ...v, source: await checkBind(v.source, v.readOnly, ctx) });
  }
  return out;
}
