// zod schemas of the app catalog: a template's metadata (template.yaml) as authors write it, and the
// API's shapes (summaries, details, the plan and install bodies and answers). Browser-safe.
import { z } from "zod";
import { HostnameSchema } from "@/lib/inventory/names";
import { ExposureSchema } from "@/lib/routes/exposure";
import { StackNameSchema, StackPlanSchema } from "@/lib/stacks/schemas";
import { RoutePartPlanSchema } from "@/lib/routes/schemas";

export const TEMPLATE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const TemplateIdSchema = z.string().regex(TEMPLATE_ID_PATTERN, "lower-case letters, digits and hyphens, at most 40");

export const CATEGORIES = ["development", "passwords", "media", "home", "network", "files", "photos", "ai", "monitoring", "infrastructure", "communication"] as const;
export const CategorySchema = z.enum(CATEGORIES);
export const VARIABLE_TYPES = ["string", "password", "port", "number", "boolean", "enum", "path"] as const;
export const VariableTypeSchema = z.enum(VARIABLE_TYPES);
export const CatalogEgressSchema = z.enum(["open", "offline"]);
export const GpuSchema = z.enum(["none", "optional"]);
export const SourceSchema = z.enum(["builtin", "user"]);
export type CatalogSource = z.infer<typeof SourceSchema>;

export const VARIABLE_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
export const MAX_VARIABLES = 40;
export const MAX_VALUE_CHARS = 1024;

const DefaultValue = z.union([z.string().max(MAX_VALUE_CHARS), z.number(), z.boolean()]);

export const VariableSchema = z.object({
  name: z.string().regex(VARIABLE_NAME_PATTERN, "upper-case letters, digits and _, starting with a letter"),
  label: z.string().trim().min(1).max(80).optional(),
  type: VariableTypeSchema,
  default: DefaultValue.optional(),
  required: z.boolean().default(true),
  generate: z.boolean().default(false),
  description: z.string().max(400).optional(),
  options: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
}).strict()
  .refine((v) => !v.generate || v.type === "password", { message: "generate applies to password variables only", path: ["generate"] })
  .refine((v) => (v.type === "enum") === (v.options !== undefined), { message: "options are required for (and only for) enum variables", path: ["options"] });
export type TemplateVariable = z.infer<typeof VariableSchema>;

const ServiceKey = z.string().min(1).max(64);
const Port = z.number().int().min(1).max(65535);

export const TemplateRouteSchema = z.object({ service: ServiceKey, port: Port }).strict();
export const TemplateCheckSchema = z.object({
  name: z.string().trim().min(1).max(100),
  service: ServiceKey,
  port: Port,
  type: z.enum(["http", "tcp"]),
  path: z.string().startsWith("/", "starts with /").max(500).optional(),
  expectStatus: z.number().int().min(100).max(599).optional(),
}).strict().refine((c) => c.type === "http" || c.path === undefined, { message: "path is for http checks", path: ["path"] });
export const TemplateBackupSchema = z.object({ volume: z.string().min(1).max(64), description: z.string().max(300).optional() }).strict();

export const TemplateSchema = z.object({
  id: TemplateIdSchema,
  name: z.string().trim().min(1).max(60),
  version: z.number().int().min(1),
  description: z.string().trim().min(1).max(200),
  category: CategorySchema,
  website: z.string().url().max(300).refine((u) => u.startsWith("https://"), "https only").optional(),
  icon: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\.svg$/, "an .svg file in the template's folder").optional(),
  variables: z.array(VariableSchema).max(MAX_VARIABLES).default([])
    .refine((vs) => new Set(vs.map((v) => v.name)).size === vs.length, "a variable is declared twice"),
  route: TemplateRouteSchema.optional(),
  checks: z.array(TemplateCheckSchema).max(10).default([]),
  egress: CatalogEgressSchema.default("open"),
  gpu: GpuSchema.default("none"),
  /** With `gpu: optional`: the services that get the GPUs (every service when absent). */
  gpuServices: z.array(ServiceKey).min(1).max(20).optional(),
  backup: z.array(TemplateBackupSchema).max(20).default([]),
  notes: z.string().max(4000).optional(),
}).strict().refine((t) => t.gpu === "optional" || t.gpuServices === undefined, { message: "gpuServices needs gpu: optional", path: ["gpuServices"] });
export type Template = z.infer<typeof TemplateSchema>;

