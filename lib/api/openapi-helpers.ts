// Building blocks of the OpenAPI document of /api/v1 (lib/api/openapi.ts and each domain's
// lib/<domain>/openapi.ts): JSON Schema from the zod schemas the handlers parse, request bodies,
// responses, errors and parameters. Only zod here, so any domain may import it.
import { z } from "zod";

export type Json = Record<string, unknown>;

/** JSON Schema of what a client sends (defaults optional, before transforms). */
export const input = (s: z.ZodType): Json => z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Json;
/** JSON Schema of what the server answers (after defaults and transforms). */
export const output = (s: z.ZodType): Json => z.toJSONSchema(s, { io: "output", unrepresentable: "any" }) as Json;

type ObjectSchema = { type?: unknown; properties?: Record<string, Json>; required?: string[]; additionalProperties?: unknown };

/**
 * A body that is a union (or intersection) of objects keeps its oneOf/anyOf/allOf and also gets
 * `type: "object"` with every branch's properties, so clients and forms see the fields at the top;
 * it refuses unknown fields only when every branch does.
 */
function objectShaped(js: Json): Json {
  const key = (["oneOf", "anyOf", "allOf"] as const).find((k) => Array.isArray(js[k]));
  if (js.type !== undefined || !key || (js[key] as Json[]).length === 0) return js;
  const branches = (js[key] as Json[]).map((b) => objectShaped(b) as ObjectSchema);
  if (branches.some((b) => b.type !== "object")) return js;
  const properties: Record<string, Json> = {};
  for (const b of branches) Object.assign(properties, b.properties);
  const closed = key !== "allOf" && branches.every((b) => b.additionalProperties === false);
  const required = key === "allOf" ? [...new Set(branches.flatMap((b) => b.required ?? []))] : branches.map((b) => b.required ?? []).reduce((a, r) => a.filter((n) => r.includes(n)));
  return { ...js, type: "object", properties, ...(required.length ? { required } : {}), ...(closed ? { additionalProperties: false } : {}) };
}

/** A required JSON request body parsed with `s`. */
export const body = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: objectShaped(input(s)) } } });

/** A JSON success response of schema `s`. */
export const ok = (s: z.ZodType, status = "200") => ({ [status]: { description: "OK", content: { "application/json": { schema: output(s) } } } });

/** A success response without a body (204). */
export const noContent = (description = "No content") => ({ "204": { description } });

/** A Server-Sent Events stream. */
export const eventStream = (description: string) => ({ "200": { description, content: { "text/event-stream": { schema: { type: "string" } } } } });

/** Error responses `{ error: { code, message, issues? } }`, see components.schemas.Error. */
export const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));

/** A required `{name}` path parameter. */
export const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
export const idParam = pathParam("id");

/** One query parameter per property of `schema`, as the handler's parseQuery reads them. */
export function queryParams(schema: z.ZodObject): Json[] {
  const js = input(schema) as ObjectSchema;
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: "query", required: js.required?.includes(name) ?? false, schema: s }));
}

export { pageSchema } from "./pagination";

/** `{ items }`: an unpaginated list. */
export const itemsSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** `{ items, nextCursor: null }`: an unpaginated list in the shape of a page. */
export const unpagedSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.null() });

/**
 * Compile-time check that a handler's return type `T` fits the schema documenting it; returns the
 * schema. `documents<Plan>()(PlanSchema)` fails to type-check when the two drift apart.
 */
export const documents = <T>() => <S extends z.ZodType>(schema: S, ..._fits: [T] extends [z.output<S>] ? [] : ["the response type does not fit this schema"]): S => schema;
