// This instance's live headroom as `GET /api/v1/capacity` answers it: what it carries now and how
// the process is coping. The scale bench reads the same answer from outside during its runs.
import { z } from "zod";

export const CapacityLiveSchema = z.object({
  at: z.string(),
  agents: z.object({ enrolled: z.number().int(), connected: z.number().int() }),
  containers: z.number().int(),
  services: z.number().int(),
  checksPerMinute: z.number().nonnegative(),
  /** Live events published per second over the last minute, and browser streams open now. */
  eventsPerSecond: z.number().nonnegative(),
  eventStreams: z.number().int(),
  /** Events dropped for slow streams over the last minute (backpressure), if the bus counts them. */
  eventsDroppedPerMinute: z.number().nonnegative().nullable(),
  process: z.object({
    rssMb: z.number().nonnegative(),
    heapUsedMb: z.number().nonnegative(),
    /** Mean CPU of this process over the last minute, in cores. */
    cpuCores: z.number().nonnegative().nullable(),
    eventLoopLagP99Ms: z.number().nonnegative().nullable(),
    uptimeSeconds: z.number().nonnegative(),
  }),
  database: z.object({
    bytes: z.number().int().nonnegative().nullable(),
    /** A small timed write, sampled in the background: p95 over the last minute. */
    writeP95Ms: z.number().nonnegative().nullable(),
  }),
});
export type CapacityLive = z.infer<typeof CapacityLiveSchema>;
