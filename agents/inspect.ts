// container/describe: Docker's inspect of one container, cut to the fields the inspect view shows
// (config, state, mounts, networks, ports, env). Env values leave the agent; the control plane
// decides who sees them and masks secret-looking ones.
import type Docker from "dockerode";
import type { ContainerDescription } from "@/lib/protocol";
import { portBridges } from "./port-bridge";

const MAX_ENV_VALUE = 16 * 1024 - 256;
const arr = (v: string | string[] | null | undefined): string[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

export async function describeContainer(docker: Docker, containerId: string): Promise<ContainerDescription> {
  const i = await docker.getContainer(containerId).inspect();
  const ports = Object.entries(i.NetworkSettings.Ports ?? {}).flatMap(([container, bindings]): { container: string; host: string | null }[] =>
    bindings && bindings.length > 0 ? bindings.map((b) => ({ container, host: `${b.HostIp || "0.0.0.0"}:${b.HostPort}` })) : [{ container, host: null }],
  );
  // A fenced container's ports are published by the agent's bridge, not Docker (port-bridge.ts).
  for (const p of portBridges.ports(i.Id)) ports.push({ container: `${p.container}/${p.protocol}`, host: `${p.hostIp}:${p.host}` });
  return {
    id: i.Id,
    name: i.Name.replace(/^\//, ""),
    image: i.Config.Image,
    imageId: i.Image,
    createdAt: i.Created,
    state: {
      status: i.State.Status,
      running: i.State.Running,
      exitCode: i.State.ExitCode,
      startedAt: i.State.StartedAt,
      finishedAt: i.State.FinishedAt,
      health: (i.State as { Health?: { Status?: string } }).Health?.Status ?? null,
      oomKilled: i.State.OOMKilled,
      pid: i.State.Pid,
    },
    restartCount: i.RestartCount,
    config: {
      entrypoint: arr(i.Config.Entrypoint),
      cmd: arr(i.Config.Cmd),
      workingDir: i.Config.WorkingDir ?? "",
      user: i.Config.User ?? "",
      hostname: i.Config.Hostname ?? "",
      tty: i.Config.Tty ?? false,
      labels: i.Config.Labels ?? {},
      env: (i.Config.Env ?? []).map((e) => e.slice(0, MAX_ENV_VALUE)),
    },
    hostConfig: {
      restartPolicy: i.HostConfig.RestartPolicy?.Name || "no",
      networkMode: i.HostConfig.NetworkMode ?? "",
      privileged: i.HostConfig.Privileged ?? false,
      readonlyRootfs: i.HostConfig.ReadonlyRootfs ?? false,
      memoryBytes: i.HostConfig.Memory ?? 0,
      nanoCpus: i.HostConfig.NanoCpus ?? 0,
      capAdd: i.HostConfig.CapAdd ?? [],
      capDrop: i.HostConfig.CapDrop ?? [],
    },
    mounts: (i.Mounts ?? []).map((m) => ({ type: m.Type ?? "", source: m.Source ?? "", destination: m.Destination, mode: m.Mode ?? "", readOnly: m.RW === false })),
    networks: Object.entries(i.NetworkSettings.Networks ?? {}).map(([name, n]) => ({ name, ipAddress: n.IPAddress ?? "", gateway: n.Gateway ?? "", aliases: n.Aliases ?? [] })),
    ports,
  };
}
