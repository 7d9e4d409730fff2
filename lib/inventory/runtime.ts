// Docker options of a service beyond image, command, env, ports and volumes: limits, user,
// read-only root, tmpfs, capabilities, devices/GPU, labels, extra hosts, logging. One schema for
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
export function refineRuntime(r: { memoryBytes?: number; memoryReservationBytes?: number; hostNetwork?: boolean; extraHosts?: unknown[] }, ctx: z.RefinementCtx): void {
  if (r.memoryReservationBytes !== undefined && r.memoryBytes !== undefined && r.memoryReservationBytes > r.memoryBytes) {
    ctx.addIssue({ code: "custom", message: "the reservation cannot exceed the limit", path: ["memoryReservationBytes"] });
  }
  if (r.hostNetwork && r.extraHosts?.length) ctx.addIssue({ code: "custom", message: "extra hosts do not apply on the host network", path: ["extraHosts"] });
}

export const ServiceRuntimeSchema = z.object(runtimeFields).strict().superRefine(refineRuntime);
export type ServiceRuntime = z.infer<typeof ServiceRuntimeSchema>;

/** Drops keys that say the same as Docker's default (false, empty lists), so equal intent hashes equal. */
export function normalizeRuntime(r: ServiceRuntime): ServiceRuntime {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === undefined || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (k === "labels" && Object.keys(v as object).length === 0) continue;
    out[k] = v;
  }
  return out as ServiceRuntime;
}
