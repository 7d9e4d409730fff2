// Exposure scans over the agent protocol (issue 17): TCP connect scans an agent runs from its
// vantage point, and the containers' posture it reads from Docker. Browser-safe.
import { z } from "zod";

/** Most addresses one scan/tcp request may name. */
export const MAX_SCAN_TARGETS = 64;
/** Most ports one scan/tcp request may try per address. */
export const MAX_SCAN_PORTS_PER_REQUEST = 2000;
/** Highest connection attempts per second an agent accepts. */
export const MAX_SCAN_RATE = 2000;
/** Longest one connection attempt may wait before the port counts as filtered. */
export const MAX_CONNECT_TIMEOUT_MS = 5000;
/** Most containers one posture/read answer carries. */
export const MAX_POSTURE_CONTAINERS = 2000;

/** An IPv4 or IPv6 literal (no host names: the agent never resolves what it scans). */
export const ScanAddressSchema = z
  .string()
  .max(64)
  .refine((a) => /^(\d{1,3}\.){3}\d{1,3}$/.test(a) || (/^[0-9a-fA-F:.]+$/.test(a) && a.includes(":")), "an IP address");

export const ScanTcpParamsSchema = z.object({
  targets: z.array(ScanAddressSchema).min(1).max(MAX_SCAN_TARGETS),
  ports: z.array(z.number().int().min(1).max(65535)).min(1).max(MAX_SCAN_PORTS_PER_REQUEST),
  ratePerSec: z.number().int().min(1).max(MAX_SCAN_RATE).default(500),
  connectTimeoutMs: z.number().int().min(50).max(MAX_CONNECT_TIMEOUT_MS).default(1500),
});
export type ScanTcpParams = z.infer<typeof ScanTcpParamsSchema>;

export const ScanTcpResultSchema = z.object({
  results: z.array(z.object({
    address: z.string().max(64),
    open: z.array(z.number().int()).max(MAX_SCAN_PORTS_PER_REQUEST),
    closed: z.number().int().nonnegative().describe("ports that answered with a reset"),
    filtered: z.number().int().nonnegative().describe("ports that never answered (dropped) or were unreachable"),
  })).max(MAX_SCAN_TARGETS),
  durationMs: z.number().int().nonnegative(),
});
export type ScanTcpResult = z.infer<typeof ScanTcpResultSchema>;

/**
 * How long the hub waits for a scan/tcp answer: every attempt at the asked rate, the last
 * attempts' timeout, and a margin for the link.
 */
export function scanRequestTimeoutMs(p: { targets: unknown[]; ports: unknown[]; ratePerSec: number; connectTimeoutMs: number }): number {
  const attempts = p.targets.length * p.ports.length;
  return Math.ceil((attempts / p.ratePerSec) * 1000) + p.connectTimeoutMs * 2 + 10_000;
}

export const PostureMountSchema = z.object({
  source: z.string().max(4096),
  destination: z.string().max(4096),
  rw: z.boolean(),
  dockerSocket: z.boolean().describe("the Docker (or containerd) socket: full control of the host"),
  sensitive: z.boolean().describe("a sensitive host path: /, /etc, /root, /proc, /sys, /var/lib/docker, /boot, /dev…"),
});
export type PostureMount = z.infer<typeof PostureMountSchema>;

export const PosturePortSchema = z.object({
  hostIp: z.string().max(64).describe("empty or 0.0.0.0 / :: = every interface"),
  hostPort: z.number().int(),
  containerPort: z.number().int(),
  protocol: z.string().max(8),
});
export type PosturePort = z.infer<typeof PosturePortSchema>;

export const ContainerPostureSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(255),
  image: z.string().max(512),
  state: z.string().max(32),
  managed: z.boolean(),
  serviceId: z.string().max(64).nullable(),
  privileged: z.boolean(),
  hostNetwork: z.boolean(),
  hostPid: z.boolean(),
  mounts: z.array(PostureMountSchema).max(256),
  user: z.string().max(256),
  runsAsRoot: z.boolean().describe("no user, 0, root (or 0:…/root:…)"),
  memoryLimitBytes: z.number().nonnegative(),
  cpuLimit: z.number().nonnegative().describe("CPUs (NanoCpus or quota/period); 0 = no limit"),
  imageTag: z.enum(["latest", "none", "pinned"]).describe("latest: :latest; none: no tag (defaults to latest); pinned: a tag or digest"),
  imageCreatedAt: z.string().max(64).nullable(),
  ports: z.array(PosturePortSchema).max(512),
});
export type ContainerPosture = z.infer<typeof ContainerPostureSchema>;

export const PostureResultSchema = z.object({
  containers: z.array(ContainerPostureSchema).max(MAX_POSTURE_CONTAINERS),
  at: z.string().max(64),
});
export type PostureResult = z.infer<typeof PostureResultSchema>;

export const ScanReadRequests = {
  "scan/tcp": { params: ScanTcpParamsSchema, result: ScanTcpResultSchema },
  "posture/read": { params: z.object({}), result: PostureResultSchema },
} as const;
export const ScanEvents = {} as const;
