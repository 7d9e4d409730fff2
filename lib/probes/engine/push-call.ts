// What a push (heartbeat URL) check's caller may send, and where its URL lives. Browser-safe: the
// API, the OpenAPI document and the check page's URL panel share it.
import { z } from "zod";

export const PUSH_PATH_PREFIX = "/api/v1/push/";
/** A push body (form or JSON) is at most this many bytes. */
export const MAX_PUSH_BODY_BYTES = 1024;
export const MAX_PUSH_MESSAGE_CHARS = 200;
export const MAX_PUSH_PING_MS = 600_000;

export const PushCallSchema = z.object({
  status: z.enum(["up", "down"]).default("up").describe("up (default) or down"),
  msg: z.string().max(MAX_PUSH_MESSAGE_CHARS).optional().describe("A short message stored with the result"),
  ping: z.coerce.number().min(0).max(MAX_PUSH_PING_MS).optional().describe("A duration in ms to chart as the latency"),
});
export type PushCall = z.infer<typeof PushCallSchema>;

/** The response of a push call. */
export const PushOutcomeSchema = z.object({
  ok: z.literal(true),
  recorded: z.boolean(),
  reason: z.string().optional().describe("Why the call was not recorded (the check is paused or disabled)"),
});
/** A freshly made push URL: its token, shown this once. */
export const PushUrlSchema = z.object({ token: z.string(), path: z.string().describe("The URL's path on Homeport's address: /api/v1/push/<token>") });
export const PushUrlStatusSchema = z.object({ configured: z.boolean() });
