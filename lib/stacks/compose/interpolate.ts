// Compose variable interpolation ($VAR, ${VAR}, ${VAR:-default}, ${VAR:?message}, ${VAR:+alt}, $$, nested
// defaults) on a document's scalar values, from the stack's .env values only (never process.env).
import type { KeyPath } from "./issues";

/** Nested `${…}` inside a default or alternative, e.g. `${A:-${B:-${C}}}`. */
export const MAX_INTERPOLATION_DEPTH = 16;

export type Env = Readonly<Record<string, string>>;
export type Interpolated = { ok: true; value: string; unset: string[] } | { ok: false; message: string };

const NAME_START = /[_A-Za-z]/;
const NAME_CHAR = /[_A-Za-z0-9]/;
const OPERATORS = [":-", ":?", ":+", "-", "?", "+"] as const;
type Operator = (typeof OPERATORS)[number];

class InterpolationError extends Error {}

const invalid = (input: string) =>
  new InterpolationError(`invalid interpolation format in ${JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}…` : input)}: you may need to escape any $ with another $`);

function readName(s: string, i: number): number {
  if (i >= s.length || !NAME_START.test(s[i]!)) return i;
  let j = i + 1;
  while (j < s.length && NAME_CHAR.test(s[j]!)) j++;
  return j;
}

/** Index of the `}` closing a `${` whose body starts at `from`, counting nested `${…}`. */
function closingBrace(s: string, from: number): number {
  let depth = 1;
  for (let k = from; k < s.length; k++) {
    if (s[k] === "$" && s[k + 1] === "$") k++;
    else if (s[k] === "$" && s[k + 1] === "{") {
      depth++;
      k++;
    } else if (s[k] === "}" && --depth === 0) return k;
  }
  return -1;
}

interface Visitor {
  /** The value of a variable, or undefined when unset. */
  lookup(name: string): string | undefined;
  /** Called for every name read; `required` when its absence is an error. */
  seen?(name: string, required: boolean): void;
  /** Collect mode: evaluate every branch (for referencedVariables). */
  allBranches?: boolean;
}

function run(s: string, v: Visitor, unset: Set<string>, depth: number): string {
  if (depth > MAX_INTERPOLATION_DEPTH) throw new InterpolationError(`interpolation nested more than ${MAX_INTERPOLATION_DEPTH} levels deep`);
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
      continue;
    }
    const nameEnd = readName(s, i + 1);
    if (nameEnd > i + 1) {
      const name = s.slice(i + 1, nameEnd);
      v.seen?.(name, false);
      const val = v.lookup(name);
      if (val === undefined) unset.add(name);
      out += val ?? "";
      i = nameEnd;
      continue;
    }
    if (next !== "{") throw invalid(s);
    const end = readName(s, i + 2);
    if (end === i + 2) throw invalid(s);
    const name = s.slice(i + 2, end);
    if (s[end] === "}") {
      v.seen?.(name, false);
      const val = v.lookup(name);
      if (val === undefined) unset.add(name);
      out += val ?? "";
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => s.startsWith(o, end)) as Operator | undefined;
    if (!op) throw invalid(s);
    const argStart = end + op.length;
    const close = closingBrace(s, argStart);
    if (close < 0) throw invalid(s);
    const arg = s.slice(argStart, close);
    out += evaluate(name, op, arg, v, unset, depth);
    i = close + 1;
  }
  return out;
}

function evaluate(name: string, op: Operator, arg: string, v: Visitor, unset: Set<string>, depth: number): string {
  v.seen?.(name, op.endsWith("?"));
  const val = v.lookup(name);
  const isSet = val !== undefined;
  const nonEmpty = isSet && val !== "";
  if (v.allBranches && op !== ":?" && op !== "?") run(arg, v, unset, depth + 1);
  switch (op) {
    case ":-":
      return nonEmpty ? val : run(arg, v, unset, depth + 1);
    case "-":
      return isSet ? val : run(arg, v, unset, depth + 1);
    case ":+":
      return nonEmpty ? run(arg, v, unset, depth + 1) : "";
    case "+":
      return isSet ? run(arg, v, unset, depth + 1) : "";
    case ":?":
    case "?":
      if (op === ":?" ? nonEmpty : isSet) return val!;
      if (v.allBranches) return "";
      throw new InterpolationError(`required variable ${name} is missing a value${arg ? `: ${arg}` : ""}`);
  }
}

/** Interpolates one string; unset variables without a default become "" and are listed in `unset`. */
export function interpolate(input: string, env: Env): Interpolated {
  const unset = new Set<string>();
  try {
    const value = run(input, { lookup: (n) => (Object.hasOwn(env, n) ? env[n] : undefined) }, unset, 0);
    return { ok: true, value, unset: [...unset] };
  } catch (e) {
    if (e instanceof InterpolationError) return { ok: false, message: e.message };
    return { ok: false, message: "this value could not be interpolated" };
  }
}

/** The variable names one string uses (every branch), or null when it is not valid interpolation. */
export function variablesIn(input: string): string[] | null {
  const names = new Set<string>();
  try {
    run(input, { lookup: () => undefined, seen: (n) => names.add(n), allBranches: true }, new Set(), 0);
    return [...names];
  } catch {
    return null;
  }
}

export interface InterpolationSink {
  error(path: KeyPath, message: string): void;
  unset(path: KeyPath, names: string[]): void;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * A copy of a parsed document with every string value interpolated (keys are not). Extension
 * fields (`x-*`) at the top level and in services are left as they are: they are ignored, and what
 * a service takes from them through an alias or `<<` is interpolated where it lands. Each distinct
 * string is interpolated once (an anchor aliased thousands of times costs one pass).
 */
export function interpolateTree(value: unknown, env: Env, sink: InterpolationSink): unknown {
  const cache = new Map<string, Interpolated>();
  const walk = (v: unknown, path: KeyPath): unknown => {
    if (typeof v === "string") {
      if (!v.includes("$")) return v;
      let r = cache.get(v);
      if (!r) {
        r = interpolate(v, env);
        cache.set(v, r);
      }
      if (!r.ok) {
        sink.error(path, r.message);
        return v;
      }
      if (r.unset.length) sink.unset(path, r.unset);
      return r.value;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (isPlainObject(v)) {
      const skipExtensions = path.length === 0 || (path.length === 2 && path[0] === "services");
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) {
        const copy = skipExtensions && k.startsWith("x-") ? child : walk(child, [...path, k]);
        // defineProperty: a key named __proto__ stays a key.
        Object.defineProperty(out, k, { value: copy, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return walk(value, []);
}
