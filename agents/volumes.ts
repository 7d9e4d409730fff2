// Named volumes on the agent: a stack service's volumes are created before its container (labelled
// as Homeport's and its stack's), and a managed volume is removed only when no container uses it.
// A volume that already exists is used as it is: its data is the point.
import type Docker from "dockerode";
import { LABELS, type ServiceSpec } from "@/lib/protocol";
import { AgentError, dockerStatus } from "./errors";

/** The volume named `name`, or null. */
export async function inspectVolume(docker: Docker, name: string): Promise<Docker.VolumeInspectInfo | null> {
  try {
    return await docker.getVolume(name).inspect();
  } catch (err) {
    if (dockerStatus(err) === 404) return null;
    throw err;
  }
}

/** Creates the named volumes of a service (a stack's or a lone one) that are missing, labelled as Homeport's; returns the names it created. */
export async function ensureStackVolumes(docker: Docker, spec: ServiceSpec): Promise<string[]> {
  const created: string[] = [];
  const names = [...new Set(spec.volumes.filter((v) => !v.source.startsWith("/")).map((v) => v.source))];
  for (const name of names) {
    if (await inspectVolume(docker, name)) continue;
    // Docker answers an existing name with that volume, so a concurrent creation is harmless.
    // Labelled as Homeport's (a lone service's too), so deleting the service may remove it later.
    await docker.createVolume({ Name: name, Labels: { [LABELS.managed]: "true", ...(spec.stack ? { [LABELS.stack]: spec.stack } : {}) } });
    created.push(name);
  }
  return created;
}

/** Names of the containers (running or not) that mount a volume. */
async function containersUsing(docker: Docker, name: string): Promise<string[]> {
  const items = await docker.listContainers({ all: true, filters: { volume: [name] } });
  return items.map((c) => (c.Names?.[0] ?? c.Id).replace(/^\//, ""));
}

/** Removes a Homeport-managed volume and its data: `not_found`, `not_managed`, or `conflict` while mounted. */
export async function removeVolume(docker: Docker, name: string): Promise<{ name: string }> {
  const info = await inspectVolume(docker, name);
  if (!info) throw new AgentError("not_found", `volume ${name} does not exist on this host`);
  if (info.Labels?.[LABELS.managed] !== "true") throw new AgentError("not_managed", `volume ${name} was not created by Homeport; it is left alone`);
  const users = await containersUsing(docker, name);
  if (users.length > 0) throw new AgentError("conflict", `volume ${name} is in use by ${users.join(", ")}`);
  try {
    await docker.getVolume(name).remove();
  } catch (err) {
    const status = dockerStatus(err);
    if (status === 404) throw new AgentError("not_found", `volume ${name} does not exist on this host`);
    if (status === 409) throw new AgentError("conflict", `volume ${name} is in use`);
    throw err;
  }
  return { name };
}
