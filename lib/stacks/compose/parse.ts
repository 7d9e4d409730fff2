// parseCompose: a docker-compose.yml plus the stack's .env values into a typed ComposeProject, or the
// errors with their key path, line and column. YAML → interpolation → the Compose specification
// schema → what Homeport supports. Never throws.
import { interpolateTree, type Env } from "./interpolate";
import { formatPath, IssueList, MAX_COMPOSE_ERRORS, type ComposeIssue, type KeyPath, type Locate } from "./issues";
import { normaliseProject } from "./project";
import { ComposeProjectSchema, type ComposeParseResult } from "./schemas";
import { validateSpec } from "./spec-schema";
import { loadYaml } from "./yaml-source";

export interface ParseComposeOptions {
  /** The stack's .env values (as parseEnvFile returns them); the only source of variables. */
  env?: Record<string, string>;
  /** The stack's name: containers are `<stack>-<service>`. */
  stackName: string;
}

const STACK_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/**
 * Entries in one list or map. Compose files need far fewer (Homeport's own limits are 200
 * variables, 64 ports, 100 services), and the schema check slows down quadratically past it.
 */
export const MAX_ENTRIES = 1000;

const fail = (errors: ComposeIssue[]): ComposeParseResult => ({ ok: false, errors: errors.slice(0, MAX_COMPOSE_ERRORS) });
const wholeFile = (message: string): ComposeIssue => ({ path: "", line: null, column: null, message });

/** YAML tags that build values JSON has no word for (`!!binary`, `!!set`, `!!timestamp`, …). */
function exoticValue(value: unknown, path: KeyPath = []): KeyPath | null {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = exoticValue(value[i], [...path, i]);
      if (p) return p;
    }
    return null;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      const p = exoticValue(v, [...path, k]);
      if (p) return p;
    }
    return null;
  }
  return path;
}

/** The first list or map with more than MAX_ENTRIES entries, breadth first. */
function oversized(value: unknown): KeyPath | null {
  const queue: [unknown, KeyPath][] = [[value, []]];
  for (let i = 0; i < queue.length; i++) {
    const [v, path] = queue[i]!;
    if (Array.isArray(v)) {
      if (v.length > MAX_ENTRIES) return path;
      v.forEach((item, j) => queue.push([item, [...path, j]]));
    } else if (v && typeof v === "object") {
      const entries = Object.entries(v);
      if (entries.length > MAX_ENTRIES) return path;
      for (const [k, child] of entries) queue.push([child, [...path, k]]);
    }
  }
  return null;
}

function run(text: string, opts: ParseComposeOptions): ComposeParseResult {
  if (typeof text !== "string") return fail([wholeFile("the Compose file must be text")]);
  if (typeof opts?.stackName !== "string" || !STACK_NAME.test(opts.stackName)) {
    return fail([wholeFile(`${JSON.stringify(String(opts?.stackName))} is not a stack name (lower-case letters, digits and inner hyphens)`)]);
  }
  const env: Env = Object.fromEntries(Object.entries(opts.env ?? {}).filter(([, v]) => typeof v === "string"));
  const loaded = loadYaml(text);
  if (!loaded.ok) return fail(loaded.errors.map((e) => ({ path: formatPath(e.path), line: e.line, column: e.column, message: e.message })));
  const locate: Locate = loaded.locate;
  const errors = new IssueList(locate);
  const warnings = new IssueList(locate);
  if (loaded.value === null || loaded.value === undefined) return fail([wholeFile("the file is empty: a stack needs at least one service")]);
  const exotic = exoticValue(loaded.value);
  if (exotic) {
    errors.add(exotic, "this YAML tag makes a value Compose does not take (binary, set, timestamp, …)");
    return fail(errors.items);
  }

  const doc = interpolateTree(loaded.value, env, {
    error: (path, message) => errors.add(path, message),
    unset: (path, names) => warnings.add(path, `${names.join(", ")} ${names.length > 1 ? "are" : "is"} not set in the stack's .env; using an empty string`),
  });
  if (errors.length) return fail(errors.items);

  const tooLong = oversized(doc);
  if (tooLong) {
    errors.add(tooLong, `more than ${MAX_ENTRIES} entries`, "key");
    return fail(errors.items);
  }
  for (const issue of validateSpec(doc)) errors.add(issue.path, issue.message, issue.at);
  if (errors.length) return fail(errors.items);

  const project = normaliseProject(doc as Record<string, unknown>, {
    env,
    stackName: opts.stackName,
    error: (path, message, at) => errors.add(path, message, at),
    warn: (path, message, at) => warnings.add(path, message, at),
    errorCount: () => errors.length,
  });
  if (!project || errors.length) return fail(errors.items.length ? errors.items : [wholeFile("the file could not be read")]);
  // The contract the rest of Homeport relies on; a failure here is a bug in the importer.
  const checked = ComposeProjectSchema.safeParse(project);
  if (!checked.success) {
    for (const issue of checked.error.issues) errors.add(issue.path.filter((p): p is string | number => typeof p !== "symbol"), issue.message);
    return fail(errors.items);
  }
  return { ok: true, project: checked.data, warnings: warnings.items };
}

/** Parses a Compose file into a ComposeProject, or lists what is wrong (at most 50 errors). */
export function parseCompose(text: string, opts: ParseComposeOptions): ComposeParseResult {
  try {
    return run(text, opts);
  } catch (e) {
    // Deep recursion in a dependency, or a bug: the user sees that the file was refused, not a trace.
    const tooDeep = e instanceof RangeError;
    return fail([wholeFile(tooDeep ? "the file is nested too deeply to read" : "the file could not be read")]);
  }
}
