// Docker Swarm over the agent protocol: the engine's swarm role (in the agent's Docker info), the
// Swarm service spec the control plane sends, and the swarm/* requests and events. Browser-safe.
import { z } from "zod";
import { HealthcheckSchema, ImageSchema, PortNumberSchema } from "@/lib/inventory/schemas";

/** Most replicas one Swarm service may ask for (a homelab, not a cloud). */
export const MAX_SWARM_REPLICAS = 100;
/** Most tasks one swarm/tasks answer or event carries. */
export const MAX_SWARM_TASKS = 500;
/** Most placement constraints on one service. */
export const MAX_PLACEMENT_CONSTRAINTS = 16;

export const SwarmInfoSchema = z.object({
  nodeId: z.string().max(64),
  /** Swarm's LocalNodeState: inactive | pending | active | error | locked. */
  state: z.string().max(16),
  /** ControlAvailable: this engine is a manager and can take services. */
  manager: z.boolean(),
  nodes: z.number().int().nonnegative().nullable(),
  managers: z.number().int().nonnegative().nullable(),
  /** Whether the kernel has IPVS, which the routing mesh needs; null when the agent cannot tell. */
  routingMesh: z.boolean().nullable().optional(),
});
export type SwarmInfo = z.infer<typeof SwarmInfoSchema>;

/** A placement constraint as Swarm takes it: `node.role == manager`, `node.labels.disk != hdd`. */
export const PlacementConstraintSchema = z
  .string()
  .trim()
  .max(256)
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}\s*(==|!=)\s*[A-Za-z0-9_.:/-]{1,127}$/, "a constraint such as node.role == manager");

export const UpdateFailureActionSchema = z.enum(["rollback", "pause", "continue"]);

/** Rolling update settings (Swarm's UpdateConfig); rollback uses the same parallelism and delay. */
export const SwarmUpdateConfigSchema = z.object({
  parallelism: z.number().int().min(0).max(MAX_SWARM_REPLICAS).default(1).describe("tasks replaced at once; 0 = all"),
  delaySeconds: z.number().int().min(0).max(3600).default(5).describe("pause between batches"),
  failureAction: UpdateFailureActionSchema.default("rollback"),
  monitorSeconds: z.number().int().min(1).max(3600).default(15).describe("how long a new task is watched for failure"),
  order: z.enum(["stop-first", "start-first"]).default("stop-first"),
}).strict();
export type SwarmUpdateConfig = z.infer<typeof SwarmUpdateConfigSchema>;

/** ingress: through the routing mesh, every node answers; host: only the node a task runs on (one task per node). */
export const PublishModeSchema = z.enum(["ingress", "host"]);

/** A port a Swarm service publishes. */
export const SwarmPortSchema = z.object({
  target: PortNumberSchema,
  published: PortNumberSchema,
  protocol: z.enum(["tcp", "udp"]).default("tcp"),
  mode: PublishModeSchema.default("ingress"),
}).strict();

export const SwarmServiceSpecSchema = z.object({
  serviceId: z.string().min(1).max(64),
  name: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
  image: ImageSchema,
  command: z.array(z.string().max(4096)).max(64),
  env: z.record(z.string().max(128), z.string().max(8192)),
  ports: z.array(SwarmPortSchema).max(64),
  replicas: z.number().int().min(0).max(MAX_SWARM_REPLICAS),
  constraints: z.array(PlacementConstraintSchema).max(MAX_PLACEMENT_CONSTRAINTS),
  update: SwarmUpdateConfigSchema,
  /** Homeport's health gate: Swarm counts a task that turns unhealthy during `monitor` as failed. */
  healthcheck: HealthcheckSchema.nullable(),
}).strict();
export type SwarmServiceSpec = z.infer<typeof SwarmServiceSpecSchema>;

export const SwarmTaskSchema = z.object({
  id: z.string().max(64),
  slot: z.number().int().nullable(),
  nodeId: z.string().max(64),
  node: z.string().max(253).describe("the node's hostname"),
  state: z.string().max(32).describe("Swarm's task state: new … running, complete, failed, shutdown, rejected…"),
  desiredState: z.string().max(32),
  message: z.string().max(1024),
  error: z.string().max(1024).nullable(),
  containerId: z.string().max(64).nullable(),
  updatedAt: z.string().max(64),
});
export type SwarmTask = z.infer<typeof SwarmTaskSchema>;

