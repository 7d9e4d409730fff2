// A Compose service's Docker options (user, read_only, tmpfs, limits, capabilities, devices, GPUs, labels,
// extra hosts, logging, host namespaces; process and sandbox keys in process-fields.ts) into the
// inventory's ServiceRuntime, checked by its own schema with each error placed at the Compose key.
import { normalizeRuntime, ServiceRuntimeSchema, type ServiceRuntime } from "@/lib/inventory/runtime";
import { allEntries, entries, isRecord, scalarString, type Reporter } from "./context";
import { show, type KeyPath } from "./issues";
import { normaliseProcessOptions } from "./process-fields";
import { parseBool, parseBytes, parseDuration, parseNumber } from "./units";
import type { PlacedTmpfs } from "./volumes";

type Draft = Record<string, unknown>;

export class RuntimeDraft {
  readonly draft: Draft = {};
  /** Where each runtime field came from, and each item of the list fields. */
  readonly origin = new Map<string, KeyPath>();
  readonly itemOrigin = new Map<string, KeyPath[]>();

  constructor(private readonly r: Reporter) {}

  set(field: string, value: unknown, path: KeyPath): void {
    const prev = this.origin.get(field);
    if (prev && JSON.stringify(this.draft[field]) !== JSON.stringify(value)) {
      this.r.error(path, `conflicts with ${prev.slice(2).join(".")} (${show(this.draft[field])}); set one of them`);
      return;
    }
    this.draft[field] = value;
    this.origin.set(field, path);
  }

  list(field: string, items: { value: unknown; path: KeyPath }[], path: KeyPath): void {
    if (items.length === 0) return;
    this.draft[field] = [...((this.draft[field] as unknown[] | undefined) ?? []), ...items.map((i) => i.value)];
    this.itemOrigin.set(field, [...(this.itemOrigin.get(field) ?? []), ...items.map((i) => i.path)]);
    if (!this.origin.has(field)) this.origin.set(field, path);
  }
}

function bool(d: RuntimeDraft, svc: Record<string, unknown>, key: string, field: string, base: KeyPath, r: Reporter): void {
  if (svc[key] === undefined) return;
  const b = parseBool(svc[key]);
  if (b === null) r.error([...base, key], `${show(svc[key])} is not true or false`);
  else d.set(field, b, [...base, key]);
}

/** Bytes, where 0 and -1 mean "no limit" (Docker's default). */
function bytes(d: RuntimeDraft, value: unknown, field: string, path: KeyPath, r: Reporter): void {
  if (value === undefined || value === null) return;
  if (value === -1 || value === "-1" || value === 0 || value === "0") return;
  const n = parseBytes(value);
  if (n === null) r.error(path, `${show(value)} is not a size (e.g. 512m, 1g, 1.5gb, 2048k or a number of bytes)`);
  else d.set(field, n, path);
}

function cpus(d: RuntimeDraft, value: unknown, path: KeyPath, r: Reporter): void {
  if (value === undefined || value === null) return;
  const n = parseNumber(value);
  if (n === null || n < 0) r.error(path, `${show(value)} is not a number of CPUs (e.g. 1.5)`);
  else if (n > 0) d.set("cpus", n, path);
}

function pids(d: RuntimeDraft, value: unknown, path: KeyPath, r: Reporter): void {
  if (value === undefined || value === null) return;
  const n = parseNumber(value);
  if (n === null || !Number.isInteger(n) || n < -1) r.error(path, `${show(value)} is not a number of processes`);
  else if (n > 0) d.set("pidsLimit", n, path);
}

const keyValueList = (value: unknown, base: KeyPath) =>
  Array.isArray(value)
    ? value.map((item, i) => {
        const s = String(item);
        const eq = s.indexOf("=");
        return { key: eq < 0 ? s : s.slice(0, eq), value: eq < 0 ? "" : s.slice(eq + 1), path: [...base, i] };
      })
    : allEntries(value).map(([k, v]) => ({ key: k, value: scalarString(v) ?? "", path: [...base, k] }));

function extraHosts(value: unknown, base: KeyPath, r: Reporter): { value: unknown; path: KeyPath }[] {
  const out: { value: unknown; path: KeyPath }[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const s = String(item);
      const sep = s.includes("=") ? s.indexOf("=") : s.indexOf(":");
      if (sep < 1) r.error([...base, i], `${show(s)} is not host:ip or host=ip`);
      else out.push({ value: { hostname: s.slice(0, sep), ip: s.slice(sep + 1).replace(/^\[(.*)\]$/, "$1") }, path: [...base, i] });
    });
  } else {
    for (const [host, ips] of allEntries(value)) {
      for (const ip of Array.isArray(ips) ? ips : [ips]) out.push({ value: { hostname: host, ip: String(ip) }, path: [...base, host] });
    }
  }
  return out;
}

