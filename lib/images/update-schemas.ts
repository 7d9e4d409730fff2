// zod schemas of the image-update views (GET /api/v1/updates) and the apply answers: shared by
// the API, the OpenAPI document and the Updates page.
import { z } from "zod";

export const RegistryErrorClassSchema = z.enum(["unreachable", "unauthorized", "not_found", "error"]);

/**
 * update: the tag now names another image · current: it names the running one · pinned: the
 * reference has a digest (never checked) · unchecked: no answer yet · unknown: the running image
 * has no registry digest (built locally, or no container) or the reference is not one Docker reads.
 */
export const UpdateStatusSchema = z.enum(["update", "current", "pinned", "unchecked", "unknown"]);
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

export const ServiceUpdateSchema = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  stackId: z.string().nullable(),
  stackName: z.string().nullable(),
  hostName: z.string().nullable(),
  image: z.string(),
  /** The tag as checked: registry/repository:tag; null when pinned or unreadable. */
  tag: z.string().nullable(),
  status: UpdateStatusSchema,
  currentDigest: z.string().nullable().describe("the registry digest of the image the container runs"),
  newDigest: z.string().nullable().describe("the digest the tag pointed to at the last check"),
  newCreatedAt: z.string().nullable().describe("when the tag's image was built"),
  checkedAt: z.string().nullable(),
  errorClass: RegistryErrorClassSchema.nullable().describe("why the last check of this tag failed (the last known digest stays)"),
  message: z.string().nullable(),
});
export type ServiceUpdate = z.infer<typeof ServiceUpdateSchema>;

export const StackUpdateSchema = z.object({
  stackId: z.string(),
  stackName: z.string(),
  hostName: z.string().nullable(),
  /** Its services with an update available. */
  services: z.array(z.object({ serviceId: z.string(), serviceName: z.string(), newCreatedAt: z.string().nullable() })),
});
export type StackUpdate = z.infer<typeof StackUpdateSchema>;

export const UpdateJobSchema = z.object({
  enabled: z.boolean(),
  intervalHours: z.number().int(),
  running: z.boolean(),
  lastRunAt: z.string().nullable(),
  nextRunAt: z.string().nullable().describe("null while the job is off"),
  /** Tags the last run could not check, by class. */
  lastRunErrors: z.array(z.object({ tag: z.string(), errorClass: RegistryErrorClassSchema, message: z.string().nullable() })),
  lastRunTags: z.number().int().describe("tags the last run asked about"),
});
export type UpdateJob = z.infer<typeof UpdateJobSchema>;

export const UpdatesViewSchema = z.object({
  job: UpdateJobSchema,
  services: z.array(ServiceUpdateSchema),
  stacks: z.array(StackUpdateSchema),
});
export type UpdatesView = z.infer<typeof UpdatesViewSchema>;

export const StackUpdateStartedSchema = z.object({
  stackId: z.string(),
  serviceIds: z.array(z.string()).describe("the services rolled out, in this order, each with a forced pull"),
});
export type StackUpdateStarted = z.infer<typeof StackUpdateStartedSchema>;
