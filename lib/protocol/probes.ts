// Probe messages: the control plane asks an agent to run checks once (`probe/run`) or hands it a
// schedule (`probe/schedule`, sent in chunks so no frame exceeds MAX_MESSAGE_BYTES); the agent
// pushes what its scheduled probes found (`probe/results`). Shapes come from the probe engine
// (lib/probes/engine), so a check is validated — safety rules included — on both sides. Results
// carry the route fingerprint (X-Homeport-Route) as an optional field: agents that predate it
// send none and are read as null. Expectations (exposure checks) are judged by the control plane,
// so agents report raw results. Results an agent kept while offline come later with their own
// times, and `dropped` (optional, likewise) counts what it could not keep.
import { z } from "zod";
import { CheckResultSchema, CheckSpecSchema, MAX_TIMEOUT_MS, VantageResultSchema } from "@/lib/probes/engine";

/** Checks in one `probe/run`: a handful, answered within one request timeout. */
export const MAX_PROBE_RUN_CHECKS = 50;
/** Checks in one `probe/schedule` chunk (each chunk is also kept under a byte budget by the hub). */
export const MAX_SCHEDULE_CHUNK_CHECKS = 500;
/** Chunks in one schedule: 200 × 500 checks is far beyond what one agent should probe. */
export const MAX_SCHEDULE_CHUNKS = 200;
/** Results in one `probe/results` event (the agent also keeps each event under a byte budget). */
export const MAX_PROBE_RESULTS_PER_EVENT = 500;
/** Serialized size the sender aims for per chunk or event, well under MAX_MESSAGE_BYTES. */
export const PROBE_FRAME_BUDGET_BYTES = 192 * 1024;

const TimeoutSchema = z.number().int().min(1).max(MAX_TIMEOUT_MS);

export const ProbeRunItemSchema = z.object({ spec: CheckSpecSchema, timeoutMs: TimeoutSchema.optional() });

/** One scheduled check, as the engine's ProbeScheduler wants it. */
export const ScheduledCheckSchema = z.object({
  id: z.string().min(1).max(64),
  intervalMs: z.number().int().min(1_000).max(86_400_000),
  timeoutMs: TimeoutSchema,
  spec: CheckSpecSchema,
});

/** Read-only for the host: probes connect out, nothing on the host changes. */
export const ProbeRequests = {
  "probe/run": {
    params: z.object({ checks: z.array(ProbeRunItemSchema).min(1).max(MAX_PROBE_RUN_CHECKS) }),
    result: z.object({ results: z.array(CheckResultSchema).max(MAX_PROBE_RUN_CHECKS).describe("one per check, in order") }),
  },
  "probe/schedule": {
    params: z
      .object({
        scheduleId: z.string().min(1).max(64).describe("the same for every chunk of one schedule"),
        chunk: z.number().int().min(0).max(MAX_SCHEDULE_CHUNKS - 1),
        chunks: z.number().int().min(1).max(MAX_SCHEDULE_CHUNKS),
        checks: z.array(ScheduledCheckSchema).max(MAX_SCHEDULE_CHUNK_CHECKS),
      })
      .refine((p) => p.chunk < p.chunks, { message: "chunk must be below chunks", path: ["chunk"] }),
    result: z.object({
      applied: z.boolean().describe("true once the last chunk arrived and the schedule replaced the previous one"),
      checks: z.number().int().nonnegative().describe("checks now scheduled (after the last chunk) or received so far"),
    }),
  },
} as const;

export const ProbeEvents = {
  "probe/results": z.object({
    results: z.array(VantageResultSchema).min(1).max(MAX_PROBE_RESULTS_PER_EVENT).describe("oldest first; results kept while offline arrive late, with their own times"),
    // Optional, so hubs and agents that predate it still understand each other (an older hub's
    // schema strips it).
    dropped: z.number().int().nonnegative().optional().describe("results the agent dropped from its offline buffer (count and age limits) since it last said so"),
  }),
} as const;

export type ScheduledCheckMessage = z.infer<typeof ScheduledCheckSchema>;
