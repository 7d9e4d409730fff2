// fast-check arbitraries for fuzzing the API: values shaped by a JSON Schema (as the OpenAPI document
// and z.toJSONSchema give them), the same with mutations, and hostile scalars. Every address in them
// is loopback or from the documentation ranges, so a value the server acts on reaches nothing real.
import fc from "fast-check";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
}

/** How deep generated values nest. */
const MAX_DEPTH = 6;
/** Longest generated array (schemas allow more; the body cap is tested separately). */
const MAX_ARRAY = 6;

/** Strings that broke parsers before, or could: URLs that do not parse, odd addresses, escapes, traversal, unicode. */
export const NASTY_STRINGS = [
  "", " ", "::1", "[::1]", "http://", "http://[", "http://[::1", "//127.0.0.1", "http://user:pw@127.0.0.1:2019", "http://127.0.0.1:2019",
  "http://[::1]:2019", "https://127.0.0.1:1/", "ftp://127.0.0.1/", "javascript:alert(1)", "file:///etc/passwd", "http://169.254.169.254/latest",
  "http://0.0.0.0:0", "http://127.0.0.1:99999", "127.0.0.1", "127.0.0.1:53", "[::1]:53", "::ffff:169.254.169.254", "198.51.100.7", "203.0.113.9:8443",
  "app.home.arpa", "xn--zz.home.arpa", "a..b", "-a.example", "%", "%zz", "%00", "..", "../../etc/passwd", "/", "/var/run/docker.sock",
  "\u0000", "\n\r", "\ud800", "😀".repeat(40), "ä.home.arpa", "<script>alert(1)</script>", "' OR 1=1 --", "${jndi:ldap://127.0.0.1/a}",
  "__proto__", "constructor", "toString", "null", "true", "1e400", "-0", "NaN", "9".repeat(40), "a".repeat(300), "x".repeat(5000),
  "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "Bearer x", "2026-13-45T99:99:99Z", "1970-01-01T00:00:00.000Z",
];

export const NASTY_NUMBERS = [0, -0, -1, 1, 0.5, -1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324, 65535, 65536];

const safeStringMatching = (pattern: string): fc.Arbitrary<string> | null => {
  try {
    return fc.stringMatching(new RegExp(pattern)).filter((s) => s.length <= 400);
  } catch {
    return null;
  }
};

/** Hostile scalars and small structures of every JSON type. */
export function nastyValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { "": null }, JSON.parse('{"__proto__":{"admin":true}}') as unknown) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

interface Ctx {
  root: Record<string, unknown>;
  depth: number;
}

function resolveRef(ref: string, ctx: Ctx): JsonSchema {
  const parts = ref.replace(/^#\//, "").split("/");
  let cur: unknown = ctx.root;
  for (const p of parts) cur = (cur as Record<string, unknown> | undefined)?.[p];
  return (cur as JsonSchema | undefined) ?? {};
}

/** A string for the schema: mostly one it describes, sometimes a hostile one. */
function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: describedString(s) }, { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS) });
}

function describedString(s: JsonSchema): fc.Arbitrary<string> {
  const byFormat: Record<string, fc.Arbitrary<string>> = {
    uri: fc.constantFrom("http://127.0.0.1:2019", "http://[::1]:8080", "https://127.0.0.1:8443/", "http://198.51.100.10:80"),
    url: fc.constantFrom("http://127.0.0.1:2019", "http://[::1]:8080"),
    email: fc.constantFrom("ops@home.arpa", "a@b.example"),
    "date-time": fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
    uuid: fc.uuid(),
    ipv4: fc.constantFrom("127.0.0.1", "198.51.100.7", "203.0.113.5"),
    ipv6: fc.constantFrom("::1", "2001:db8::1"),
    hostname: fc.constantFrom("app.home.arpa", "svc.lan.example"),
  };
  const fromFormat = s.format ? byFormat[s.format] : undefined;
  if (fromFormat) return fromFormat;
  if (s.pattern) {
    const m = safeStringMatching(s.pattern);
    if (m) return m;
  }
  return fc.string({ minLength: Math.min(s.minLength ?? 0, 64), maxLength: Math.min(s.maxLength ?? 24, 64) });
}

