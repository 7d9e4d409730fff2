// The systematic part of the fuzz: every top-level body field and every query parameter of every
// operation gets a few hostile values (drawn with the run's seed) inside an otherwise schema-shaped
// request, sent with full rights so that it reaches the handler. Random plans rarely hit one field
// of one operation; this makes sure each is hit.
import fc from "fast-check";
import { NASTY_NUMBERS, NASTY_STRINGS, shaped, type JsonSchema } from "./arbitraries";
import { poolKeyFor, type Operation } from "./operations";
import { pct, BAD_SEGMENTS } from "./requests";

/** Hostile values per field or parameter. */
const VALUES_PER_FIELD = 3;

export interface SweepRequest {
  op: Operation;
  method: string;
  path: string;
  body?: unknown;
}

/** The variants of a body schema (the members of a oneOf/anyOf, or the schema itself). */
function variants(s: JsonSchema): JsonSchema[] {
  return s.oneOf ?? s.anyOf ?? [s];
}

function pathFor(op: Operation, pools: Map<string, string[]>): string {
  return op.params.reduce((p, name) => {
    const pool = pools.get(poolKeyFor(op.template, name)) ?? [];
    return p.replace(`{${name}}`, pool.length > 0 ? pct(pool[0]!) : BAD_SEGMENTS[0]!);
  }, op.template);
}

export function sweepRequests(ops: Operation[], pools: Map<string, string[]>, seed: number): SweepRequest[] {
  const hostile = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(...NASTY_NUMBERS, null, [], {}, true) });
  const pick = (salt: number) => fc.sample(hostile, { numRuns: VALUES_PER_FIELD, seed: seed + salt });
  const out: SweepRequest[] = [];
  let salt = 0;
  for (const op of ops) {
    const path = pathFor(op, pools);
    for (const v of op.body ? variants(op.body) : []) {
      const base = fc.sample(shaped(v), { numRuns: 1, seed: seed + salt })[0];
      if (!base || typeof base !== "object" || Array.isArray(base)) continue;
      for (const field of Object.keys(v.properties ?? {})) {
        for (const bad of pick(++salt)) {
          out.push({ op, method: op.method, path, body: { ...(base as Record<string, unknown>), [field]: bad } });
        }
      }
    }
    for (const q of op.query) {
      for (const bad of pick(++salt)) {
        const value = typeof bad === "string" ? bad : JSON.stringify(bad);
        out.push({ op, method: op.method, path: `${path}?${pct(q.name)}=${pct(value)}` });
      }
    }
  }
  return out;
}