const GPU_REQUEST_KEYS = new Set(["capabilities", "count", "device_ids", "driver", "options"]);

/** A GPU request (`deploy.resources.reservations.devices` or `gpus:`): all NVIDIA GPUs, or an error. */
function gpuRequest(item: unknown, path: KeyPath, r: Reporter): boolean {
  if (!isRecord(item)) return false;
  for (const [k] of entries(item)) if (!GPU_REQUEST_KEYS.has(k)) r.error([...path, k], `${k} is not supported in a GPU request`, "key");
  const caps = Array.isArray(item.capabilities) ? item.capabilities.map(String) : [];
  if (item.capabilities !== undefined && !caps.includes("gpu")) {
    r.error([...path, "capabilities"], "only GPU requests (capabilities: [gpu]) are supported; map other devices with devices:");
    return false;
  }
  if (item.driver !== undefined && item.driver !== "nvidia") {
    r.error([...path, "driver"], `${show(item.driver)}: only NVIDIA GPU requests are supported; other GPUs are devices (e.g. /dev/dri)`);
    return false;
  }
  if (item.options !== undefined) r.error([...path, "options"], "GPU driver options are not supported", "key");
  if ((item.count !== undefined && item.count !== "all" && item.count !== -1) || item.device_ids !== undefined) {
    r.warn(path, "Homeport gives the container all of the host's GPUs (count and device_ids are not applied)");
  }
  return true;
}

const DEPLOY_RESOURCE_KEYS: Record<string, Set<string>> = {
  limits: new Set(["cpus", "memory", "pids"]),
  reservations: new Set(["memory", "devices"]),
};

function deploy(d: RuntimeDraft, value: unknown, base: KeyPath, r: Reporter): void {
  for (const [k, v] of entries(value)) {
    if (k === "replicas" || k === "mode") {
      if ((k === "replicas" && parseNumber(v) !== 1) || (k === "mode" && v !== "replicated")) {
        r.error([...base, k], k === "replicas" ? "Homeport runs one container per service (replicas: 1)" : `${show(v)}: Homeport runs one container per service`);
      }
      continue;
    }
    if (k !== "resources") {
      r.error([...base, k], `deploy.${k} is a Swarm option Homeport does not support${k === "restart_policy" ? " (use restart:)" : ""}`, "key");
      continue;
    }
    for (const [kind, res] of entries(v)) {
      const allowed = DEPLOY_RESOURCE_KEYS[kind];
      for (const [field, val] of entries(res)) {
        const path = [...base, "resources", kind, field];
        if (!allowed?.has(field)) {
          r.error(path, field === "cpus" ? "CPU reservations are not supported (limits.cpus is)" : `${kind}.${field} is not supported`, "key");
        } else if (kind === "limits" && field === "cpus") cpus(d, val, path, r);
        else if (kind === "limits" && field === "memory") bytes(d, val, "memoryBytes", path, r);
        else if (kind === "limits" && field === "pids") pids(d, val, path, r);
        else if (field === "memory") bytes(d, val, "memoryReservationBytes", path, r);
        else if (field === "devices" && Array.isArray(val)) {
          const gpus = val.map((item, i) => gpuRequest(item, [...path, i], r));
          if (gpus.some(Boolean)) d.set("gpus", true, path);
        }
      }
    }
  }
}

function devices(value: unknown, base: KeyPath, r: Reporter): { value: unknown; path: KeyPath }[] {
  const out: { value: unknown; path: KeyPath }[] = [];
  (Array.isArray(value) ? value : []).forEach((item, i) => {
    const path = [...base, i];
    let host: string;
    let container: string;
    let perms: string | undefined;
    if (isRecord(item)) {
      host = String(item.source ?? "");
      container = String(item.target ?? host);
      perms = item.permissions === undefined ? undefined : String(item.permissions);
    } else {
      const parts = String(item).split(":");
      host = parts[0] ?? "";
      container = parts[1] ?? host;
      perms = parts[2];
    }
    if (container !== host) r.error(path, `${show(item)} maps ${host} to a different path (${container}); Homeport maps a device at its own path`);
    else if (perms !== undefined && perms !== "rwm") r.error(path, `${show(item)}: device permissions other than rwm are not supported`);
    else out.push({ value: host, path });
  });
  return out;
}

