// The service form's "Advanced" Docker options as typed (strings and rows) and their conversion to
// and from the API's `runtime` object (lib/inventory/runtime.ts). An empty field is an absent key:
// Docker's default. Options the form does not edit are kept as loaded, so saving changes nothing.
import type { z } from "zod";
import type { LogDriverSchema, ServiceRuntime, ServiceRuntimeSchema } from "@/lib/inventory/runtime";
import { formatCommand, parseCommand } from "@/lib/client/command";
import { rowKey } from "@/components/common/row-list";

/** What the form sends; numbers may still be out of range (the schema says so, by path). */
export type RuntimeInput = z.input<typeof ServiceRuntimeSchema>;
export type LogDriver = z.infer<typeof LogDriverSchema>;
export type MemoryUnit = "MiB" | "GiB";

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
const UNIT_BYTES: Record<MemoryUnit, number> = { MiB, GiB };
/** Log drivers whose files rotate with max-size / max-file. */
export const ROTATING_DRIVERS: readonly LogDriver[] = ["json-file", "local"];
const ROTATION_KEYS = ["max-size", "max-file"];

export interface TmpfsRow { key: number; target: string; sizeMiB: string; mode?: number }
export interface LabelRow { key: number; name: string; value: string }
export interface ExtraHostRow { key: number; hostname: string; ip: string }

export interface RuntimeModel {
  memory: string;
  memoryUnit: MemoryUnit;
  memoryReservation: string;
  memoryReservationUnit: MemoryUnit;
  cpus: string;
  pidsLimit: string;
  user: string;
  workingDir: string;
  entrypoint: string;
  readOnly: boolean;
  init: boolean;
  stopGrace: string;
  tmpfs: TmpfsRow[];
  capDrop: string;
  capAdd: string;
  devices: string;
  gpus: boolean;
  privileged: boolean;
  hostNetwork: boolean;
  hostPid: boolean;
  noNewPrivileges: boolean;
  labels: LabelRow[];
  extraHosts: ExtraHostRow[];
  /** "" is Docker's default driver. */
  logDriver: LogDriver | "";
  logMaxSize: string;
  logMaxFile: string;
  /** Loaded values the form has no field for (from the API or a Compose import). */
  kept: { hostname?: string; shmSizeBytes?: number; logDriver?: LogDriver; logOptions: Record<string, string>; process: KeptProcess };
}

/** Process options the form has no field for (from a Compose import or the API), sent back as loaded. */
export const KEPT_PROCESS_KEYS = ["tty", "stdinOpen", "stopSignal", "groupAdd", "ulimits", "sysctls"] as const;
export type KeptProcess = Pick<ServiceRuntime, (typeof KEPT_PROCESS_KEYS)[number]>;

export const newTmpfs = (): TmpfsRow => ({ key: rowKey(), target: "", sizeMiB: "" });
export const newLabel = (): LabelRow => ({ key: rowKey(), name: "", value: "" });
export const newExtraHost = (): ExtraHostRow => ({ key: rowKey(), hostname: "", ip: "" });

export function emptyRuntimeModel(): RuntimeModel {
  return modelFromRuntime({});
}

/** A byte count as typed: GiB when that reads with at most two decimals, else MiB (exact either way: both are powers of two). */
export function amountFromBytes(bytes: number | undefined): { value: string; unit: MemoryUnit } {
  if (bytes === undefined) return { value: "", unit: "MiB" };
  if (bytes >= GiB && (bytes * 100) % GiB === 0) return { value: String(bytes / GiB), unit: "GiB" };
  return { value: String(bytes / MiB), unit: "MiB" };
}

/** "" → absent; otherwise the amount in bytes (NaN for what is not a number, which the schema refuses). */
export function bytesFromAmount(value: string, unit: MemoryUnit): number | undefined {
  const n = num(value);
  return n === undefined ? undefined : Math.round(n * UNIT_BYTES[unit]);
}

function num(s: string): number | undefined {
  const t = s.trim();
  return t === "" ? undefined : Number(t);
}

/** Words separated by spaces, commas or new lines. */
function words(s: string): string[] {
  return s.split(/[\s,]+/).map((w) => w.trim()).filter(Boolean);
}

