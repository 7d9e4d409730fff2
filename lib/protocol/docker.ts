// zod schemas of the Docker state an agent reports: container summaries, engine info, stats.
import { z } from "zod";
import { SwarmInfoSchema } from "./swarm";

export const ContainerPortSchema = z.object({
  container: z.number().int().min(0).max(65535),
  host: z.number().int().min(0).max(65535).nullable(),
  hostIp: z.string().max(64).nullable(),
  protocol: z.string().max(8),
});

export const ContainerStateNameSchema = z.enum(["created", "running", "paused", "restarting", "removing", "exited", "dead"]);

export const ContainerSummarySchema = z.object({
  id: z.string().regex(/^[a-f0-9]{12,64}$/),
  name: z.string().max(256),
  image: z.string().max(512),
  state: ContainerStateNameSchema,
  status: z.string().max(256),
  health: z.enum(["starting", "healthy", "unhealthy"]).nullable(),
  exitCode: z.number().int().nullable(),
  managed: z.boolean(),
  serviceId: z.string().max(64).nullable(),
  specHash: z.string().max(64).nullable(),
  ports: z.array(ContainerPortSchema).max(128),
  startedAt: z.string().max(64).nullable(),
  /** The registry digest of the image it runs (its RepoDigest); null for a locally built image, absent from older agents. */
  imageDigest: z.string().regex(/^sha256:[a-f0-9]{64}$/).nullable().optional(),
});
export type ContainerSummary = z.infer<typeof ContainerSummarySchema>;

export const DockerInfoSchema = z.object({
  serverVersion: z.string().max(64),
  apiVersion: z.string().max(16),
  os: z.string().max(128),
  arch: z.string().max(32),
  containers: z.number().int().nonnegative(),
  images: z.number().int().nonnegative(),
  /** The engine's Swarm role; null outside a swarm, absent from older agents. */
  swarm: SwarmInfoSchema.nullable().optional(),
});
export type DockerInfo = z.infer<typeof DockerInfoSchema>;

export const ImageSummarySchema = z.object({
  id: z.string().max(128),
  tags: z.array(z.string().max(512)).max(64),
  sizeBytes: z.number().nonnegative(),
  createdAt: z.string().max(64),
});

export const StatsSampleSchema = z.object({
  containerId: z.string().max(64),
  serviceId: z.string().max(64).nullable(),
  cpuPercent: z.number().nonnegative(),
  memoryBytes: z.number().nonnegative(),
  memoryLimitBytes: z.number().nonnegative(),
  at: z.string().max(64),
});
export type StatsSample = z.infer<typeof StatsSampleSchema>;
