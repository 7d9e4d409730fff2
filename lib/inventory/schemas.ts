// zod schemas of the inventory (services, hosts): one source for the API, the OpenAPI document
// and the forms. Safe to import from client components. Routes have theirs in lib/routes/schemas.
import { z } from "zod";
import { DnsLabelSchema, GroupNameSchema, TagsSchema } from "./names";
import { ServiceRuntimeSchema } from "./runtime";
import { HostPolicySchema, isWithin, normalizeAbsolutePath } from "@/lib/protocol/policy";

/** Docker image reference: [registry[:port]/]path[:tag][@sha256:digest]. */
const IMAGE_RE =
  /^(?:(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*(?::\d{1,5})?)\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export const ImageSchema = z.string().trim().min(1, "required").max(255).regex(IMAGE_RE, "not a valid image reference (e.g. nginx:1.27 or ghcr.io/org/app:tag)");

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** A TCP/UDP port number (also a route's service port). */
export const PortNumberSchema = z.number().int().min(1, "1-65535").max(65535, "1-65535");

export const PortSchema = z.object({
  container: PortNumberSchema.describe("Port inside the container"),
  host: PortNumberSchema.optional().describe("Published port on the host; omit to keep it unpublished"),
  protocol: z.enum(["tcp", "udp"]).default("tcp"),
  hostIp: z.string().regex(IPV4, "an IPv4 address").default("127.0.0.1")
    .describe("Address the published port binds to; 127.0.0.1 (default) keeps it off the LAN, 0.0.0.0 exposes it"),
}).strict();

const DOCKER_SOCKETS = ["/var/run/docker.sock", "/run/docker.sock"];
const FORBIDDEN_MOUNTS = ["/", ...DOCKER_SOCKETS, "/etc", "/proc", "/sys", "/dev", "/boot", "/root"];

/** Collapses repeated slashes and resolves `.` and `..` (no node:path: this module runs in the browser). */
function normalizeHostPath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return `/${out.join("/")}`;
}

/** A forbidden path in any spelling (`/var/run//docker.sock`, `/run/../etc`), or a folder holding the Docker socket. */
function isForbiddenMount(source: string): boolean {
  if (!source.startsWith("/")) return false;
  const p = normalizeHostPath(source);
  return FORBIDDEN_MOUNTS.includes(p) || DOCKER_SOCKETS.some((sock) => sock.startsWith(`${p}/`));
}

export const VolumeSchema = z.object({
  source: z.string().trim().min(1).max(255)
    .regex(/^(\/[^\0]*|[a-zA-Z0-9][a-zA-Z0-9_.-]*)$/, "an absolute host path or a volume name")
    .refine((s) => !isForbiddenMount(s), "mounting this host path would hand the container the host")
    .describe("Absolute host path or named volume"),
  target: z.string().trim().min(2).max(255).regex(/^\/[^\0]*$/, "an absolute path inside the container"),
  readOnly: z.boolean().default(false),
}).strict();

/** A folder an admin lets services on one host bind-mount: absolute, normalised, never `/` or a system path. */
export const BindRootSchema = z
  .string()
  .trim()
  .min(2)
  .max(1024)
  .refine((p) => normalizeAbsolutePath(p) !== null, "an absolute path without . or .. segments")
  .transform((p) => normalizeAbsolutePath(p) ?? p)
  .refine((p) => p !== "/" && !isForbiddenMount(p) && !FORBIDDEN_MOUNTS.some((f) => f !== "/" && p.startsWith(`${f}/`)), "this folder would hand containers the host");

/**
 * Why a service's bind mounts may not run on a host whose admin allows `roots` (one issue per
 * refused volume; named volumes are always fine). The agent checks again on real paths.
 */
export function bindRefusals(volumes: { source: string }[], roots: string[] | null, hostName: string | null): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  volumes.forEach((v, i) => {
    if (!v.source.startsWith("/")) return;
    const path = `volumes.${i}.source`;
    if (roots === null) {
      out.push({ path, message: "bind mounts need a host: place the service on a host whose admin allows this folder" });
      return;
    }
    const n = normalizeAbsolutePath(v.source);
    if (n && roots.some((r) => isWithin(n, r))) return;
    out.push({
      path,
      message: roots.length
        ? `${v.source} is outside the folders ${hostName ?? "this host"} allows for bind mounts (${roots.join(", ")})`
        : `${hostName ?? "this host"} allows no bind mounts; an admin can allow folders on the host's page (named volumes need nothing)`,
    });
  });
  return out;
}

export const HealthcheckSchema = z.object({
  test: z.array(z.string().max(1024)).min(1).max(32).describe('Command run in the container, e.g. ["wget","-q","-O-","http://127.0.0.1:8080/"]'),
  intervalSeconds: z.number().int().min(1).max(3600).default(10),
  timeoutSeconds: z.number().int().min(1).max(600).default(5),
  retries: z.number().int().min(1).max(20).default(3),
  startPeriodSeconds: z.number().int().min(0).max(3600).optional().describe("Failures in this first period do not count (slow starters such as databases)"),
}).strict();

export const RestartPolicySchema = z.enum(["no", "always", "unless-stopped", "on-failure"]);
export const EgressSchema = z.enum(["open", "offline"]).describe("offline: attached only to an internal network with no route out");

