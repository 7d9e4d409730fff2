// Followed container logs: the control plane asks an agent to stream one container's lines under an
// unguessable stream id; the agent pushes bounded batches (with a count of lines it dropped over its
// caps) and one end event saying why the stream stopped.
import { z } from "zod";

/** Longest log line either side carries (longer lines are cut and marked). */
export const MAX_LOG_LINE_CHARS = 4000;
/** Lines one batch may carry, and the text bytes the agent packs into one (well under a frame). */
export const MAX_LOG_BATCH_LINES = 500;
export const MAX_LOG_BATCH_BYTES = 96 * 1024;
/** The most backlog lines a followed stream starts with. */
export const MAX_LOG_STREAM_TAIL = 5000;

/** 128 bits of randomness, base64url: not guessable, not reusable across streams. */
export const LogStreamIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, "a log stream id");

export const LogLineSchema = z.object({
  stream: z.enum(["stdout", "stderr"]),
  /** Docker's RFC 3339 timestamp of the line, when it gave one. */
  at: z.string().max(40).nullable(),
  text: z.string().max(MAX_LOG_LINE_CHARS + 1),
});
export type LogLine = z.infer<typeof LogLineSchema>;

export const LogEndReasonSchema = z.enum(["ended", "container_removed", "stopped", "error", "agent_limit"]);
export type LogEndReason = z.infer<typeof LogEndReasonSchema>;

const ContainerId = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/);

export const LogStreamRequests = {
  "logs/follow": {
    params: z.object({
      streamId: LogStreamIdSchema,
      containerId: ContainerId,
      tail: z.number().int().min(0).max(MAX_LOG_STREAM_TAIL).default(200),
      /** Unix seconds; lines before are skipped. */
      since: z.number().int().nonnegative().optional(),
      /** Unix seconds; lines after are skipped and the stream ends there (no following). */
      until: z.number().int().nonnegative().optional(),
      follow: z.boolean().default(true),
    }),
    result: z.object({ streamId: LogStreamIdSchema, tty: z.boolean() }),
  },
  "logs/stop": {
    params: z.object({ streamId: LogStreamIdSchema }),
    result: z.object({ stopped: z.boolean(), active: z.number().int().nonnegative() }),
  },
  "logs/active": {
    params: z.object({}),
    result: z.object({ active: z.number().int().nonnegative(), limit: z.number().int().positive() }),
  },
} as const;

export const LogStreamEvents = {
  "logs/batch": z.object({
    streamId: LogStreamIdSchema,
    lines: z.array(LogLineSchema).max(MAX_LOG_BATCH_LINES),
    /** Lines the agent dropped since the previous batch (over the stream's rate or byte cap). */
    dropped: z.number().int().nonnegative(),
  }),
  "logs/end": z.object({
    streamId: LogStreamIdSchema,
    reason: LogEndReasonSchema,
    message: z.string().max(1000).optional(),
  }),
} as const;
