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
import { CapabilitySchema } from "./policy";

const DevicePath = z.string().max(256).regex(/^\/dev\/[A-Za-z0-9_./-]+$/, "a device under /dev");

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
  // Powers beyond the default sandbox. Absent means off; each is refused by the agent unless its
  // host policy allows it (lib/protocol/policy.ts), whatever the control plane says.
  privileged: z.boolean().optional(),
  hostNetwork: z.boolean().optional(),
  hostPid: z.boolean().optional(),
  capAdd: z.array(CapabilitySchema).max(32).optional(),
  devices: z.array(DevicePath).max(32).optional(),
  gpus: z.boolean().optional(),
});
export type ServiceSpec = z.infer<typeof ServiceSpecSchema>;