/** A PATCH body: any of the fields, at least one, nothing else (services here, routes in lib/routes). */
export function updateSchema<S extends z.ZodRawShape>(fields: S) {
  return z
    .object(fields)
    .partial()
    .strict()
    .refine((s) => Object.keys(s).length > 0, "nothing to change");
}

const serviceFields = {
  name: DnsLabelSchema.describe("Unique name; also the container name"),
  image: ImageSchema,
  command: z.array(z.string().max(4096)).max(64),
  env: z.record(z.string().regex(ENV_KEY, "variable names are letters, digits and _").max(128), z.string().max(8192))
    .refine((e) => Object.keys(e).length <= 200, "at most 200 variables"),
  ports: z.array(PortSchema).max(64),
  volumes: z.array(VolumeSchema).max(64),
  healthcheck: HealthcheckSchema.nullable(),
  restartPolicy: RestartPolicySchema,
  egress: EgressSchema,
  runtime: ServiceRuntimeSchema.describe(
    "Docker options beyond the basics: limits (memoryBytes, cpus, pidsLimit, shmSizeBytes), user, workingDir, entrypoint, " +
      "readOnly root with tmpfs mounts, init, stopGraceSeconds, stopSignal, capDrop, noNewPrivileges, labels (homeport.* is reserved), extraHosts, logging, " +
      "tty, stdinOpen, groupAdd, ulimits, namespaced sysctls (net.*, kernel IPC, fs.mqueue.*). " +
      "Absent keys mean Docker's default. privileged, hostNetwork, hostPid, capAdd, devices and gpus are refused at deploy " +
      "unless the host's agent policy allows them. On PATCH the whole object is replaced.",
  ),
  hostId: z.string().min(1).max(64).nullable().describe("Host (agent) the service is placed on"),
  tags: TagsSchema.describe("Short labels lists filter by (lower-case letters, digits, - _ . :)"),
  groupName: GroupNameSchema.nullable().describe("A group shown together in lists and on status pages; empty or null for none"),
};

function portsAreUnique(ports: z.infer<typeof PortSchema>[] | undefined): boolean {
  const seen = new Set<string>();
  for (const p of ports ?? []) {
    if (p.host === undefined) continue;
    const k = `${p.hostIp}:${p.host}/${p.protocol}`;
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
}
const uniquePorts = { message: "two ports publish the same host port", path: ["ports"] };

export const ServiceCreateSchema = z
  .object({
    ...serviceFields,
    command: serviceFields.command.default([]),
    env: serviceFields.env.default({}),
    ports: serviceFields.ports.default([]),
    volumes: serviceFields.volumes.default([]),
    healthcheck: serviceFields.healthcheck.default(null),
    restartPolicy: serviceFields.restartPolicy.default("unless-stopped"),
    egress: serviceFields.egress.default("open"),
    runtime: serviceFields.runtime.default({}),
    hostId: serviceFields.hostId.default(null),
    tags: serviceFields.tags.optional(),
    groupName: serviceFields.groupName.optional(),
  })
  .strict()
  .refine((s) => portsAreUnique(s.ports), uniquePorts);
export type ServiceCreateInput = z.infer<typeof ServiceCreateSchema>;
export type ServiceFormValues = z.input<typeof ServiceCreateSchema>;

export const ServiceUpdateSchema = updateSchema(serviceFields).refine((s) => portsAreUnique(s.ports), uniquePorts);
export type ServiceUpdateInput = z.infer<typeof ServiceUpdateSchema>;

/** What the user last asked of a service: a deliberate stop is not a crash. */
export const DesiredStateSchema = z.enum(["running", "stopped"]);
export type DesiredState = z.infer<typeof DesiredStateSchema>;

export const ServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  command: z.array(z.string()),
  env: z.record(z.string(), z.string()),
  ports: z.array(PortSchema),
  volumes: z.array(VolumeSchema),
  healthcheck: HealthcheckSchema.nullable(),
  restartPolicy: RestartPolicySchema,
  egress: EgressSchema,
  runtime: ServiceRuntimeSchema.describe("Docker options beyond the basics; absent keys mean Docker's default"),
  hostId: z.string().nullable(),
  hostName: z.string().nullable(),
  stackId: z.string().nullable().describe("The stack this service belongs to; such a service is changed and removed through its stack"),
  stackName: z.string().nullable(),
  stackService: z.string().nullable().describe("The service's key in its stack's Compose file"),
  routeCount: z.number().int(),
  desiredState: DesiredStateSchema,
  tags: z.array(z.string()),
  groupName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceView = z.infer<typeof ServiceSchema>;

export const HostSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(["docker", "swarm-manager"]),
  vantage: z.enum(["lan", "remote"]),
  addresses: z.array(z.string()),
  version: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  revoked: z.boolean(),
  serviceCount: z.number().int(),
  bindRoots: z.array(z.string()).describe("Folders an admin allows services on this host to bind-mount"),
  agentPolicy: HostPolicySchema.nullable().describe("The policy the host's agent enforces, as it last reported it (set on the host only)"),
});
export type HostView = z.infer<typeof HostSchema>;

export const IdParamSchema = z.string().regex(/^[a-z0-9]{8,40}$/i);

export const ListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().describe("Filter by name or hostname (substring)"),
});
