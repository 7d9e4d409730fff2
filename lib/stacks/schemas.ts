// zod schemas of the stacks API: what a client sends (a Compose file, an optional .env, a host)
// and what it gets back (the stack, its plan, its rollouts and versions). Browser-safe.
import { z } from "zod";

/** A stack's name prefixes its services' names (`<stack>-<service>`), so it stays short. */
export const StackNameSchema = z.string().trim().min(1, "required").max(40, "at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lower-case letters, digits and inner hyphens");

export const MAX_COMPOSE_BYTES = 256 * 1024;
export const MAX_ENV_BYTES = 64 * 1024;

const ComposeText = z.string().min(1, "paste or upload a docker-compose.yml").max(MAX_COMPOSE_BYTES, "at most 256 KiB");
const EnvText = z.string().max(MAX_ENV_BYTES, "at most 64 KiB");

export const StackCreateSchema = z.object({
  name: StackNameSchema,
  hostId: z.string().min(1).max(64).describe("Host (agent) the stack runs on"),
  compose: ComposeText.describe("The docker-compose.yml, as text"),
  env: EnvText.default("").describe("The stack's .env file (KEY=value lines); stored sealed"),
}).strict();
export type StackCreateInput = z.infer<typeof StackCreateSchema>;

export const StackUpdateSchema = z.object({
  compose: ComposeText.optional(),
  env: EnvText.optional(),
}).strict().refine((s) => Object.keys(s).length > 0, "nothing to change");
export type StackUpdateInput = z.infer<typeof StackUpdateSchema>;

export const StackApplySchema = z.object({
  /** Apply this earlier version instead of the file being edited (a rollback); it becomes a new version. */
  version: z.number().int().min(1).optional(),
  pull: z.boolean().default(false),
}).strict();

export const StackRemoveQuerySchema = z.object({
  volumes: z.enum(["true", "false"]).default("false").transform((v) => v === "true").describe("Also remove the stack's named volumes (their data is lost)"),
});

export const StackActionSchema = z.object({
  action: z.enum(["start", "stop", "restart"]),
  /** One service of the stack (its Compose key); all of them when absent. */
  service: z.string().min(1).max(64).optional(),
}).strict();

export const IssueSchema = z.object({ path: z.string(), line: z.number().int().nullable(), column: z.number().int().nullable(), message: z.string() });

export const PlanStepSchema = z.object({
  key: z.string(),
  name: z.string(),
  action: z.enum(["create", "recreate", "unchanged", "remove"]),
  reasons: z.array(z.string()),
  level: z.number().int(),
  serviceId: z.string().nullable(),
});

export const RolloutStepSchema = PlanStepSchema.extend({
  status: z.enum(["pending", "running", "succeeded", "unchanged", "failed", "skipped"]),
  message: z.string().nullable(),
  deploymentId: z.string().nullable(),
});
export type RolloutStep = z.infer<typeof RolloutStepSchema>;

export const StackRolloutSchema = z.object({
  id: z.string(),
  stackId: z.string(),
  version: z.number().int(),
  status: z.enum(["running", "succeeded", "failed"]),
  steps: z.array(RolloutStepSchema),
  error: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type StackRolloutView = z.infer<typeof StackRolloutSchema>;

export const StackServiceStateSchema = z.object({
  key: z.string(),
  serviceId: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string().nullable().describe("The container's state as the host last reported it; null when it has none"),
  health: z.string().nullable(),
  ports: z.array(z.object({ host: z.number().int().nullable(), container: z.number().int(), protocol: z.string() })),
});

export const StackSchema = z.object({
  id: z.string(),
  name: z.string(),
  hostId: z.string().nullable(),
  hostName: z.string().nullable(),
  compose: z.string(),
  envVariables: z.array(z.string()).describe("Names in the .env file (values are sealed; admins read them at /env)"),
  appliedVersion: z.number().int().nullable(),
  latestVersion: z.number().int().nullable(),
  /** The file being edited differs from the applied version. */
  pendingChanges: z.boolean(),
  services: z.array(StackServiceStateSchema),
  lastRollout: StackRolloutSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StackView = z.infer<typeof StackSchema>;

export const StackPlanSchema = z.object({
  ok: z.boolean(),
  errors: z.array(IssueSchema),
  warnings: z.array(IssueSchema),
  steps: z.array(PlanStepSchema),
  changes: z.number().int(),
});
export type StackPlanView = z.infer<typeof StackPlanSchema>;

export const StackVersionSchema = z.object({ version: z.number().int(), actorName: z.string().nullable(), createdAt: z.string(), applied: z.boolean() });

export const StackIdSchema = z.string().regex(/^[a-z0-9]{8,40}$/i);
export const StackVersionParamSchema = z.coerce.number().int().min(1).max(1_000_000);
export const StackVersionQuerySchema = z.object({ version: z.coerce.number().int().min(1).max(1_000_000).optional() });

/** A request carrying a Compose file and a .env may be this big (they are JSON strings). */
export const STACK_BODY_BYTES = 2 * (MAX_COMPOSE_BYTES + MAX_ENV_BYTES) + 4096;

export const StackValidateSchema = z.object({
  name: StackNameSchema.default("stack"),
  compose: ComposeText,
  env: EnvText.default(""),
}).strict();

export const StackValidationSchema = z.object({
  ok: z.boolean(),
  errors: z.array(IssueSchema),
  warnings: z.array(IssueSchema),
  services: z.array(z.object({ key: z.string(), name: z.string(), image: z.string(), dependsOn: z.array(z.string()), ports: z.array(z.string()) })),
  variables: z.array(z.object({ name: z.string(), set: z.boolean() })).describe("variables the file uses, and whether the .env sets them"),
});
export type StackValidation = z.infer<typeof StackValidationSchema>;

export const StackLogsQuerySchema = z.object({
  tail: z.coerce.number().int().min(1).max(2000).default(200).describe("Lines per service"),
  q: z.string().max(200).optional().describe("Only lines containing this text (case-insensitive)"),
  service: z.string().min(1).max(64).optional().describe("One service (its Compose key)"),
});

export const StackLogsSchema = z.object({
  lines: z.array(z.object({ service: z.string(), stream: z.enum(["stdout", "stderr"]), text: z.string() })),
  missing: z.array(z.object({ service: z.string(), reason: z.string() })).describe("services whose logs could not be read, and why"),
});
