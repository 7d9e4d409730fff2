// Maps a ServiceSpec to Docker's container-create options: the basics, every runtime option
// (lib/inventory/runtime.ts), the powers the host policy allowed, and the first network to join.
import type Docker from "dockerode";
import { LABELS, OFFLINE_NETWORK, type ServiceSpec } from "@/lib/protocol";
import { agentIdentity } from "../identity";

/** A volume as the policy check resolved it (bind sources are real paths). */
export type CreateVolume = ServiceSpec["volumes"][number];

/** What identifies the container besides its spec: its hash, its (temporary) name, its rollout. */
export interface CreateIdentity {
  hash: string;
  name: string;
  deploymentId: string;
}

const NS_PER_CPU = 1e9;
const NS_PER_S = 1e9;

/** The network the container is created on: the host's, the first user-defined one, the offline one, or the default bridge. */
export function networkModeOf(spec: ServiceSpec): string {
  if (spec.hostNetwork) return "host";
  const first = spec.networks?.[0];
  if (first) return first.name;
  return spec.egress === "offline" ? OFFLINE_NETWORK : "bridge";
}

/** Docker's tmpfs option string: `size=<bytes>,mode=<octal>` (empty when neither is set). */
export function tmpfsOptions(t: NonNullable<ServiceSpec["tmpfs"]>[number]): string {
  const opts: string[] = [];
  if (t.sizeBytes !== undefined) opts.push(`size=${t.sizeBytes}`);
  if (t.mode !== undefined) opts.push(`mode=${t.mode.toString(8)}`);
  return opts.join(",");
}

/** The user's labels, then Homeport's: a `homeport.*` key from the spec never reaches Docker. */
export function containerLabels(spec: ServiceSpec, id: CreateIdentity): Record<string, string> {
  const user = Object.fromEntries(Object.entries(spec.labels ?? {}).filter(([k]) => !k.startsWith("homeport.")));
  return {
    ...user,
    [LABELS.managed]: "true",
    [LABELS.serviceId]: spec.serviceId,
    [LABELS.serviceName]: spec.name,
    [LABELS.specHash]: id.hash,
    [LABELS.deploymentId]: id.deploymentId,
    ...(spec.stack ? { [LABELS.stack]: spec.stack } : {}),
    ...(agentIdentity() ? { [LABELS.agent]: agentIdentity()! } : {}),
  };
}

function portOptions(spec: ServiceSpec) {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    const key = `${p.container}/${p.protocol}`;
    exposed[key] = {};
    if (p.host !== undefined) (bindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: String(p.host) });
  }
  return { exposed, bindings };
}

function healthcheckOf(spec: ServiceSpec): Docker.ContainerCreateOptions["Healthcheck"] {
  const hc = spec.healthcheck;
  if (!hc) return undefined;
  const test = ["CMD", "CMD-SHELL", "NONE"].includes(hc.test[0] ?? "") ? hc.test : ["CMD", ...hc.test];
  return { Test: test, Interval: hc.intervalSeconds * NS_PER_S, Timeout: hc.timeoutSeconds * NS_PER_S, Retries: hc.retries, ...(hc.startPeriodSeconds ? { StartPeriod: hc.startPeriodSeconds * NS_PER_S } : {}) };
}

