// Browser-safe shapes of followed logs: the query of the stream routes and the NDJSON chunks they
// answer with (the viewer imports the types; the OpenAPI document the schemas).
import { z } from "zod";
import { LogEndReasonSchema, LogLineSchema, MAX_LOG_STREAM_TAIL } from "@/lib/protocol/log-stream";

const Bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const LogStreamQuerySchema = z.object({
  follow: Bool.default(true).describe("keep the response open and stream new lines as Docker emits them"),
  tail: z.coerce.number().int().min(0).max(MAX_LOG_STREAM_TAIL).default(200).describe("backlog lines per container"),
  since: z.iso.datetime({ offset: true }).optional().describe("only lines at or after this instant"),
  until: z.iso.datetime({ offset: true }).optional().describe("only lines up to this instant (the stream then ends: no following)"),
  format: z.enum(["ndjson", "text"]).default("ndjson").describe("text: a plain-text download (attachment) of the range"),
  service: z.string().min(1).max(64).optional().describe("stacks only: one service (its Compose key)"),
});
export type LogStreamQuery = z.infer<typeof LogStreamQuerySchema>;

export const LogSourceViewSchema = z.object({
  /** Index used by the other chunks. */
  src: z.number().int().nonnegative(),
  /** What the viewer tags lines with: the container's name, or the stack service's key. */
  label: z.string(),
  service: z.string().nullable(),
  container: z.string(),
  state: z.string(),
});
export type LogSourceView = z.infer<typeof LogSourceViewSchema>;

export const LogStreamEndSchema = z.union([LogEndReasonSchema, z.literal("agent_disconnected")]);

export const LogChunkSchema = z.discriminatedUnion("t", [
  z.object({ t: z.literal("sources"), sources: z.array(LogSourceViewSchema), missing: z.array(z.object({ label: z.string(), reason: z.string() })) }),
  z.object({ t: z.literal("lines"), src: z.number().int(), lines: z.array(LogLineSchema) }),
  z.object({ t: z.literal("dropped"), src: z.number().int(), count: z.number().int().positive().describe("lines left out here (over a rate or byte cap)") }),
  z.object({ t: z.literal("end"), src: z.number().int(), reason: LogStreamEndSchema, message: z.string().optional() }),
  z.object({ t: z.literal("done"), reason: z.enum(["ended", "revoked", "expired", "forbidden"]) }),
]);
export type LogChunk = z.infer<typeof LogChunkSchema>;
