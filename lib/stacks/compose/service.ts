// One Compose service into a StackServiceDef: which keys Homeport supports, which it refuses and
// why (never silently dropped), and the assembly of the normalised fields.
import { ImageSchema } from "@/lib/inventory/schemas";
import type { ComposeDependency, ComposeNetworkRef, StackServiceDef } from "./schemas";
import type { NormaliseContext } from "./context";
import { normaliseDependsOn } from "./depends-on";
import { show, type KeyPath } from "./issues";
import { normalisePorts } from "./ports";
import { normaliseRuntime } from "./runtime-fields";
import { argv, normaliseEnvironment, normaliseHealthcheck, normaliseRestart, normaliseServiceNetworks } from "./service-fields";
import { parseNumber } from "./units";
import { normaliseTmpfs, normaliseVolumes, type PlacedMount } from "./volumes";

/** A service's key is its name on the stack's network (an alias), so it must be one. */
const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

const SUPPORTED = new Set([
  "image", "command", "entrypoint", "environment", "env_file", "ports", "expose", "volumes", "networks", "network_mode",
  "depends_on", "healthcheck", "restart", "user", "read_only", "tmpfs", "working_dir", "hostname", "init",
  "stop_grace_period", "cap_add", "cap_drop", "labels", "extra_hosts", "logging", "mem_limit", "mem_reservation",
  "cpus", "pids_limit", "shm_size", "deploy", "devices", "gpus", "privileged", "pid", "container_name", "scale",
  "tty", "stdin_open", "stop_signal", "group_add", "ulimits", "security_opt", "sysctls", "pull_policy",
]);

/** Keys valid in Compose that Homeport refuses, with the reason a user can act on. */
const REFUSED: Record<string, string> = {
  build: "Homeport deploys images; build and push the image first, then name it in image:",
  configs: "Compose configs are not supported: bind-mount the file from a folder the host allows, or use environment variables",
  secrets: "Compose secrets are not supported: put the value in the stack's .env (Homeport keeps it sealed) and pass it in environment",
  extends: "extends is not supported: write the service out in full (YAML anchors and << merge keys work)",
  profiles: "profiles are not supported: every service of a stack runs; remove the ones you do not want",
  volumes_from: "volumes_from is not supported: mount the same named volumes in both services",
  links: "links are not needed: services of a stack reach each other by name on the stack's network",
  external_links: "external_links are not supported: services reach other stacks through routes",
  memswap_limit: "swap limits are not supported (mem_limit is)",
  use_api_socket: "handing a container the Docker API is not supported: it would control the host",
  dns: "custom DNS servers are not supported yet (extra_hosts is)",
  platform: "platform is not supported: the host pulls the image for its own architecture",
  models: "Compose models are not supported",
  provider: "Compose providers are not supported",
  develop: "develop (Compose Watch) is a development tool and is not supported",
};

export interface NormalisedService {
  /** null when the service has errors (reported); the rest still feeds the checks across services. */
  def: StackServiceDef | null;
  mounts: PlacedMount[];
  networks: { ref: ComposeNetworkRef; path: KeyPath }[];
  deps: { dep: ComposeDependency; path: KeyPath }[];
}

function checkKeys(svc: Record<string, unknown>, base: KeyPath, ctx: NormaliseContext): void {
  for (const key of Object.keys(svc)) {
    if (key.startsWith("x-") || SUPPORTED.has(key)) continue;
    ctx.error([...base, key], REFUSED[key] ?? `${key} is not supported by Homeport`, "key");
  }
  const mode = svc.network_mode;
  if (mode !== undefined && mode !== "host") {
    const why = typeof mode === "string" && /^(service|container):/.test(mode)
      ? "sharing another container's network is not supported: put both services on the stack's network and reach it by name"
      : "only host is supported (services are on the stack's own network by default)";
    ctx.error([...base, "network_mode"], `${show(mode)}: ${why}`);
  }
  if (svc.pid !== undefined && svc.pid !== "host") ctx.error([...base, "pid"], `${show(svc.pid)}: only host is supported`);
  if (svc.scale !== undefined && parseNumber(svc.scale) !== 1) ctx.error([...base, "scale"], "Homeport runs one container per service (scale: 1)");
  if (svc.container_name !== undefined) {
    ctx.warn([...base, "container_name"], `ignored: Homeport names containers after the stack and the service (${ctx.stackName}-…)`, "key");
  }
}

export function normaliseService(name: string, svc: Record<string, unknown>, ctx: NormaliseContext): NormalisedService {
  const base: KeyPath = ["services", name];
  const before = { errors: 0 };
  const r = { ...ctx, error: (p: KeyPath, m: string, at?: "key" | "value") => { before.errors++; ctx.error(p, m, at); } };
  if (!SERVICE_NAME.test(name)) {
    r.error(base, `${show(name)}: a service name starts with a letter or digit and has at most 63 characters (other services reach it by this name)`, "key");
  }
  checkKeys(svc, base, r);
  const image = ImageSchema.safeParse(svc.image);
  if (svc.image === undefined) r.error(base, "image is required (Homeport deploys images; it does not build them)", "key");
  else if (!image.success) r.error([...base, "image"], `${show(svc.image)}: ${image.error.issues[0]?.message ?? "not an image"}`);

  const entrypoint = argv(svc.entrypoint, [...base, "entrypoint"], r);
  if (entrypoint && entrypoint.length === 0) r.error([...base, "entrypoint"], "an empty entrypoint (clearing the image's) is not supported");
  const command = argv(svc.command, [...base, "command"], r) ?? [];
  const environment = normaliseEnvironment(svc, base, { ...ctx, error: r.error });
  const hostNetwork = svc.network_mode === "host";
  if (hostNetwork && svc.networks !== undefined) r.error([...base, "networks"], "a service on the host network joins no other network", "key");
  const ports = normalisePorts(svc.ports, svc.expose, base, r);
  if (hostNetwork && ports.some((p) => p.host !== undefined)) {
    r.error([...base, "ports"], "ports are not published on the host network: the service listens on the host's ports directly", "key");
  }
  const { mounts, tmpfs } = normaliseVolumes(svc.volumes, [...base, "volumes"], ctx.stackName, r);
  tmpfs.unshift(...normaliseTmpfs(svc.tmpfs, [...base, "tmpfs"], r));
  const networks = hostNetwork ? [] : normaliseServiceNetworks(svc.networks, [...base, "networks"], r);
  const dependsOn = normaliseDependsOn(svc.depends_on, [...base, "depends_on"], r);
  const deps = dependsOn.map((dep, i) => ({ dep, path: [...base, "depends_on", Array.isArray(svc.depends_on) ? i : dep.service] }));
  const healthcheck = normaliseHealthcheck(svc.healthcheck, [...base, "healthcheck"], r);
  const restart = normaliseRestart(svc.restart, [...base, "restart"], r);
  const runtime = normaliseRuntime(svc, base, { entrypoint: entrypoint?.length ? entrypoint : null, tmpfs }, r);
  const valid = before.errors === 0 && runtime !== null && image.success;
  return {
    def: !valid ? null : {
      image: image.data,
      command,
      entrypoint: entrypoint?.length ? entrypoint : null,
      environment,
      ports,
      volumes: mounts.map((m) => m.mount),
      networks: networks.map((n) => n.ref),
      dependsOn,
      healthcheck,
      restart,
      runtime,
    },
    mounts,
    networks,
    deps,
  };
}
