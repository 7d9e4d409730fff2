// stack/resources on the agent: the networks and volumes Homeport made for one stack, each with
// the containers (running or not) that use it, so removing a stack can say what it would touch.
import type Docker from "dockerode";
import { LABELS, MAX_STACK_RESOURCES, type RequestResult } from "@/lib/protocol";

type Result = RequestResult<"stack/resources">;

const nameOf = (c: Docker.ContainerInfo) => (c.Names?.[0] ?? c.Id).replace(/^\//, "");

export async function listStackResources(docker: Docker, stack: string): Promise<Result> {
  const filters = { label: [`${LABELS.managed}=true`, `${LABELS.stack}=${stack}`] };
  const [networks, volumes, containers] = await Promise.all([
    docker.listNetworks({ filters }),
    docker.listVolumes({ filters }),
    docker.listContainers({ all: true }),
  ]);
  const byNetwork = new Map<string, string[]>();
  const byVolume = new Map<string, string[]>();
  for (const c of containers) {
    for (const n of Object.keys(c.NetworkSettings?.Networks ?? {})) (byNetwork.get(n) ?? byNetwork.set(n, []).get(n)!).push(nameOf(c));
    for (const m of c.Mounts ?? []) if (m.Type === "volume" && m.Name) (byVolume.get(m.Name) ?? byVolume.set(m.Name, []).get(m.Name)!).push(nameOf(c));
  }
  const usage = (users: string[] | undefined) => ({ inUse: (users?.length ?? 0) > 0, usedBy: (users ?? []).slice(0, MAX_STACK_RESOURCES) });
  return {
    networks: networks
      .slice(0, MAX_STACK_RESOURCES)
      .map((n) => ({ name: n.Name, labels: n.Labels ?? {}, internal: Boolean(n.Internal), ...usage(byNetwork.get(n.Name)) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    volumes: (volumes.Volumes ?? [])
      .slice(0, MAX_STACK_RESOURCES)
      .map((v) => ({ name: v.Name, labels: v.Labels ?? {}, ...usage(byVolume.get(v.Name)) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
