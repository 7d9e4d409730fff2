// The typed, normalised Compose project the importer returns: services in the inventory's own shapes
// (ports, healthcheck, restart policy, runtime options), declared volumes and networks.
import { z } from "zod";
import { HealthcheckSchema, ImageSchema, PortSchema, RestartPolicySchema } from "@/lib/inventory/schemas";
import { ServiceRuntimeSchema } from "@/lib/inventory/runtime";
import { ComposeIssueSchema } from "./issues";

export const DependsConditionSchema = z.enum(["service_started", "service_healthy", "service_completed_successfully"]);
export type DependsCondition = z.infer<typeof DependsConditionSchema>;

export const ComposeDependencySchema = z.object({
  service: z.string(),
  condition: DependsConditionSchema,
  /** false: start even when the dependency is missing or fails (`required: false`). */
  required: z.boolean(),
  /** Restart this service when the dependency is restarted by an update. */
  restart: z.boolean(),
}).strict();
export type ComposeDependency = z.infer<typeof ComposeDependencySchema>;

/** A volume or bind mount. tmpfs mounts (the `tmpfs:` key and `type: tmpfs` volumes) go to `runtime.tmpfs`. */
export const ComposeMountSchema = z.object({
  type: z.enum(["volume", "bind"]),
  /** A named volume declared in the file's top-level `volumes`, or an absolute host path. */
  source: z.string(),
  target: z.string(),
  readOnly: z.boolean(),
}).strict();
export type ComposeMount = z.infer<typeof ComposeMountSchema>;

export const ComposeNetworkRefSchema = z.object({
  /** A network declared in the file (or `default`, the stack's own). */
  name: z.string(),
  aliases: z.array(z.string()),
}).strict();
export type ComposeNetworkRef = z.infer<typeof ComposeNetworkRefSchema>;

/** A healthcheck in the inventory's shape, plus Compose's start period; or turned off. */
export const ComposeHealthcheckSchema = z.discriminatedUnion("disabled", [
  z.object({ disabled: z.literal(true) }).strict(),
  HealthcheckSchema.extend({
    disabled: z.literal(false),
    startPeriodSeconds: z.number().int().min(0).max(3600),
    startIntervalSeconds: z.number().int().min(1).max(3600).optional(),
  }).strict(),
]);
export type ComposeHealthcheck = z.infer<typeof ComposeHealthcheckSchema>;

export const ComposeRestartSchema = z.object({
  policy: RestartPolicySchema,
  /** `on-failure:N`. */
  maxRetries: z.number().int().min(0).optional(),
}).strict();

export const StackServiceDefSchema = z.object({
  image: ImageSchema,
  /** argv; empty: the image's own command. */
  command: z.array(z.string()),
  /** argv, or null for the image's own entrypoint (the same value is in `runtime.entrypoint`). */
  entrypoint: z.array(z.string()).nullable(),
  environment: z.record(z.string(), z.string()),
  ports: z.array(PortSchema),
  volumes: z.array(ComposeMountSchema),
  /** Empty when the service uses the host's network (`runtime.hostNetwork`). */
  networks: z.array(ComposeNetworkRefSchema),
  dependsOn: z.array(ComposeDependencySchema),
  /** null: not set in the file (the image's own HEALTHCHECK, if any, applies). */
  healthcheck: ComposeHealthcheckSchema.nullable(),
  restart: ComposeRestartSchema,
  runtime: ServiceRuntimeSchema,
}).strict();
export type StackServiceDef = z.infer<typeof StackServiceDefSchema>;

export const ComposeVolumeSchema = z.object({ labels: z.record(z.string(), z.string()) }).strict();
export const ComposeNetworkSchema = z.object({
  /** No route out of the host (Docker's internal network). */
  internal: z.boolean(),
  labels: z.record(z.string(), z.string()),
}).strict();

export const ComposeProjectSchema = z.object({
  /** The stack's name (Homeport names containers `<stack>-<service>`). */
  name: z.string(),
  services: z.record(z.string(), StackServiceDefSchema),
  /** Named volumes the file declares. */
  volumes: z.record(z.string(), ComposeVolumeSchema),
  /** Networks the file declares, plus `default` when a service uses it. */
  networks: z.record(z.string(), ComposeNetworkSchema),
  /** Service keys in an order that starts each after its dependencies. */
  order: z.array(z.string()),
}).strict();
export type ComposeProject = z.infer<typeof ComposeProjectSchema>;

export const ComposeParseResultSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), project: ComposeProjectSchema, warnings: z.array(ComposeIssueSchema) }),
  z.object({ ok: z.literal(false), errors: z.array(ComposeIssueSchema) }),
]);
export type ComposeParseResult = z.infer<typeof ComposeParseResultSchema>;