/** Capability names as Docker takes them: upper case, without CAP_, each once. */
export function capabilities(s: string): string[] {
  return [...new Set(words(s).map((w) => w.toUpperCase().replace(/^CAP_/, "")))];
}

export function modelFromRuntime(r: ServiceRuntime): RuntimeModel {
  const memory = amountFromBytes(r.memoryBytes);
  const reservation = amountFromBytes(r.memoryReservationBytes);
  const options = r.logging?.options ?? {};
  return {
    memory: memory.value,
    memoryUnit: memory.unit,
    memoryReservation: reservation.value,
    memoryReservationUnit: reservation.unit,
    cpus: r.cpus === undefined ? "" : String(r.cpus),
    pidsLimit: r.pidsLimit === undefined ? "" : String(r.pidsLimit),
    user: r.user ?? "",
    workingDir: r.workingDir ?? "",
    entrypoint: formatCommand(r.entrypoint ?? []),
    readOnly: r.readOnly ?? false,
    init: r.init ?? false,
    stopGrace: r.stopGraceSeconds === undefined ? "" : String(r.stopGraceSeconds),
    tmpfs: (r.tmpfs ?? []).map((t) => ({ key: rowKey(), target: t.target, sizeMiB: t.sizeBytes === undefined ? "" : String(t.sizeBytes / MiB), mode: t.mode })),
    capDrop: (r.capDrop ?? []).join(" "),
    capAdd: (r.capAdd ?? []).join(" "),
    devices: (r.devices ?? []).join("\n"),
    gpus: r.gpus ?? false,
    privileged: r.privileged ?? false,
    hostNetwork: r.hostNetwork ?? false,
    hostPid: r.hostPid ?? false,
    noNewPrivileges: r.noNewPrivileges ?? false,
    labels: Object.entries(r.labels ?? {}).map(([name, value]) => ({ key: rowKey(), name, value })),
    extraHosts: (r.extraHosts ?? []).map((h) => ({ key: rowKey(), hostname: h.hostname, ip: h.ip })),
    logDriver: r.logging?.driver ?? "",
    logMaxSize: options["max-size"] ?? "",
    logMaxFile: options["max-file"] ?? "",
    kept: {
      hostname: r.hostname,
      shmSizeBytes: r.shmSizeBytes,
      logDriver: r.logging?.driver,
      logOptions: Object.fromEntries(Object.entries(options).filter(([k]) => !ROTATION_KEYS.includes(k))),
      process: Object.fromEntries(KEPT_PROCESS_KEYS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])),
    },
  };
}

/** Sets `key` only when the value says something (not undefined, false, "" or an empty list). */
function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined || value === false || value === "") return;
  if (Array.isArray(value) && value.length === 0) return;
  if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return;
  out[key] = value;
}

function loggingFromModel(m: RuntimeModel): RuntimeInput["logging"] {
  if (m.logDriver === "") return undefined;
  const options: Record<string, string> = m.logDriver === m.kept.logDriver ? { ...m.kept.logOptions } : {};
  if (ROTATING_DRIVERS.includes(m.logDriver)) {
    if (m.logMaxSize.trim()) options["max-size"] = m.logMaxSize.trim();
    if (m.logMaxFile.trim()) options["max-file"] = m.logMaxFile.trim();
  }
  return { driver: m.logDriver, options };
}