/** Resource limits and the sandbox's shape: each key only when the spec sets it (absent = Docker's default). */
function runtimeHostConfig(spec: ServiceSpec): Docker.HostConfig {
  return {
    ...(spec.readOnly ? { ReadonlyRootfs: true } : {}),
    ...(spec.tmpfs?.length ? { Tmpfs: Object.fromEntries(spec.tmpfs.map((t) => [t.target, tmpfsOptions(t)])) } : {}),
    ...(spec.memoryBytes !== undefined ? { Memory: spec.memoryBytes } : {}),
    ...(spec.memoryReservationBytes !== undefined ? { MemoryReservation: spec.memoryReservationBytes } : {}),
    ...(spec.cpus !== undefined ? { NanoCpus: Math.round(spec.cpus * NS_PER_CPU) } : {}),
    ...(spec.pidsLimit !== undefined ? { PidsLimit: spec.pidsLimit } : {}),
    ...(spec.shmSizeBytes !== undefined ? { ShmSize: spec.shmSizeBytes } : {}),
    ...(spec.init ? { Init: true } : {}),
    ...(spec.capDrop?.length ? { CapDrop: spec.capDrop } : {}),
    ...(spec.extraHosts?.length ? { ExtraHosts: spec.extraHosts.map((h) => `${h.hostname}:${h.ip}`) } : {}),
    ...(spec.logging ? { LogConfig: { Type: spec.logging.driver, Config: spec.logging.options } } : {}),
    ...(spec.groupAdd?.length ? { GroupAdd: spec.groupAdd } : {}),
    ...(spec.ulimits?.length ? { Ulimits: spec.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })) } : {}),
    ...(spec.noNewPrivileges ? { SecurityOpt: ["no-new-privileges:true"] } : {}),
    ...(spec.sysctls && Object.keys(spec.sysctls).length ? { Sysctls: spec.sysctls } : {}),
  };
}

/** Extra powers: each was allowed by the host policy (checkSpecAgainstPolicy) or we never get here. */
function powerHostConfig(spec: ServiceSpec): Docker.HostConfig {
  return {
    Privileged: spec.privileged === true,
    ...(spec.hostPid ? { PidMode: "host" } : {}),
    ...(spec.capAdd?.length ? { CapAdd: spec.capAdd } : {}),
    ...(spec.devices?.length ? { Devices: spec.devices.map((d) => ({ PathOnHost: d, PathInContainer: d, CgroupPermissions: "rwm" })) } : {}),
    ...(spec.gpus ? { DeviceRequests: [{ Driver: "", Count: -1, Capabilities: [["gpu"]] }] } : {}),
  };
}

/**
 * The create options of a service's container. Networks after the first are joined by the caller
 * between create and start (Docker engines before API 1.44 take one endpoint at create).
 */
export function createOptions(spec: ServiceSpec, volumes: CreateVolume[], id: CreateIdentity): Docker.ContainerCreateOptions {
  const { exposed, bindings } = portOptions(spec);
  const first = spec.hostNetwork ? undefined : spec.networks?.[0];
  return {
    name: id.name,
    Image: spec.image,
    Cmd: spec.command.length > 0 ? spec.command : undefined,
    ...(spec.entrypoint?.length ? { Entrypoint: spec.entrypoint } : {}),
    ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
    ...(spec.user ? { User: spec.user } : {}),
    ...(spec.hostname && !spec.hostNetwork ? { Hostname: spec.hostname } : {}),
    ...(spec.stopGraceSeconds !== undefined ? { StopTimeout: spec.stopGraceSeconds } : {}),
    ...(spec.stopSignal ? { StopSignal: spec.stopSignal } : {}),
    ...(spec.tty ? { Tty: true } : {}),
    ...(spec.stdinOpen ? { OpenStdin: true } : {}),
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: containerLabels(spec, id),
    ExposedPorts: exposed,
    Healthcheck: healthcheckOf(spec),
    HostConfig: {
      PortBindings: bindings,
      // Bind sources as the policy check resolved them (real paths), so what was checked is mounted.
      Binds: volumes.map((v) => `${v.source}:${v.target}${v.readOnly ? ":ro" : ""}`),
      // No restarts while on probation, so a failing start is seen as it is (exit code and all);
      // the service's own policy is set once the container is healthy.
      RestartPolicy: { Name: "" },
      NetworkMode: networkModeOf(spec),
      ...runtimeHostConfig(spec),
      ...powerHostConfig(spec),
    },
    ...(first ? { NetworkingConfig: { EndpointsConfig: { [first.name]: { Aliases: first.aliases } } } } : {}),
  };
}

/** How long to wait for a container to stop before Docker kills it: its own grace period, else `fallbackS`. */
export function stopTimeoutOf(info: Docker.ContainerInspectInfo, fallbackS: number): number {
  const own = (info.Config as { StopTimeout?: unknown }).StopTimeout;
  return typeof own === "number" && Number.isInteger(own) && own >= 0 ? own : fallbackS;
}
