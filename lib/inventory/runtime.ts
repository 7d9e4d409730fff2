// Docker options of a service beyond image, command, env, ports and volumes: limits, user,
// read-only root, tmpfs, capabilities, devices/GPU, labels, extra hosts, logging, TTY, stop signal,
// extra groups, ulimits, no-new-privileges, namespaced sysctls. One schema for
// the API, the form, the Compose importer (lib/stacks) and the agent's spec. Every key is optional
// and absent means Docker's default, so a service that sets none keeps its spec hash.
// Browser-safe (no Node built-ins).
import { z } from "zod";
import { CapabilitySchema } from "@/lib/protocol/policy";
import { DnsLabelSchema } from "./names";

const MiB = 1024 * 1024;
/** Docker refuses memory limits below 6 MiB. */
export const MIN_MEMORY_BYTES = 6 * MiB;
export const MAX_MEMORY_BYTES = 1024 * 1024 * MiB;
export const MAX_CPUS = 1024;

const AbsPath = z.string().trim().min(1).max(1024).regex(/^\/[^\0:,]*$/, "an absolute path");
const DevicePath = z.string().max(256).regex(/^\/dev\/[A-Za-z0-9_./-]+$/, "a device under /dev");
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]{2,39}$/;
/** Homeport's own labels (`homeport.*`) are set by the agent and cannot be overridden. */
const LABEL_KEY = /^(?!homeport\.)[A-Za-z0-9][A-Za-z0-9_.\-/]{0,254}$/;

export const TmpfsSchema = z.object({
  target: AbsPath.describe("Mount point inside the container"),
  sizeBytes: z.number().int().min(4096).max(MAX_MEMORY_BYTES).optional(),
  /** File mode of the mount's root, e.g. 0o1777. */
  mode: z.number().int().min(0).max(0o7777).optional(),
}).strict();

export const ExtraHostSchema = z.object({
  hostname: z.string().min(1).max(253).regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, "a host name"),
  ip: z.string().refine((s) => IPV4.test(s) || (IPV6.test(s) && s.includes(":")) || s === "host-gateway", "an IP address or host-gateway"),
}).strict();

/** Log drivers that keep logs on the host (no driver that ships them elsewhere). */
export const LogDriverSchema = z.enum(["json-file", "local", "journald", "none"]);
export const LoggingSchema = z.object({
  driver: LogDriverSchema,
  options: z.record(z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, "an option name"), z.string().max(256))
    .refine((o) => Object.keys(o).length <= 16, "at most 16 options")
    .default({}),
}).strict();

/** Signal names Docker takes as a stop signal (Linux), besides SIGRTMIN+n / SIGRTMAX-n and numbers. */
const SIGNAL_NAMES = new Set([
  "SIGABRT", "SIGALRM", "SIGBUS", "SIGCHLD", "SIGCONT", "SIGFPE", "SIGHUP", "SIGILL", "SIGINT", "SIGIO", "SIGKILL",
  "SIGPIPE", "SIGPROF", "SIGPWR", "SIGQUIT", "SIGSEGV", "SIGSTKFLT", "SIGSTOP", "SIGSYS", "SIGTERM", "SIGTRAP",
  "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGUSR1", "SIGUSR2", "SIGVTALRM", "SIGWINCH", "SIGXCPU", "SIGXFSZ",
  "SIGRTMIN", "SIGRTMAX",
]);
const MAX_SIGNAL = 64;
/** A signal by name (SIGTERM, SIGRTMIN+3) or number (1-64). */
export function isStopSignal(s: string): boolean {
  if (SIGNAL_NAMES.has(s)) return true;
  const rt = /^SIGRT(MIN\+|MAX-)([1-9]|1[0-5])$/.test(s);
  const n = /^[1-9]\d?$/.test(s) ? Number(s) : 0;
  return rt || (n >= 1 && n <= MAX_SIGNAL);
}
export const StopSignalSchema = z.string().max(16).refine(isStopSignal, "a signal such as SIGTERM, SIGQUIT or SIGINT, or its number (1-64)");

/** Resource limits Docker can set per container (`docker run --ulimit`). */
export const UlimitNameSchema = z.enum([
  "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack",
]);
/** -1 is unlimited. */
const UlimitValue = z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER);
const unlimited = (n: number) => (n === -1 ? Infinity : n);
export const UlimitSchema = z.object({ name: UlimitNameSchema, soft: UlimitValue, hard: UlimitValue }).strict()
  .refine((u) => unlimited(u.soft) <= unlimited(u.hard), { message: "the soft limit cannot exceed the hard limit", path: ["soft"] });
export type Ulimit = z.infer<typeof UlimitSchema>;

export const MAX_GROUPS = 32;
/** A group by name or id, added to the user's groups in the container. */
const GroupSchema = z.string().max(32).regex(/^([A-Za-z_][A-Za-z0-9_.-]*|\d{1,10})$/, "a group name or id");

/**
 * Kernel parameters Docker sets per container because the kernel keeps them per namespace: the
 * network namespace's `net.*`, and the IPC namespace's `kernel.shm*`, `kernel.msg*`, `kernel.sem` and
 * `fs.mqueue.*`. Anything else would change the host, and Docker refuses it.
 */
