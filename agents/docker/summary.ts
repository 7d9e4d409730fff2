// Turns dockerode's container list items and inspect answers into the protocol's ContainerSummary.
import type Docker from "dockerode";
import { LABELS, ContainerStateNameSchema, type ContainerSummary } from "@/lib/protocol";
import { repoDigestFor } from "@/lib/protocol/image-digest";
import { portBridges } from "../port-bridge";

const stateName = (s: string | undefined): ContainerSummary["state"] => {
  const r = ContainerStateNameSchema.safeParse(s);
  return r.success ? r.data : "dead";
};

const healthFrom = (status: string | undefined): ContainerSummary["health"] => {
  if (!status) return null;
  if (status.includes("(healthy)") || status === "healthy") return "healthy";
  if (status.includes("(unhealthy)") || status === "unhealthy") return "unhealthy";
  if (status.includes("(health: starting)") || status === "starting") return "starting";
  return null;
};

function managedFields(labels: Record<string, string> | undefined) {
  const l = labels ?? {};
  const managed = l[LABELS.managed] === "true" && Boolean(l[LABELS.serviceId]);
  return { managed, serviceId: managed ? (l[LABELS.serviceId] ?? null) : null, specHash: managed ? (l[LABELS.specHash] ?? null) : null };
}

/** `repoDigests`: the RepoDigests of the container's image (by image ID), when known. */
export function summaryFromListItem(c: Docker.ContainerInfo, repoDigests?: readonly string[]): ContainerSummary {
  const exit = /^Exited \((-?\d+)\)/.exec(c.Status ?? "");
  // Ports the agent's bridge publishes for a fenced container (Docker publishes none there).
  return portBridges.decorate({
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id).replace(/^\//, ""),
    image: c.Image,
    state: stateName(c.State),
    status: c.Status ?? "",
    health: healthFrom(c.Status),
    exitCode: exit?.[1] !== undefined ? Number(exit[1]) : null,
    ...managedFields(c.Labels),
    ports: (c.Ports ?? []).map((p) => ({ container: p.PrivatePort, host: p.PublicPort ?? null, hostIp: p.IP ?? null, protocol: p.Type })),
    startedAt: null,
    ...(repoDigests && { imageDigest: repoDigestFor(c.Image, repoDigests) }),
  });
}

export function summaryFromInspect(c: Docker.ContainerInspectInfo, repoDigests?: readonly string[]): ContainerSummary {
  const ports: ContainerSummary["ports"] = [];
  for (const [key, bindings] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
    const [port, protocol] = key.split("/");
    for (const b of bindings ?? [{ HostIp: "", HostPort: "" }]) {
      ports.push({ container: Number(port), host: b.HostPort ? Number(b.HostPort) : null, hostIp: b.HostIp || null, protocol: protocol ?? "tcp" });
    }
  }
  const st = c.State;
  const stopped = st.Status === "exited" || st.Status === "dead";
  return portBridges.decorate({
    id: c.Id,
    name: c.Name.replace(/^\//, ""),
    image: c.Config.Image,
    state: stateName(st.Status),
    status: st.Running ? `Up since ${st.StartedAt}` : stopped ? `Exited (${st.ExitCode}) at ${st.FinishedAt}` : st.Status,
    health: healthFrom(st.Health?.Status),
    exitCode: stopped ? st.ExitCode : null,
    ...managedFields(c.Config.Labels),
    ports,
    startedAt: st.StartedAt && !st.StartedAt.startsWith("0001") ? st.StartedAt : null,
    ...(repoDigests && { imageDigest: repoDigestFor(c.Config.Image, repoDigests) }),
  });
}

/** summaryFromInspect with the registry digest of the container's image (one image inspect). */
export async function inspectSummary(docker: Docker, c: Docker.ContainerInspectInfo): Promise<ContainerSummary> {
  const image = await docker.getImage(c.Image).inspect().catch(() => null);
  return summaryFromInspect(c, image ? (image.RepoDigests ?? []) : undefined);
}

export function isManaged(c: Docker.ContainerInspectInfo): boolean {
  return managedFields(c.Config.Labels).managed;
}

export async function listSummaries(docker: Docker): Promise<ContainerSummary[]> {
  const [items, images] = await Promise.all([docker.listContainers({ all: true }), docker.listImages().catch(() => null)]);
  // One image list for all containers: each one's registry digest without an inspect per image.
  const digests = new Map((images ?? []).map((i) => [i.Id, i.RepoDigests ?? []]));
  return items.map((c) => summaryFromListItem(c, images ? (digests.get(c.ImageID) ?? []) : undefined));
}
