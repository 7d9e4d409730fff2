// User-defined bridge networks on the agent: checks a spec's networks, creates the missing ones
// (labelled as Homeport's and its stack's), joins a container to the rest, and removes a managed
// network when nothing uses it. Only networks Homeport created are joined or removed.
import type Docker from "dockerode";
import { LABELS, OFFLINE_NETWORK, type NetworkAttachment, type ServiceSpec } from "@/lib/protocol";
import { AgentError, dockerStatus } from "./errors";

/** Docker's own network names (and what a spec could use to escape its sandbox): never joined by name. */
export const RESERVED_NETWORKS = ["host", "none", "bridge", "default"] as const;

type NetworkWant = Pick<NetworkAttachment, "name" | "internal">;

/** Refuses networks a spec cannot have, before Docker is touched (`invalid_params`). */
export function checkSpecNetworks(spec: ServiceSpec): void {
  const nets = spec.networks ?? [];
  if (nets.length === 0) return;
  if (spec.hostNetwork) throw new AgentError("invalid_params", "a service on the host network cannot join other networks");
  const seen = new Set<string>();
  for (const n of nets) {
    if ((RESERVED_NETWORKS as readonly string[]).includes(n.name) || n.name === OFFLINE_NETWORK) {
      throw new AgentError("invalid_params", `network ${n.name} is reserved; a service joins only networks of its own`);
    }
    if (seen.has(n.name)) throw new AgentError("invalid_params", `network ${n.name} is listed twice`);
    seen.add(n.name);
    if (spec.egress === "offline" && !n.internal) {
      throw new AgentError("invalid_params", `egress offline needs every network to be internal; ${n.name} has a route out`);
    }
  }
}

/** The network named exactly `name` (Docker also matches id prefixes; those are not it), or null. */
export async function inspectNetwork(docker: Docker, name: string): Promise<Docker.NetworkInspectInfo | null> {
  try {
    const info = (await docker.getNetwork(name).inspect()) as Docker.NetworkInspectInfo;
    return info.Name === name ? info : null;
  } catch (err) {
    if (dockerStatus(err) === 404) return null;
    throw err;
  }
}

/** An existing network may be joined only if Homeport made it, for this stack, with the asked isolation. */
function checkExisting(info: Docker.NetworkInspectInfo, want: NetworkWant, stack: string | undefined): void {
  const labels = info.Labels ?? {};
  if (labels[LABELS.managed] !== "true") {
    throw new AgentError("conflict", `network ${want.name} exists on this host but Homeport did not create it; remove or rename it, or give the stack's network another name`);
  }
  if (info.Driver !== "bridge") throw new AgentError("conflict", `network ${want.name} uses the ${info.Driver} driver, not a bridge`);
  if (Boolean(info.Internal) !== want.internal) {
    throw new AgentError("conflict", `network ${want.name} exists ${info.Internal ? "as internal (no route out)" : "with a route out"}, but the service asks for ${want.internal ? "an internal one" : "one with a route out"}; remove it once nothing uses it and apply again`);
  }
  const owner = labels[LABELS.stack];
  if (owner !== stack) {
    throw new AgentError("conflict", `network ${want.name} belongs to ${owner ? `stack ${owner}` : "no stack"}, not ${stack ? `stack ${stack}` : "a lone service"}`);
  }
}

async function ensureOnce(docker: Docker, want: NetworkWant, stack: string | undefined): Promise<"created" | "existed"> {
  const existing = await inspectNetwork(docker, want.name);
  if (existing) {
    checkExisting(existing, want, stack);
    return "existed";
  }
  try {
    await docker.createNetwork({
      Name: want.name,
      Driver: "bridge",
      // Engines before API 1.44 create a second network of the same name without this.
      CheckDuplicate: true,
      Internal: want.internal,
      Labels: { [LABELS.managed]: "true", ...(stack ? { [LABELS.stack]: stack } : {}) },
    });
    return "created";
  } catch (err) {
    if (dockerStatus(err) !== 409) throw err;
    // Created concurrently (another agent process or a hand): it must still be one we may join.
    const again = await inspectNetwork(docker, want.name);
    if (!again) throw err;
    checkExisting(again, want, stack);
    return "existed";
  }
}

/** One creation per network name at a time in this process (two rollouts of one stack start together). */
const inFlight = new Map<string, Promise<"created" | "existed">>();

/** Makes sure the network exists as asked; creates it if missing. Returns what it did. */
export function ensureNetwork(docker: Docker, want: NetworkWant, stack: string | undefined): Promise<"created" | "existed"> {
  const before = inFlight.get(want.name) ?? Promise.resolve("existed" as const);
  const mine = before.catch(() => undefined).then(() => ensureOnce(docker, want, stack));
  inFlight.set(want.name, mine);
  const forget = () => {
    if (inFlight.get(want.name) === mine) inFlight.delete(want.name);
  };
  mine.then(forget, forget);
  return mine;
}

/** The internal network that `egress: offline` services without networks of their own sit on. */
export async function ensureOfflineNetwork(docker: Docker): Promise<void> {
  await ensureNetwork(docker, { name: OFFLINE_NETWORK, internal: true }, undefined);
}

/** Joins a created (not yet started) container to the networks after its first, with their aliases. */
export async function joinNetworks(docker: Docker, containerId: string, networks: NetworkAttachment[]): Promise<void> {
  for (const n of networks) {
    await docker.getNetwork(n.name).connect({ Container: containerId, EndpointConfig: { Aliases: n.aliases } });
  }
}

/** Names of the containers (running or not) attached to a network. */
async function containersOn(docker: Docker, name: string): Promise<string[]> {
  const items = await docker.listContainers({ all: true, filters: { network: [name] } });
  return items.map((c) => (c.Names?.[0] ?? c.Id).replace(/^\//, ""));
}

/** Removes a Homeport-managed network: `not_found`, `not_managed`, or `conflict` while a container uses it. */
export async function removeNetwork(docker: Docker, name: string): Promise<{ name: string }> {
  const info = await inspectNetwork(docker, name);
  if (!info) throw new AgentError("not_found", `network ${name} does not exist on this host`);
  if (info.Labels?.[LABELS.managed] !== "true") throw new AgentError("not_managed", `network ${name} was not created by Homeport; it is left alone`);
  const users = [...new Set([...(await containersOn(docker, name)), ...Object.values(info.Containers ?? {}).map((c) => c.Name)])];
  if (users.length > 0) throw new AgentError("conflict", `network ${name} is in use by ${users.join(", ")}`);
  try {
    await docker.getNetwork(info.Id).remove();
  } catch (err) {
    const status = dockerStatus(err);
    if (status === 404) throw new AgentError("not_found", `network ${name} does not exist on this host`);
    if (status === 403 || status === 409) throw new AgentError("conflict", `network ${name} is in use`);
    throw err;
  }
  return { name };
}
