import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, ERROR_STATUS } from "./errors";
import { parseBody, parseParam, parseQuery } from "./handler";
import { throwingPath, validate } from "./validate";

process.env.HOMEPORT_LOG_SILENT = "1";

/** A check with the bug this module guards against: it throws on input that is not a URL. */
const Throwing = z.string().refine((u) => new URL(u).protocol === "http:", "http only");

const jsonRequest = (body: unknown, url = "http://x/") =>
  new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("validate", () => {
  it("passes data and ordinary failures through as safeParse would", () => {
    const s = z.object({ n: z.number() });
    expect(validate(s, { n: 1 })).toEqual({ ok: true, data: { n: 1 } });
    expect(validate(s, { n: "x" })).toEqual({ ok: false, issues: [{ path: "n", message: expect.any(String) }] });
  });

  const cases: { desc: string; schema: z.ZodType; value: unknown; path: string }[] = [
    { desc: "a field", schema: z.object({ adminUrl: Throwing }), value: { adminUrl: "::1" }, path: "adminUrl" },
    { desc: "a nested optional field", schema: z.object({ a: z.object({ b: Throwing.optional() }).strict() }).partial(), value: { a: { b: "::1" } }, path: "a.b" },
    { desc: "an array item", schema: z.object({ urls: z.array(Throwing) }), value: { urls: ["http://a", "http://b", "::1"] }, path: "urls.2" },
    { desc: "a record value", schema: z.object({ env: z.record(z.string(), Throwing) }), value: { env: { HOME: "::1" } }, path: "env.HOME" },
    { desc: "a union member behind a transform", schema: z.object({ u: z.union([z.number(), Throwing]).transform(String) }), value: { u: "::1" }, path: "u" },
    { desc: "a lazy, nullable, defaulted field", schema: z.object({ l: z.lazy(() => Throwing).nullable().default(null) }), value: { l: "::1" }, path: "l" },
    { desc: "the whole object", schema: z.object({ a: z.string() }).refine((o) => new URL(o.a).host !== ""), value: { a: "::1" }, path: "" },
  ];
  for (const c of cases) {
    it(`a check that throws on ${c.desc} fails that path`, () => {
      expect(() => c.schema.safeParse(c.value)).toThrow();
      const r = validate(c.schema, c.value);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues).toEqual([{ path: c.path, message: expect.any(String) }]);
      expect(throwingPath(c.schema, c.value).map(String).join(".")).toBe(c.path);
    });
  }
});

describe("parse helpers with a check that throws", () => {
  it("parseBody answers 422 invalid naming the field", async () => {
    const err = await parseBody(jsonRequest({ name: "x", adminUrl: "::1" }), z.object({ name: z.string(), adminUrl: Throwing })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: "invalid", message: expect.stringMatching(/^adminUrl: /), issues: [{ path: "adminUrl" }] });
    expect(ERROR_STATUS[(err as ApiError).code]).toBe(422);
  });

  it("parseQuery answers 400 naming the parameter, as for any refused parameter", () => {
    expect(() => parseQuery(new Request("http://x/?next=%3A%3A1"), z.object({ next: Throwing }))).toThrow(expect.objectContaining({ code: "bad_request", message: expect.stringMatching(/^Bad query: next: /) }));
  });

  it("parseParam answers 404, as for any id that cannot exist", () => {
    expect(() => parseParam("::1", Throwing, "Thing")).toThrow(expect.objectContaining({ code: "not_found", message: "Thing not found" }));
  });
});