/** The runtime options of one service; null when they break ServiceRuntimeSchema (errors reported). */
export function normaliseRuntime(svc: Record<string, unknown>, base: KeyPath, extra: { entrypoint: string[] | null; tmpfs: PlacedTmpfs[] }, r: Reporter): ServiceRuntime | null {
  const d = new RuntimeDraft(r);
  if (extra.entrypoint) d.set("entrypoint", extra.entrypoint, [...base, "entrypoint"]);
  if (typeof svc.user === "string") d.set("user", svc.user, [...base, "user"]);
  if (typeof svc.working_dir === "string") d.set("workingDir", svc.working_dir, [...base, "working_dir"]);
  if (typeof svc.hostname === "string") d.set("hostname", svc.hostname, [...base, "hostname"]);
  bool(d, svc, "read_only", "readOnly", base, r);
  bool(d, svc, "init", "init", base, r);
  bool(d, svc, "privileged", "privileged", base, r);
  bool(d, svc, "tty", "tty", base, r);
  bool(d, svc, "stdin_open", "stdinOpen", base, r);
  d.list("tmpfs", extra.tmpfs.map((t) => ({ value: t.tmpfs, path: t.path })), [...base, "tmpfs"]);
  if (svc.stop_grace_period !== undefined) {
    const s = parseDuration(svc.stop_grace_period);
    if (s === null) r.error([...base, "stop_grace_period"], `${show(svc.stop_grace_period)} is not a duration (e.g. 30s, 1m30s)`);
    else d.set("stopGraceSeconds", Math.ceil(s), [...base, "stop_grace_period"]);
  }
  for (const [key, field] of [["cap_add", "capAdd"], ["cap_drop", "capDrop"]] as const) {
    const caps = Array.isArray(svc[key]) ? svc[key] : [];
    d.list(field, caps.map((c, i) => ({ value: String(c).toUpperCase().replace(/^CAP_/, ""), path: [...base, key, i] })), [...base, key]);
  }
  if (svc.labels !== undefined) {
    const labels = keyValueList(svc.labels, [...base, "labels"]);
    d.set("labels", Object.fromEntries(labels.map((l) => [l.key, l.value])), [...base, "labels"]);
  }
  d.list("extraHosts", extraHosts(svc.extra_hosts, [...base, "extra_hosts"], r), [...base, "extra_hosts"]);
  if (isRecord(svc.logging)) {
    const options = Object.fromEntries(allEntries(svc.logging.options).map(([k, v]) => [k, scalarString(v) ?? ""]));
    d.set("logging", { driver: svc.logging.driver ?? "json-file", options }, [...base, "logging"]);
  }
  bytes(d, svc.mem_limit, "memoryBytes", [...base, "mem_limit"], r);
  bytes(d, svc.mem_reservation, "memoryReservationBytes", [...base, "mem_reservation"], r);
  bytes(d, svc.shm_size, "shmSizeBytes", [...base, "shm_size"], r);
  cpus(d, svc.cpus, [...base, "cpus"], r);
  pids(d, svc.pids_limit, [...base, "pids_limit"], r);
  deploy(d, svc.deploy, [...base, "deploy"], r);
  if (svc.gpus === "all") d.set("gpus", true, [...base, "gpus"]);
  else if (Array.isArray(svc.gpus) && svc.gpus.map((g, i) => gpuRequest(g, [...base, "gpus", i], r)).some(Boolean)) d.set("gpus", true, [...base, "gpus"]);
  d.list("devices", devices(svc.devices, [...base, "devices"], r), [...base, "devices"]);
  if (svc.network_mode === "host") d.set("hostNetwork", true, [...base, "network_mode"]);
  if (svc.pid === "host") d.set("hostPid", true, [...base, "pid"]);
  normaliseProcessOptions(d, svc, base, r);

  const parsed = ServiceRuntimeSchema.safeParse(d.draft);
  if (parsed.success) return normalizeRuntime(parsed.data);
  for (const issue of parsed.error.issues) {
    const [field, index] = issue.path;
    const items = d.itemOrigin.get(String(field));
    const at: KeyPath = typeof index === "number" && items?.[index]
      ? items[index]!
      : [...(d.origin.get(String(field)) ?? base), ...(typeof index === "string" || typeof index === "number" ? [index] : [])];
    const value = issue.path.reduce<unknown>((v, k) => (isRecord(v) || Array.isArray(v) ? (v as Record<string, unknown>)[k as string] : undefined), d.draft);
    r.error(at, `${value !== undefined && typeof value !== "object" ? `${show(value)}: ` : ""}${issue.message}`);
  }
  return null;
}