/** The `runtime` object of the request body: only the keys that were set. */
export function runtimeFromModel(m: RuntimeModel): RuntimeInput {
  const out: Record<string, unknown> = {};
  put(out, "entrypoint", parseCommand(m.entrypoint));
  put(out, "workingDir", m.workingDir.trim());
  put(out, "user", m.user.trim());
  put(out, "hostname", m.kept.hostname);
  put(out, "readOnly", m.readOnly);
  put(out, "tmpfs", m.tmpfs
    .filter((t) => t.target.trim() !== "" || t.sizeMiB.trim() !== "")
    .map((t) => {
      const row: Record<string, unknown> = { target: t.target.trim() };
      put(row, "sizeBytes", bytesFromAmount(t.sizeMiB, "MiB"));
      put(row, "mode", t.mode);
      return row;
    }));
  put(out, "memoryBytes", bytesFromAmount(m.memory, m.memoryUnit));
  put(out, "memoryReservationBytes", bytesFromAmount(m.memoryReservation, m.memoryReservationUnit));
  put(out, "cpus", num(m.cpus));
  put(out, "pidsLimit", num(m.pidsLimit));
  put(out, "shmSizeBytes", m.kept.shmSizeBytes);
  put(out, "init", m.init);
  put(out, "stopGraceSeconds", num(m.stopGrace));
  put(out, "capDrop", capabilities(m.capDrop));
  put(out, "labels", Object.fromEntries(m.labels.filter((l) => l.name.trim() !== "").map((l) => [l.name.trim(), l.value])));
  put(out, "extraHosts", m.extraHosts
    .filter((h) => h.hostname.trim() !== "" || h.ip.trim() !== "")
    .map((h) => ({ hostname: h.hostname.trim(), ip: h.ip.trim() })));
  put(out, "logging", loggingFromModel(m));
  for (const k of KEPT_PROCESS_KEYS) put(out, k, m.kept.process[k]);
  put(out, "noNewPrivileges", m.noNewPrivileges);
  put(out, "privileged", m.privileged);
  put(out, "hostNetwork", m.hostNetwork);
  put(out, "hostPid", m.hostPid);
  put(out, "capAdd", capabilities(m.capAdd));
  put(out, "devices", words(m.devices));
  put(out, "gpus", m.gpus);
  return out as RuntimeInput;
}

const LOG_SIZE = /^[1-9]\d*[kmg]?$/i;

/** Problems the schema cannot see: rows and option formats. Keys are error paths under `runtime`. */
export function runtimeProblems(m: RuntimeModel): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const l of m.labels) {
    const n = l.name.trim();
    if (!n && l.value !== "") out[`runtime.labelrow.${l.key}`] = "a label needs a key";
    else if (n && seen.has(n)) out[`runtime.labelrow.${l.key}`] = `${n} is set twice`;
    seen.add(n);
  }
  if (m.logDriver !== "" && ROTATING_DRIVERS.includes(m.logDriver)) {
    if (m.logMaxSize.trim() && !LOG_SIZE.test(m.logMaxSize.trim())) out["runtime.logging.options.max-size"] = "a size such as 10m (k, m or g)";
    if (m.logMaxFile.trim() && !/^[1-9]\d{0,3}$/.test(m.logMaxFile.trim())) out["runtime.logging.options.max-file"] = "a whole number of files, at least 1";
  }
  return out;
}

/** The error paths an edit of each model key makes stale (the form drops them as the user types). */
export const RUNTIME_ERROR_PATHS: Record<Exclude<keyof RuntimeModel, "kept">, string[]> = {
  memory: ["runtime.memoryBytes", "runtime.memoryReservationBytes"],
  memoryUnit: ["runtime.memoryBytes", "runtime.memoryReservationBytes"],
  memoryReservation: ["runtime.memoryReservationBytes"],
  memoryReservationUnit: ["runtime.memoryReservationBytes"],
  cpus: ["runtime.cpus"],
  pidsLimit: ["runtime.pidsLimit"],
  user: ["runtime.user"],
  workingDir: ["runtime.workingDir"],
  entrypoint: ["runtime.entrypoint"],
  readOnly: ["runtime.readOnly"],
  init: ["runtime.init"],
  stopGrace: ["runtime.stopGraceSeconds"],
  tmpfs: ["runtime.tmpfs"],
  capDrop: ["runtime.capDrop"],
  capAdd: ["runtime.capAdd"],
  devices: ["runtime.devices"],
  gpus: ["runtime.gpus"],
  privileged: ["runtime.privileged"],
  hostNetwork: ["runtime.hostNetwork", "runtime.extraHosts", "runtime.sysctls"],
  hostPid: ["runtime.hostPid"],
  noNewPrivileges: ["runtime.noNewPrivileges"],
  labels: ["runtime.labels", "runtime.labelrow"],
  extraHosts: ["runtime.extraHosts"],
  logDriver: ["runtime.logging"],
  logMaxSize: ["runtime.logging"],
  logMaxFile: ["runtime.logging"],
};

/** The first error at `path` or below it (a list's error, then its rows'). */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key === undefined ? undefined : errors[key];
}
