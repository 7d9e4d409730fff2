// parseMessage: raw WebSocket frame → a typed message or a typed error. It never throws: garbage,
// oversized frames, other protocol versions and unknown types all come back as `{ ok: false }`,
// with the request id when one could be read (so the sender can be answered).
import type { z } from "zod";
import { MAX_MESSAGE_BYTES, PROTOCOL_VERSION } from "./constants";
import {
  EventEnvelopeSchema,
  HeadSchema,
  ProtocolErrorEnvelopeSchema,
  RequestEnvelopeSchema,
  ResultEnvelopeSchema,
} from "./envelope";
import {
  AgentEvents,
  Requests,
  type AgentEventParams,
  type AgentEventType,
  type ProtocolError,
  type RequestParams,
  type RequestResult,
  type RequestType,
} from "./messages";

export type ParsedRequest = { [K in RequestType]: { kind: "request"; type: K; id: string; params: RequestParams<K> } }[RequestType];
export type ParsedEvent = { [K in AgentEventType]: { kind: "event"; type: K; params: AgentEventParams<K> } }[AgentEventType];
export type ParsedResult =
  | { kind: "result"; id: string; ok: true; result: unknown }
  | { kind: "result"; id: string; ok: false; error: ProtocolError };
export type ParsedProtocolError = { kind: "protocol/error"; id: string | null; error: ProtocolError };
export type ParsedMessage = ParsedRequest | ParsedEvent | ParsedResult | ParsedProtocolError;

export type ParseOutcome<T = ParsedMessage> = { ok: true; message: T } | { ok: false; id: string | null; error: ProtocolError };

const fail = (code: ProtocolError["code"], message: string, id: string | null = null): ParseOutcome<never> => ({
  ok: false,
  id,
  error: { code, message },
});

function byteLength(raw: string | Buffer | ArrayBuffer | Buffer[]): number {
  if (typeof raw === "string") return Buffer.byteLength(raw);
  if (Array.isArray(raw)) return raw.reduce((n, b) => n + b.byteLength, 0);
  return raw.byteLength;
}

function toText(raw: string | Buffer | ArrayBuffer | Buffer[]): string {
  if (typeof raw === "string") return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw).toString("utf8");
  return Buffer.from(raw as ArrayBuffer).toString("utf8");
}

function summarize(err: z.ZodError): string {
  const i = err.issues[0];
  return i ? `${i.path.map(String).join(".") || "(root)"}: ${i.message}` : "invalid";
}

/**
 * Parses one frame. `maxBytes` defaults to MAX_MESSAGE_BYTES. `admitEvent`, when given, is asked
 * about each event's type before its params are validated: an event it refuses comes back as
 * `rate_limited` without the (costly) validation, so a flood is dropped cheaply.
 */
export function parseMessage(raw: string | Buffer | ArrayBuffer | Buffer[], maxBytes = MAX_MESSAGE_BYTES, admitEvent?: (type: AgentEventType) => boolean): ParseOutcome {
  try {
    if (byteLength(raw) > maxBytes) return fail("too_large", `message exceeds ${maxBytes} bytes`);
    let data: unknown;
    try {
      data = JSON.parse(toText(raw));
    } catch {
      return fail("malformed", "not JSON");
    }
    const head = HeadSchema.safeParse(data);
    if (!head.success) return fail("malformed", `not an envelope (${summarize(head.error)})`);
    const rawId = (data as { id?: unknown }).id;
    const id = typeof rawId === "string" && rawId.length <= 64 ? rawId : null;
    if (head.data.v !== PROTOCOL_VERSION) {
      return fail("version_mismatch", `protocol version ${head.data.v} is not supported (this side speaks ${PROTOCOL_VERSION})`, id);
    }
    const type = head.data.type;
    if (type === "result") {
      const r = ResultEnvelopeSchema.safeParse(data);
      if (!r.success) return fail("malformed", `bad result (${summarize(r.error)})`, id);
      const m = r.data;
      return { ok: true, message: m.ok ? { kind: "result", id: m.id, ok: true, result: m.result } : { kind: "result", id: m.id, ok: false, error: m.error } };
    }
    if (type === "protocol/error") {
      const r = ProtocolErrorEnvelopeSchema.safeParse(data);
      if (!r.success) return fail("malformed", `bad protocol/error (${summarize(r.error)})`, id);
      return { ok: true, message: { kind: "protocol/error", id: r.data.id, error: r.data.error } };
    }
    if (Object.hasOwn(Requests, type)) {
      const env = RequestEnvelopeSchema.safeParse(data);
      if (!env.success) return fail("malformed", `bad request envelope (${summarize(env.error)})`, id);
      const t = env.data.type;
      const params = Requests[t].params.safeParse(env.data.params ?? {});
      if (!params.success) return fail("invalid_params", `${t}: ${summarize(params.error)}`, env.data.id);
      return { ok: true, message: { kind: "request", type: t, id: env.data.id, params: params.data } as ParsedRequest };
    }
    if (Object.hasOwn(AgentEvents, type)) {
      if (admitEvent && !admitEvent(type as AgentEventType)) return fail("rate_limited", `${type.slice(0, 64)} over its rate`);
      const env = EventEnvelopeSchema.safeParse(data);
      if (!env.success) return fail("malformed", `bad event envelope (${summarize(env.error)})`);
      const t = env.data.type;
      const params = AgentEvents[t].safeParse(env.data.params);
      if (!params.success) return fail("invalid_params", `${t}: ${summarize(params.error)}`);
      return { ok: true, message: { kind: "event", type: t, params: params.data } as ParsedEvent };
    }
    return fail("unknown_type", `unknown message type "${type.slice(0, 64)}"`, id);
  } catch (err) {
    // Defensive: a schema bug must not take a connection down.
    return fail("internal", `could not parse message: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Validates a result payload against the result schema of the request it answers. */
export function parseResult<T extends RequestType>(type: T, result: unknown): ParseOutcome<RequestResult<T>> {
  const schema: z.ZodType = Requests[type].result;
  const r = schema.safeParse(result);
  return r.success ? { ok: true, message: r.data as RequestResult<T> } : fail("malformed", `${type} result: ${summarize(r.error)}`);
}
