// Validates a Compose document against the official Compose specification schema (vendored,
// compose-spec.json, see README.md) with ajv, draft-07, and turns ajv's errors into keyed issues:
// unknown or misspelt keys (with a suggestion), wrong types, values outside an enum.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import composeSpec from "./compose-spec.json";
import type { KeyPath } from "./issues";

export interface SpecIssue {
  path: KeyPath;
  /** Place the issue at the key (unknown keys) rather than its value. */
  at: "key" | "value";
  message: string;
}

let compiled: ValidateFunction | null = null;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  // The file names draft-07 by an address ajv does not know; ajv's default meta-schema is draft-07.
  const { $schema: _meta, ...schema } = composeSpec as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  compiled = ajv.compile(schema);
  return compiled;
}

/** Edit distance, for "did you mean" (small strings only). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function suggestion(key: string, known: string[]): string {
  let best: string | null = null;
  let bestD = 3;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best ? ` (did you mean ${best}?)` : "";
}

/** JSON pointer segments to a key path, using the data to tell list indexes from map keys. */
function toPath(pointer: string, data: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      const i = Number(seg);
      out.push(i);
      node = node[i];
    } else {
      out.push(seg);
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = { object: "a map", array: "a list", string: "a string", number: "a number", integer: "a whole number", boolean: "true or false", null: "empty" };

function typeWords(types: string[]): string {
  const words = [...new Set(types.map((t) => TYPE_WORDS[t] ?? t))];
  return words.length <= 1 ? (words[0] ?? "another type") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function expectedTypes(e: ErrorObject): string[] {
  const t = (e.params as { type?: string | string[] }).type;
  return Array.isArray(t) ? t : t ? [t] : [];
}

const NAMED_SECTIONS: Record<string, string> = { services: "service", volumes: "volume", networks: "network", secrets: "secret", configs: "config" };

const isUnder = (child: string, parent: string) => child.startsWith(`${parent}/`);

/** Why the document breaks the Compose specification, one issue per offending key. */
export function validateSpec(data: unknown): SpecIssue[] {
  const validate = validator();
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== "oneOf" && e.keyword !== "anyOf");
  // A type error means "not this branch": drop it where another branch matched the type (an
  // error of another kind at the same place, or any error deeper down).
  const kept = errors.filter((e) => e.keyword !== "type"
    || !errors.some((o) => o !== e && ((o.instancePath === e.instancePath && o.keyword !== "type") || isUnder(o.instancePath, e.instancePath))));
  const issues: SpecIssue[] = [];
  const typeErrors = new Map<string, string[]>();
  for (const e of kept) {
    const path = toPath(e.instancePath, data);
    if (e.keyword === "type") {
      typeErrors.set(e.instancePath, [...(typeErrors.get(e.instancePath) ?? []), ...expectedTypes(e)]);
      continue;
    }
    if (e.keyword === "additionalProperties") {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const kind = path.length === 1 ? NAMED_SECTIONS[String(path[0])] : undefined;
      if (kind) {
        issues.push({ path: [...path, key], at: "key", message: `${JSON.stringify(key)} is not a valid ${kind} name (letters, digits, ".", "_" and "-")` });
        continue;
      }
      const where = path.length === 0 ? "a top-level key" : path.length === 2 && path[0] === "services" ? "a service key" : "a key here";
      issues.push({ path: [...path, key], at: "key", message: `${JSON.stringify(key)} is not ${where} in the Compose specification${suggestion(key, Object.keys(parent?.properties ?? {}))}` });
    } else if (e.keyword === "required") {
      issues.push({ path, at: "value", message: `${(e.params as { missingProperty: string }).missingProperty} is required here` });
    } else if (e.keyword === "enum") {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ");
      issues.push({ path, at: "value", message: `${JSON.stringify(e.data)} is not one of ${allowed}` });
    } else if (e.keyword === "uniqueItems") {
      const { i, j } = e.params as { i: number; j: number };
      issues.push({ path: [...path, i], at: "value", message: `duplicate entry (also at [${j}])` });
    } else if (e.keyword === "pattern") {
      issues.push({ path, at: "value", message: `${JSON.stringify(e.data)} does not match ${(e.params as { pattern: string }).pattern}` });
    } else if (e.keyword === "propertyNames" || e.keyword === "false schema") {
      issues.push({ path, at: "key", message: "this key is not allowed here" });
    } else {
      issues.push({ path, at: "value", message: e.message ?? "does not follow the Compose specification" });
    }
  }
  for (const [pointer, types] of typeErrors) {
    issues.push({ path: toPath(pointer, data), at: "value", message: `must be ${typeWords(types)}` });
  }
  return issues;
}
