// Property: no zod schema in lib/ throws on any input. A refinement that throws (e.g. `new URL()` on
// what is not a URL) turned a bad request into a 500; lib/api/validate.ts now contains that, and this
// test finds the schemas that still do it. Every module exporting `…Schema` constants is covered.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { z } from "zod";
import { bodyFor, NASTY_NUMBERS, NASTY_STRINGS, shaped, type JsonSchema } from "./arbitraries";

/** Runs per schema; fast, since parsing is pure. */
const RUNS_PER_SCHEMA = 150;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const LIB = join(process.cwd(), "lib");

function schemaModules(dir = LIB): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : schemaModules(full);
    if (!/\.ts$/.test(d.name) || /\.test\.ts$/.test(d.name)) return [];
    return /^export const \w+Schema\b/m.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

function jsonSchemaOf(s: z.ZodType): JsonSchema | undefined {
  try {
    return z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return undefined;
  }
}

const modules = schemaModules();

describe(`zod schemas under lib/ never throw (seed ${SEED})`, () => {
  it("finds the schema modules", () => {
    expect(modules.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of modules) {
    it(relative(process.cwd(), file), async () => {
      console.log(`schemas-never-throw seed=${SEED} module=${relative(process.cwd(), file)}`);
      const mod = (await import(file)) as Record<string, unknown>;
      const schemas = Object.entries(mod).filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType);
      const thrown: string[] = [];
      for (const [name, schema] of schemas) {
        const js = jsonSchemaOf(schema);
        // Every top-level field of a shaped value, replaced by each hostile value in turn.
        const base = js ? fc.sample(shaped(js), { numRuns: 1, seed: SEED })[0] : undefined;
        if (js?.properties && base && typeof base === "object" && !Array.isArray(base)) {
          for (const field of Object.keys(js.properties)) {
            for (const bad of [...NASTY_STRINGS, ...NASTY_NUMBERS, null, [], {}, [""]]) {
              const v = { ...(base as Record<string, unknown>), [field]: bad };
              try {
                schema.safeParse(v);
              } catch (err) {
                thrown.push(`${name}: ${JSON.stringify(v).slice(0, 200)} → ${String(err).slice(0, 200)}`);
                break;
              }
            }
          }
        }
        const arb = bodyFor(js);
        const r = fc.check(fc.property(arb, (v) => {
          schema.safeParse(v);
        }), { numRuns: RUNS_PER_SCHEMA, seed: SEED });
        if (r.failed) thrown.push(`${name}: ${JSON.stringify(r.counterexample?.[0])?.slice(0, 200)} → ${String(r.errorInstance).slice(0, 200)}`);
      }
      expect(thrown, `schemas that throw instead of failing (seed ${SEED})`).toEqual([]);
    });
  }
});