export const SwarmServiceStatusSchema = z.object({
  found: z.boolean().describe("false: no Swarm service of this Homeport service exists on the manager"),
  swarmServiceId: z.string().max(64).nullable(),
  desired: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  /** Swarm's UpdateStatus: updating | paused | completed | rollback_started | rollback_paused | rollback_completed. */
  updateState: z.string().max(32).nullable(),
  updateMessage: z.string().max(1024).nullable(),
  updateStartedAt: z.string().max(64).nullable(),
  tasks: z.array(SwarmTaskSchema).max(MAX_SWARM_TASKS),
});
export type SwarmServiceStatus = z.infer<typeof SwarmServiceStatusSchema>;

const ServiceRef = z.object({ serviceId: z.string().min(1).max(64) });

export const SwarmReadRequests = {
  "swarm/tasks": { params: ServiceRef, result: SwarmServiceStatusSchema },
} as const;

export const SwarmWriteRequests = {
  /** Creates or updates the Swarm service; waits for Swarm's rolling update to end. */
  "swarm/apply": {
    params: z.object({ deploymentId: z.string().min(1).max(64), spec: SwarmServiceSpecSchema }),
    result: z.object({
      outcome: z.enum(["created", "updated", "unchanged"]),
      swarmServiceId: z.string().max(64),
      running: z.number().int().nonnegative(),
    }),
  },
  "swarm/scale": {
    params: ServiceRef.extend({ replicas: z.number().int().min(0).max(MAX_SWARM_REPLICAS) }),
    result: z.object({ replicas: z.number().int().nonnegative() }),
  },
  "swarm/remove": { params: ServiceRef, result: z.object({ removed: z.boolean() }) },
} as const;

export const SwarmEvents = {
  /** A Homeport Swarm service's tasks changed (sent while it converges, and on Swarm events). */
  "swarm/status": SwarmServiceStatusSchema.extend({ serviceId: z.string().max(64), at: z.string().max(64) }),
} as const;

// ── The control plane's side: what a service stores and what the API takes ──

/** A service's stored Swarm settings (Service.swarm, JSON); absent keys are defaults. */
export const SwarmSettingsSchema = z.object({
  constraints: z.array(PlacementConstraintSchema).max(MAX_PLACEMENT_CONSTRAINTS).default([]),
  publishMode: PublishModeSchema.default("ingress"),
  update: SwarmUpdateConfigSchema.default(SwarmUpdateConfigSchema.parse({})),
}).strict();
export type SwarmSettings = z.infer<typeof SwarmSettingsSchema>;

export const ServiceModeSchema = z.enum(["container", "swarm"]);
export type ServiceMode = z.infer<typeof ServiceModeSchema>;

/** PUT /api/v1/services/:id/swarm: run the service as a plain container or as a Swarm service. */
export const SwarmPlacementInputSchema = z.object({
  mode: ServiceModeSchema,
  replicas: z.number().int().min(0, "at least 0").max(MAX_SWARM_REPLICAS, `at most ${MAX_SWARM_REPLICAS}`).default(1),
  constraints: z.array(PlacementConstraintSchema).max(MAX_PLACEMENT_CONSTRAINTS).default([]),
  publishMode: PublishModeSchema.default("ingress"),
  update: SwarmUpdateConfigSchema.default(SwarmUpdateConfigSchema.parse({})),
}).strict();
export type SwarmPlacementInput = z.input<typeof SwarmPlacementInputSchema>;

/** POST /api/v1/services/:id/scale. */
export const ScaleInputSchema = z.object({
  replicas: z.number().int("a whole number").min(0, "at least 0").max(MAX_SWARM_REPLICAS, `at most ${MAX_SWARM_REPLICAS}`),
}).strict();

/** What the API answers about a service's Swarm side. */
export const SwarmPlacementViewSchema = z.object({
  mode: ServiceModeSchema,
  replicas: z.number().int().nonnegative(),
  settings: SwarmSettingsSchema,
});
export type SwarmPlacementView = z.infer<typeof SwarmPlacementViewSchema>;
