// Envelopes: `{ v, type, id, params }` requests, `{ v, type: "result", id, ok, result | error }`
// results, `{ v, type, params }` pushed events and `{ v, type: "protocol/error", … }` refusals.
import { z } from "zod";
import { PROTOCOL_VERSION } from "./constants";
import {
  AgentEvents,
  ProtocolErrorSchema,
  REQUEST_TYPES,
  type AgentEventParams,
  type AgentEventType,
  type ProtocolError,
  type RequestParamsInput,
  type RequestType,
} from "./messages";

export const RequestIdSchema = z.string().min(1).max(64);

/** The common head of every frame; checked first so a version mismatch is named as such. */
export const HeadSchema = z.object({ v: z.number().int(), type: z.string().min(1).max(64) }).loose();

export const RequestEnvelopeSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  type: z.enum(REQUEST_TYPES as [RequestType, ...RequestType[]]),
  id: RequestIdSchema,
  params: z.unknown(),
});

export const ResultEnvelopeSchema = z.discriminatedUnion("ok", [
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal("result"), id: RequestIdSchema, ok: z.literal(true), result: z.unknown() }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal("result"), id: RequestIdSchema, ok: z.literal(false), error: ProtocolErrorSchema }),
]);

export const ProtocolErrorEnvelopeSchema = z.object({
  v: z.number().int(),
  type: z.literal("protocol/error"),
  id: RequestIdSchema.nullable(),
  error: ProtocolErrorSchema,
});

export const EventEnvelopeSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  type: z.enum(Object.keys(AgentEvents) as [AgentEventType, ...AgentEventType[]]),
  params: z.unknown(),
});

export type RequestEnvelope = z.infer<typeof RequestEnvelopeSchema>;
export type ResultEnvelope = z.infer<typeof ResultEnvelopeSchema>;

export const requestFrame = <T extends RequestType>(type: T, id: string, params: RequestParamsInput<T>) =>
  JSON.stringify({ v: PROTOCOL_VERSION, type, id, params });

export const resultFrame = (id: string, result: unknown) =>
  JSON.stringify({ v: PROTOCOL_VERSION, type: "result", id, ok: true, result });

export const errorResultFrame = (id: string, error: ProtocolError) =>
  JSON.stringify({ v: PROTOCOL_VERSION, type: "result", id, ok: false, error });

export const protocolErrorFrame = (id: string | null, error: ProtocolError) =>
  JSON.stringify({ v: PROTOCOL_VERSION, type: "protocol/error", id, error });

export const eventFrame = <T extends AgentEventType>(type: T, params: AgentEventParams<T>) =>
  JSON.stringify({ v: PROTOCOL_VERSION, type, params });
