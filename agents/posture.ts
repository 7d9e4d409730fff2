// The containers' security posture as this agent's Docker reports it (exposure reports): for every
// container, managed or not, the facts the control plane's posture findings need. Read-only.
import type Docker from "dockerode";
import { LABELS, type ContainerPosture, type PostureMount, type PostureResult, MAX_POSTURE_CONTAINERS } from "@/lib/protocol";

/** Sockets whose holder controls the host's containers. */
const SOCKET_PATTERN = /(^|\/)(docker|containerd|podman)\.sock$|^\/run\/containerd|^\/var\/run\/containerd/;
/** Host paths a container should never mount (they or anything below them). */
export const SENSITIVE_HOST_PATHS = ["/", "/etc", "/root", "/proc", "/sys", "/boot", "/dev", "/var/lib/docker", "/var/run", "/run", "/home", "/usr", "/lib"];
/** Below these the whole tree counts; the rest count only when mounted exactly (a service's data under /home is fine). */
const SENSITIVE_TREES = ["/etc", "/root", "/proc", "/sys", "/boot", "/dev", "/var/lib/docker"];

export function isDockerSocket(source: string): boolean {
  return SOCKET_PATTERN.test(source);
}

export function isSensitivePath(source: string): boolean {
  const s = source.replace(/\/+$/, "") || "/";
  if (SENSITIVE_HOST_PATHS.includes(s)) return true;
  return SENSITIVE_TREES.some((t) => s.startsWith(`${t}/`));
}

/** Root when the user is empty, 0 or root (with or without a group). */
export function isRootUser(user: string | undefined): boolean {
  const u = (user ?? "").trim().split(":")[0] ?? "";
  return u === "" || u === "0" || u === "root";
}

/** latest: `:latest`; none: no tag (Docker reads it as latest); pinned: another tag or a digest. */
export function imageTagKind(image: string): ContainerPosture["imageTag"] {
  if (image.includes("@sha256:")) return "pinned";
  if (/^sha256:[0-9a-f]+$/.test(image)) return "pinned";
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  if (colon < 0) return "none";
  return lastSegment.slice(colon + 1) === "latest" ? "latest" : "pinned";
}

function mountsOf(info: Docker.ContainerInspectInfo): PostureMount[] {
  return (info.Mounts ?? []).slice(0, 256).map((m) => {
    const source = m.Type === "bind" ? (m.Source ?? "") : `${m.Type}:${m.Name ?? m.Source ?? ""}`;
    const bind = m.Type === "bind";
    return {
      source: source.slice(0, 4096),
      destination: (m.Destination ?? "").slice(0, 4096),
      rw: Boolean(m.RW),
      dockerSocket: bind && isDockerSocket(m.Source ?? ""),
      sensitive: bind && !isDockerSocket(m.Source ?? "") && isSensitivePath(m.Source ?? ""),
    };
  });
}

function cpuLimitOf(h: Docker.HostConfig): number {
  if (h.NanoCpus) return h.NanoCpus / 1e9;
  if (h.CpuQuota && h.CpuQuota > 0 && h.CpuPeriod) return h.CpuQuota / h.CpuPeriod;
  return 0;
}

function portsOf(info: Docker.ContainerInspectInfo): ContainerPosture["ports"] {
  const out: ContainerPosture["ports"] = [];
  for (const [key, bindings] of Object.entries(info.NetworkSettings?.Ports ?? {})) {
    const [port, protocol] = key.split("/");
    for (const b of bindings ?? []) {
      if (!b.HostPort) continue;
      out.push({ hostIp: b.HostIp ?? "", hostPort: Number(b.HostPort), containerPort: Number(port), protocol: protocol ?? "tcp" });
    }
  }
  return out.slice(0, 512);
}

export function postureFromInspect(info: Docker.ContainerInspectInfo, imageCreatedAt: string | null): ContainerPosture {
  const labels = info.Config.Labels ?? {};
  const managed = labels[LABELS.managed] === "true" && Boolean(labels[LABELS.serviceId]);
  const h = info.HostConfig ?? {};
  const user = info.Config.User ?? "";
  return {
    id: info.Id.slice(0, 64),
    name: info.Name.replace(/^\//, "").slice(0, 255),
    image: (info.Config.Image ?? "").slice(0, 512),
    state: (info.State?.Status ?? "unknown").slice(0, 32),
    managed,
    serviceId: managed ? (labels[LABELS.serviceId] ?? null) : null,
    privileged: Boolean(h.Privileged),
    hostNetwork: h.NetworkMode === "host",
    hostPid: h.PidMode === "host",
    mounts: mountsOf(info),
    user: user.slice(0, 256),
    runsAsRoot: isRootUser(user),
    memoryLimitBytes: h.Memory ?? 0,
    cpuLimit: cpuLimitOf(h),
    imageTag: imageTagKind(info.Config.Image ?? ""),
    imageCreatedAt,
    ports: portsOf(info),
  };
}

/** Reads every container's posture (containers removed meanwhile are skipped). */
export async function readPosture(docker: Docker): Promise<PostureResult> {
  const list = (await docker.listContainers({ all: true })).slice(0, MAX_POSTURE_CONTAINERS);
  const created = new Map<string, string | null>();
  const containers: ContainerPosture[] = [];
  for (const item of list) {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await docker.getContainer(item.Id).inspect();
    } catch {
      continue;
    }
    if (!created.has(info.Image)) {
      try {
        const img = await docker.getImage(info.Image).inspect();
        created.set(info.Image, img.Created ? new Date(img.Created).toISOString() : null);
      } catch {
        created.set(info.Image, null);
      }
    }
    containers.push(postureFromInspect(info, created.get(info.Image) ?? null));
  }
  return { containers, at: new Date().toISOString() };
}