function numberFor(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-6) : -1000);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-6) : 100_000);
  const lo = Math.max(min, -Number.MAX_SAFE_INTEGER);
  const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (lo > hi) return fc.constant(lo);
  return integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** Values of the schema's shape; most pass a lenient validator, refinements aside. */
export function shaped(schema: JsonSchema, root: Record<string, unknown> = {}, depth = 0): fc.Arbitrary<unknown> {
  return shapedIn(schema, { root, depth });
}

function shapedIn(s: JsonSchema, ctx: Ctx): fc.Arbitrary<unknown> {
  if (ctx.depth > MAX_DEPTH) return fc.constant(null);
  const next: Ctx = { ...ctx, depth: ctx.depth + 1 };
  if (s.$ref) return shapedIn(resolveRef(s.$ref, ctx), next);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) return fc.oneof(...union.map((u) => shapedIn(u, next)));
  if (s.allOf?.length) return shapedIn(Object.assign({}, ...s.allOf) as JsonSchema, next);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type ?? (s.properties ? "object" : undefined)) {
    case "string": return stringFor(s);
    case "integer": return numberFor(s, true);
    case "number": return numberFor(s, false);
    case "boolean": return fc.boolean();
    case "null": return fc.constant(null);
    case "array": {
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => shapedIn(p, next)));
      const min = Math.min(s.minItems ?? 0, MAX_ARRAY);
      return fc.array(s.items ? shapedIn(s.items, next) : nastyValue(), { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? MAX_ARRAY, MAX_ARRAY)) });
    }
    case "object": {
      const props = s.properties ?? {};
      if (Object.keys(props).length === 0 && s.additionalProperties && typeof s.additionalProperties === "object") {
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), shapedIn(s.additionalProperties, next), { maxKeys: 4 });
      }
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, shapedIn(v, next)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default: return nastyValue();
  }
}

/** Shaped values with one kind of damage: a field made hostile, a required field dropped, an unknown field, the wrong type. */
export function mutated(schema: JsonSchema, root: Record<string, unknown> = {}): fc.Arbitrary<unknown> {
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length && !schema.properties) return fc.oneof(...variants.map((v) => mutated(v, root)));
  const base = shaped(schema, root);
  const keys = Object.keys(schema.properties ?? {});
  const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {});
  const hostile = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) }, { weight: 1, arbitrary: nastyValue() });
  const fieldMutations = keys.length === 0 ? [] : [
    { weight: 4, arbitrary: fc.tuple(base, fc.constantFrom(...keys), hostile).map(([v, k, bad]) => ({ ...asObject(v), [k]: bad })) },
    { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...keys)).map(([v, k]) => {
      const o = asObject(v);
      delete o[k];
      return o;
    }) },
  ];
  return fc.oneof(
    ...fieldMutations,
    { weight: 1, arbitrary: fc.tuple(base, fc.string({ minLength: 1, maxLength: 12 }), nastyValue()).map(([v, k, bad]) => ({ ...asObject(v), [k]: bad })) },
    { weight: 1, arbitrary: fc.tuple(base, nastyValue()).map(([v, bad]) => (Array.isArray(v) ? [...v, bad] : typeof v === "object" && v !== null ? [v] : bad)) },
  );
}

/** Anything a client could put in a JSON body for this schema: shaped, mutated, or arbitrary. */
export function bodyFor(schema: JsonSchema | undefined, root: Record<string, unknown> = {}): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(nastyValue(), fc.jsonValue({ maxDepth: 3 }));
  return fc.oneof(
    { weight: 3, arbitrary: shaped(schema, root) },
    { weight: 4, arbitrary: mutated(schema, root) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: nastyValue() },
  );
}
