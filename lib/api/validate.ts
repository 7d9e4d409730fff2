// Runs a zod schema over untrusted input without letting it throw: a refinement that throws (a bug
// in the schema, e.g. `new URL()` on what is not a URL) counts as a failed check of the field it is on.
import type { z } from "zod";
import { log } from "@/lib/log";
import { issuesFromZod, type FieldIssue } from "./errors";

/** How deep the search for the field whose check threw may go. */
const MAX_SEARCH_DEPTH = 16;
/** How many array items or record entries the search looks at. */
const MAX_SEARCH_ITEMS = 256;

export type Validated<T> = { ok: true; data: T } | { ok: false; issues: FieldIssue[] };

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  options?: z.ZodType[];
  getter?: () => z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
};

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const throwsOn = (s: z.ZodType, value: unknown): boolean => {
  try {
    s.safeParse(value);
    return false;
  } catch {
    return true;
  }
};

/** The children of a schema that check (parts of) `value`, with the path step each one adds. */
function children(s: z.ZodType, value: unknown): [z.ZodType, unknown, (string | number)[]][] {
  const d = defOf(s);
  const isObject = typeof value === "object" && value !== null;
  switch (d.type) {
    case "optional": case "nullable": case "default": case "prefault": case "catch": case "readonly": case "nonoptional":
      return d.innerType ? [[d.innerType, value, []]] : [];
    case "pipe":
      return d.in ? [[d.in, value, []]] : [];
    case "lazy":
      return d.getter ? [[d.getter(), value, []]] : [];
    case "union":
      return (d.options ?? []).map((o) => [o, value, []]);
    case "intersection":
      return [d.left, d.right].filter((x): x is z.ZodType => !!x).map((o) => [o, value, []]);
    case "object":
      return isObject && !Array.isArray(value)
        ? Object.entries(d.shape ?? {}).filter(([k]) => k in value).map(([k, c]) => [c, (value as Record<string, unknown>)[k], [k]])
        : [];
    case "array":
      return Array.isArray(value) && d.element ? value.slice(0, MAX_SEARCH_ITEMS).map((v, i) => [d.element!, v, [i]]) : [];
    case "tuple":
      return Array.isArray(value) ? (d.items ?? []).map((c, i) => [c, value[i], [i]]) : [];
    case "record":
      return isObject && d.valueType ? Object.entries(value).slice(0, MAX_SEARCH_ITEMS).map(([k, v]) => [d.valueType!, v, [k]]) : [];
    default:
      return [];
  }
}

/** The path of the innermost part of `value` whose check throws (empty when it is the whole value). */
export function throwingPath(schema: z.ZodType, value: unknown, depth = 0): (string | number)[] {
  if (depth >= MAX_SEARCH_DEPTH) return [];
  for (const [child, part, step] of children(schema, value)) {
    if (throwsOn(child, part)) return [...step, ...throwingPath(child, part, depth + 1)];
  }
  return [];
}

/** Like `schema.safeParse`, but a check that throws is a failed check on its field, never an exception. */
export function validate<T extends z.ZodType>(schema: T, value: unknown): Validated<z.infer<T>> {
  try {
    const r = schema.safeParse(value);
    return r.success ? { ok: true, data: r.data } : { ok: false, issues: issuesFromZod(r.error) };
  } catch (err) {
    const path = throwingPath(schema, value).map(String).join(".");
    log.warn("api", "a validator threw instead of failing; answered as invalid input", { path, error: err instanceof Error ? err.message : String(err) });
    return { ok: false, issues: [{ path, message: path ? "this value could not be checked" : "the input could not be checked" }] };
  }
}
