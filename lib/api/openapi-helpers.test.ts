import { describe, expect, it } from "vitest";
import { z } from "zod";
import { body, queryParams } from "./openapi-helpers";

const schemaOf = (s: z.ZodType) => body(s).content["application/json"].schema as { type?: string; properties?: object; required?: string[]; additionalProperties?: unknown; oneOf?: unknown[] };

describe("body", () => {
  it("lifts a union of strict objects to one closed object and keeps the branches", () => {
    const s = schemaOf(z.discriminatedUnion("mode", [z.object({ mode: z.literal("a") }).strict(), z.object({ mode: z.literal("b"), key: z.string() }).strict()]));
    expect(s).toMatchObject({ type: "object", required: ["mode"], additionalProperties: false });
    expect(Object.keys(s.properties ?? {})).toEqual(["mode", "key"]);
    expect(s.oneOf).toHaveLength(2);
  });

  it("does not claim to refuse unknown fields when a branch accepts them", () => {
    const s = schemaOf(z.union([z.object({ a: z.string() }).strict(), z.object({ b: z.string() })]));
    expect(s.type).toBe("object");
    expect(s.additionalProperties).toBeUndefined();
    expect(s.required).toBeUndefined();
  });

  it("leaves a plain object as zod describes it", () => {
    expect(schemaOf(z.object({ a: z.string() }).strict())).toMatchObject({ type: "object", required: ["a"], additionalProperties: false });
  });
});

describe("queryParams", () => {
  it("marks only parameters without a default or optional as required", () => {
    const ps = queryParams(z.object({ a: z.string(), b: z.coerce.number().default(1), c: z.string().optional() }));
    expect(ps.map((p) => [p.name, p.required])).toEqual([["a", true], ["b", false], ["c", false]]);
  });
});