const SYSCTL_KEY = /^(net(\.[A-Za-z0-9_-]+)+|kernel\.(shmall|shmmax|shmmni|shm_rmid_forced|msgmax|msgmnb|msgmni|sem)|fs\.mqueue\.[a-z_]+)$/;
export const MAX_SYSCTLS = 32;
export const SysctlsSchema = z.record(z.string().max(128), z.string().max(256).regex(/^[\x20-\x7e]*$/, "printable text on one line"))
  .superRefine((s, ctx) => {
    const keys = Object.keys(s);
    if (keys.length > MAX_SYSCTLS) ctx.addIssue({ code: "custom", message: `at most ${MAX_SYSCTLS} sysctls` });
    // Checked here rather than as the record's key schema, so the message names what is allowed.
    for (const k of keys.filter((k) => !SYSCTL_KEY.test(k))) {
      ctx.addIssue({ code: "custom", path: [k], message: "a namespaced sysctl: net.*, kernel.shm*, kernel.msg*, kernel.sem or fs.mqueue.*" });
    }
  });

/** The fields, for schemas that embed them (the agent's ServiceSpec flattens them in). */
export const runtimeFields = {
  entrypoint: z.array(z.string().max(4096)).max(64).optional().describe("Replaces the image's entrypoint"),
  workingDir: AbsPath.optional(),
  user: z.string().max(64).regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/, "user[:group], by name or id").optional(),
  hostname: DnsLabelSchema.optional(),
  readOnly: z.boolean().optional().describe("Read-only root filesystem"),
  tmpfs: z.array(TmpfsSchema).max(16).optional(),
  memoryBytes: z.number().int().min(MIN_MEMORY_BYTES, "at least 6 MiB").max(MAX_MEMORY_BYTES).optional().describe("Hard memory limit"),
  memoryReservationBytes: z.number().int().min(MIN_MEMORY_BYTES, "at least 6 MiB").max(MAX_MEMORY_BYTES).optional(),
  cpus: z.number().positive().max(MAX_CPUS).optional().describe("CPU limit in cores, e.g. 1.5"),
  pidsLimit: z.number().int().min(1).max(4_194_304).optional(),
  shmSizeBytes: z.number().int().min(4096).max(MAX_MEMORY_BYTES).optional(),
  init: z.boolean().optional().describe("Run an init process as PID 1"),
  stopGraceSeconds: z.number().int().min(0).max(3600).optional(),
  capDrop: z.array(z.union([CapabilitySchema, z.literal("ALL")])).max(64).optional(),
  labels: z.record(z.string().regex(LABEL_KEY, "a label key (homeport.* is reserved)"), z.string().max(4096))
    .refine((l) => Object.keys(l).length <= 64, "at most 64 labels").optional(),
  extraHosts: z.array(ExtraHostSchema).max(64).optional(),
  logging: LoggingSchema.optional(),
  tty: z.boolean().optional().describe("Allocate a pseudo-terminal"),
  stdinOpen: z.boolean().optional().describe("Keep standard input open"),
  stopSignal: StopSignalSchema.optional().describe("The signal that asks the process to stop (Docker's default: SIGTERM)"),
  groupAdd: z.array(GroupSchema).max(MAX_GROUPS).optional().describe("Extra groups for the container's user"),
  ulimits: z.array(UlimitSchema).max(UlimitNameSchema.options.length)
    .refine((u) => new Set(u.map((x) => x.name)).size === u.length, "each limit once").optional(),
  noNewPrivileges: z.boolean().optional().describe("The process cannot gain privileges (setuid binaries, file capabilities)"),
  sysctls: SysctlsSchema.optional(),
  // Powers beyond the default sandbox. Each is refused by the agent unless its host policy allows it
  // (lib/protocol/policy.ts), whatever the control plane says.
  privileged: z.boolean().optional(),
  hostNetwork: z.boolean().optional(),
  hostPid: z.boolean().optional(),
  capAdd: z.array(CapabilitySchema).max(32).optional(),
  devices: z.array(DevicePath).max(32).optional(),
  gpus: z.boolean().optional(),
};

/** Checks across fields, shared by every schema that embeds runtimeFields. */
export function refineRuntime(r: { memoryBytes?: number; memoryReservationBytes?: number; hostNetwork?: boolean; extraHosts?: unknown[]; sysctls?: Record<string, string> }, ctx: z.RefinementCtx): void {
  if (r.memoryReservationBytes !== undefined && r.memoryBytes !== undefined && r.memoryReservationBytes > r.memoryBytes) {
    ctx.addIssue({ code: "custom", message: "the reservation cannot exceed the limit", path: ["memoryReservationBytes"] });
  }
  if (r.hostNetwork && r.extraHosts?.length) ctx.addIssue({ code: "custom", message: "extra hosts do not apply on the host network", path: ["extraHosts"] });
  const net = Object.keys(r.sysctls ?? {}).find((k) => k.startsWith("net."));
  if (r.hostNetwork && net) ctx.addIssue({ code: "custom", message: `${net}: net.* sysctls would change the host's network (Docker refuses them on the host network)`, path: ["sysctls", net] });
}

export const ServiceRuntimeSchema = z.object(runtimeFields).strict().superRefine(refineRuntime);
export type ServiceRuntime = z.infer<typeof ServiceRuntimeSchema>;

/** Drops keys that say the same as Docker's default (false, empty lists and maps), so equal intent hashes equal. */
export function normalizeRuntime(r: ServiceRuntime): ServiceRuntime {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === undefined || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as ServiceRuntime;
}