// ── API ──

export const CatalogAppSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: CategorySchema,
  version: z.number().int(),
  source: SourceSchema,
  website: z.string().nullable(),
  hasIcon: z.boolean(),
  egress: CatalogEgressSchema,
  gpu: GpuSchema,
  images: z.array(z.string()).describe("the images its services run (with their default variables)"),
  installed: z.array(z.string()).describe("names of the stacks installed from it"),
});
export type CatalogAppSummary = z.infer<typeof CatalogAppSummarySchema>;

export const BrokenTemplateSchema = z.object({ id: z.string(), source: SourceSchema, message: z.string() });
export type BrokenTemplate = z.infer<typeof BrokenTemplateSchema>;

export const CatalogListSchema = z.object({ apps: z.array(CatalogAppSummarySchema), broken: z.array(BrokenTemplateSchema) });
export type CatalogList = z.infer<typeof CatalogListSchema>;

export const CatalogVariableViewSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: VariableTypeSchema,
  default: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  required: z.boolean(),
  generate: z.boolean().describe("a password left empty gets a random 32-character value"),
  description: z.string().nullable(),
  options: z.array(z.string()).nullable(),
});

export const CatalogAppDetailSchema = CatalogAppSummarySchema.extend({
  variables: z.array(CatalogVariableViewSchema),
  route: TemplateRouteSchema.nullable(),
  checks: z.array(z.object({ name: z.string(), service: z.string(), port: z.number().int(), type: z.enum(["http", "tcp"]), path: z.string().nullable(), expectStatus: z.number().int().nullable() })),
  backup: z.array(z.object({ volume: z.string(), description: z.string().nullable() })),
  notes: z.string().nullable(),
  compose: z.string().describe("the raw compose.yaml"),
});
export type CatalogAppDetail = z.infer<typeof CatalogAppDetailSchema>;

export const InstallValueSchema = z.union([z.string().max(MAX_VALUE_CHARS), z.number(), z.boolean()]);

export const CatalogInstallSchema = z.object({
  stackName: StackNameSchema,
  hostId: z.string().min(1).max(64),
  values: z.record(z.string().max(64), InstallValueSchema).default({}).refine((v) => Object.keys(v).length <= MAX_VARIABLES, `at most ${MAX_VARIABLES} values`),
  hostname: HostnameSchema.optional().describe("a hostname to route to the app's web UI; no route when absent"),
  exposure: ExposureSchema.default("lan"),
  egress: CatalogEgressSchema.optional().describe("the app's egress; the template's default when absent"),
}).strict();
export type CatalogInstallInput = z.infer<typeof CatalogInstallSchema>;
export const CATALOG_BODY_BYTES = 64 * 1024;

export const CatalogPlanSchema = z.object({
  stack: z.object({
    name: z.string(),
    hostId: z.string(),
    egress: CatalogEgressSchema,
    gpu: z.boolean().describe("whether the services ask for the host's GPUs"),
    services: z.array(z.object({ key: z.string(), name: z.string(), image: z.string(), ports: z.array(z.string()) })),
    plan: StackPlanSchema,
  }),
  route: z.object({ hostname: z.string(), exposure: ExposureSchema, service: z.string(), port: z.number().int() }).nullable(),
  dns: z.array(RoutePartPlanSchema).describe("what the route would create: LAN DNS, proxy entry, tunnel, public DNS"),
  checks: z.array(z.object({ name: z.string(), type: z.enum(["http", "tcp"]), target: z.string(), from: z.string().optional().describe("where it runs from, in words") })),
  skippedChecks: z.array(z.object({ name: z.string(), reason: z.string() })),
  images: z.array(z.object({ image: z.string(), present: z.boolean().nullable().describe("null: the host could not be asked") })),
  generated: z.array(z.string()).describe("password variables that get a random value at install"),
});
export type CatalogPlan = z.infer<typeof CatalogPlanSchema>;

export const CatalogInstallResultSchema = z.object({
  stackId: z.string(),
  rolloutId: z.string(),
  routeId: z.string().nullable().describe("always null at install: the route is created once the rollout is healthy (its service exists then)"),
  routePending: z.string().nullable().describe("the hostname routed once the rollout succeeds"),
  checkIds: z.array(z.string()).describe("created paused; resumed once the rollout succeeds"),
});
export type CatalogInstallResult = z.infer<typeof CatalogInstallResultSchema>;
