// zod schemas of the agents domain as the API and the browser see it: enrollment, host status,
// observed containers, deployments, actions. Safe to import from client components.
import { z } from "zod";
import { ContainerPortSchema, ContainerStateNameSchema, DockerInfoSchema } from "@/lib/protocol/docker";
import { DnsLabelSchema } from "@/lib/inventory/names";
import { BindRootSchema, HostSchema } from "@/lib/inventory/schemas";

export const ENROLLMENT_DEFAULT_TTL_MINUTES = 60;
export const ENROLLMENT_MAX_TTL_MINUTES = 7 * 24 * 60;

export const EnrollmentCreateSchema = z
  .object({
    name: DnsLabelSchema.describe("Name the new host gets in the inventory"),
    ttlMinutes: z.number().int().min(1).max(ENROLLMENT_MAX_TTL_MINUTES).default(ENROLLMENT_DEFAULT_TTL_MINUTES).describe("Minutes until the token expires"),
  })
  .strict();
export type EnrollmentCreateInput = z.input<typeof EnrollmentCreateSchema>;

export const HostUpdateSchema = z
  .object({
    vantage: HostSchema.shape.vantage.describe("Where the host probes from: on the LAN, or away (a remote vantage point for routes)"),
    bindRoots: z
      .array(BindRootSchema)
      .max(32)
      .describe("Folders services on this host may bind-mount (and anything below them); [] allows none. The host's agent must allow them too (--allow-bind)"),
    addresses: z.array(z.union([z.ipv4(), z.ipv6()])).max(16).describe("The host's IP addresses (LAN, public): what exposure scans target (nothing else is ever scanned)"),
  })
  .partial()
  .strict()
  .refine((s) => Object.keys(s).length > 0, "nothing to change");
export type HostUpdateInput = z.infer<typeof HostUpdateSchema>;

export const EnrollmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  hostId: z.string().nullable(),
  createdAt: z.string(),
});
export type EnrollmentView = z.infer<typeof EnrollmentSchema>;

/** Answer to creating a token: the only time the token itself is shown. */
export const EnrollmentCreatedSchema = EnrollmentSchema.extend({
  token: z.string(),
  command: z.string().describe("Command to run on the new host, from a Homeport checkout"),
  dockerCommand: z.string().describe("The same agent as a container (image homeport:local)"),
});
export type EnrollmentCreated = z.infer<typeof EnrollmentCreatedSchema>;

export const EnrollRequestSchema = z
  .object({
    token: z.string().min(10).max(256).describe("The one-time enrollment token"),
    hostname: z.string().trim().min(1).max(253).describe("The machine's hostname, as the agent sees it"),
    agentVersion: z.string().max(64),
  })
  .strict();

export const EnrollResultSchema = z.object({ agentId: z.string(), secret: z.string().describe("Shown once; only its hash is stored"), hostName: z.string() });

export const RevokeRequestSchema = z.object({ reason: z.string().trim().max(200).optional().describe("Recorded in the audit trail") }).strict();

export const HostStatusSchema = z.object({
  hostId: z.string(),
  name: z.string(),
  online: z.boolean().describe("an agent session is open right now; otherwise the state is unknown, never 'down'"),
  lastSeenAt: z.string().nullable(),
  agentVersion: z.string().nullable(),
  protocolVersion: z.number().int().nullable(),
  versionMismatch: z.string().nullable(),
  hostname: z.string().nullable(),
  docker: DockerInfoSchema.nullable(),
  revoked: z.boolean(),
});
export type HostStatusView = z.infer<typeof HostStatusSchema>;

export const ContainerStateSchema = z.object({
  hostId: z.string(),
  containerId: z.string(),
  name: z.string(),
  image: z.string(),
  state: ContainerStateNameSchema,
  status: z.string(),
  health: z.enum(["starting", "healthy", "unhealthy"]).nullable(),
  exitCode: z.number().int().nullable(),
  managed: z.boolean(),
  serviceId: z.string().nullable(),
  specHash: z.string().nullable(),
  ports: z.array(ContainerPortSchema),
  startedAt: z.string().nullable(),
  observedAt: z.string(),
});
export type ContainerStateView = z.infer<typeof ContainerStateSchema>;

export const DeploymentStatusSchema = z.enum(["pending", "running", "succeeded", "unchanged", "failed"]);
export const DeploymentSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  hostId: z.string().nullable(),
  specHash: z.string().nullable(),
  status: DeploymentStatusSchema,
  log: z.array(z.string()),
  error: z.string().nullable(),
  containerId: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type DeploymentView = z.infer<typeof DeploymentSchema>;

export const DeployRequestSchema = z.object({ pull: z.boolean().default(false).describe("pull the image even if present (update)") }).strict();

export const ContainerActionSchema = z.enum(["start", "stop", "restart", "remove"]);
export type ContainerAction = z.infer<typeof ContainerActionSchema>;
export const ActionRequestSchema = z.object({ action: ContainerActionSchema }).strict();

export const LogsQuerySchema = z.object({
  tail: z.coerce.number().int().min(1).max(2000).default(200),
  q: z.string().max(200).optional().describe("Only lines containing this text (case-insensitive)"),
});

export const AdoptRequestSchema = z.object({ name: DnsLabelSchema.describe("Service name for the adopted container") }).strict();

/** A container on a host's page: orphaned when Homeport manages it but its service no longer exists. */
export const HostContainerSchema = ContainerStateSchema.extend({ orphaned: z.boolean().describe("Managed, but its service was deleted (e.g. while the agent was offline); remove it") });
export type HostContainerView = z.infer<typeof HostContainerSchema>;

const QueryFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
/** DELETE /services/:id options (query parameters): remove its container (default) and its named volumes. */
export const ServiceDeleteParamsSchema = z.object({
  container: QueryFlag.default(true).describe("Remove the service's container through its host's agent (default true)"),
  volumes: QueryFlag.default(false).describe("Remove its named volumes too (default false; a volume another service uses is kept)"),
}).strict();
export const ServiceDeleteQuerySchema = ServiceDeleteParamsSchema.transform((q) => ({ removeContainer: q.container, removeVolumes: q.volumes }));
export type ServiceDeleteOptions = z.infer<typeof ServiceDeleteQuerySchema>;

export const ServiceDeleteReportSchema = z.object({
  removedContainers: z.array(z.string()),
  removedVolumes: z.array(z.string()),
  left: z.array(z.object({ kind: z.enum(["container", "volume"]), name: z.string(), reason: z.string() })).describe("What was not removed, and why"),
});
export type ServiceDeleteReport = z.infer<typeof ServiceDeleteReportSchema>;

export const MAX_BULK_SERVICES = 100;
export const BulkActionSchema = z.enum(["start", "stop", "restart", "deploy", "delete"]);
export type BulkAction = z.infer<typeof BulkActionSchema>;
export const BulkRequestSchema = z.object({
  action: BulkActionSchema,
  ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_BULK_SERVICES).describe("Services to act on, each reported on its own"),
  removeContainer: z.boolean().default(true).describe("delete: remove each service's container too"),
  removeVolumes: z.boolean().default(false).describe("delete: remove each service's named volumes too"),
}).strict();
export type BulkRequest = z.infer<typeof BulkRequestSchema>;
export const BulkResultSchema = z.object({
  results: z.array(z.object({ id: z.string(), name: z.string().nullable(), ok: z.boolean(), message: z.string().describe("What happened, in words") })),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;
