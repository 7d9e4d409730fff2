// zod schemas of image presence (which images a stack or host needs, and whether its agent holds
// them), shared by the API, its OpenAPI entries and the Images cards.
import { z } from "zod";

/** How a missing image would be pulled: through the LAN mirror, from a LAN registry, or over the internet. */
export const PullSourceSchema = z.enum(["mirror", "lan", "internet"]);
export type PullSource = z.infer<typeof PullSourceSchema>;

export const ImageUserSchema = z.object({
  kind: z.enum(["service", "stack"]),
  id: z.string().describe("the service's or stack's id; a stack's service not yet applied has no id, so its name stands in"),
  name: z.string(),
});

export const ImageNeedSchema = z.object({
  image: z.string(),
  present: z.boolean().nullable().describe("null: the host's agent is not connected, so it cannot be told"),
  source: PullSourceSchema.describe("where a pull of it would come from"),
  usedBy: z.array(ImageUserSchema).describe("the services and stacks that need it"),
});
export type ImageNeed = z.infer<typeof ImageNeedSchema>;

export const ImagePresenceSchema = z.object({
  hostId: z.string().nullable(),
  hostName: z.string().nullable(),
  connected: z.boolean().describe("whether the host's agent answered; when false every image's presence is null"),
  mirror: z.string().nullable().describe("the LAN registry mirror Docker Hub images are pulled through, if set"),
  checkedAt: z.string(),
  summary: z.object({ total: z.number().int(), present: z.number().int(), missing: z.number().int(), unknown: z.number().int(), needInternet: z.number().int() }),
  message: z.string().describe("one sentence that leads with what is missing"),
  images: z.array(ImageNeedSchema),
});
export type ImagePresence = z.infer<typeof ImagePresenceSchema>;
