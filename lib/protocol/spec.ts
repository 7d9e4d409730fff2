// The service spec an agent applies: the inventory's service fields plus its id, as the control
// plane sends it in `service/apply`. Shapes come from lib/inventory/schemas (one source of truth).
import { z } from "zod";
import {
  EgressSchema,
  HealthcheckSchema,
  ImageSchema,
  PortSchema,
  RestartPolicySchema,
  VolumeSchema,
} from "@/lib/inventory/schemas";
import { refineRuntime, runtimeFields } from "@/lib/inventory/runtime";

/** A user-defined Docker network a stack service joins, with the names it answers to there. */
export const NetworkAttachmentSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,127}$/, "a network name"),
  aliases: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/)).max(16).default([]),
  /** `internal`: no route out (the stack's egress-offline network). */
  internal: z.boolean().default(false),
}).strict();
export type NetworkAttachment = z.infer<typeof NetworkAttachmentSchema>;

export const ServiceSpecSchema = z.object({
  serviceId: z.string().min(1).max(64),
  name: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
  image: ImageSchema,
  command: z.array(z.string().max(4096)).max(64),
  env: z.record(z.string().max(128), z.string().max(8192)),
  ports: z.array(PortSchema).max(64),
  volumes: z.array(VolumeSchema).max(64),
  healthcheck: HealthcheckSchema.nullable(),
  restartPolicy: RestartPolicySchema,
  egress: EgressSchema,
  // Docker options beyond the basics (lib/inventory/runtime.ts), flattened in; absent = default,
  // so a service that sets none keeps its hash. The power fields among them (privileged,
  // hostNetwork, hostPid, capAdd, devices, gpus) are refused by the agent unless its host policy
  // allows them (lib/protocol/policy.ts), whatever the control plane says.
  ...runtimeFields,
  /** The stack this service belongs to (its name); labels the container and its networks. */
  stack: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/).optional(),
  /** Networks to join instead of the default bridge (stacks: one private network per stack). */
  networks: z.array(NetworkAttachmentSchema).min(1).max(8).optional(),
}).superRefine(refineRuntime);
export type ServiceSpec = z.infer<typeof ServiceSpecSchema>;
