import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, ERROR_STATUS } from "./errors";
import { errorResponse, parseParam, parseQuery, sessionCookie } from "./handler";

process.env.HOMEPORT_LOG_SILENT = "1";

async function answer(err: unknown) {
  const res = errorResponse(err);
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string; issues?: unknown } }, headers: res.headers };
}

describe("errorResponse", () => {
  it("maps every error code to its status with a JSON body", async () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      const r = await answer(new ApiError(code as keyof typeof ERROR_STATUS, `msg ${code}`));
      expect(r.status, code).toBe(status);
      expect(r.body).toEqual({ error: { code, message: `msg ${code}` } });
      expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    }
  });

  it("passes issues and headers through", async () => {
    const r = await answer(new ApiError("rate_limited", "wait", { retryAfterSeconds: 30, issues: [{ path: "a", message: "b" }] }));
    expect(r.headers.get("retry-after")).toBe("30");
    expect(r.body.error.issues).toEqual([{ path: "a", message: "b" }]);
  });

  const cases: { desc: string; err: unknown; status: number; code: string }[] = [
    { desc: "zod error", err: z.object({ a: z.number() }).safeParse({ a: "x" }).error, status: 422, code: "invalid" },
    { desc: "Prisma unique violation", err: Object.assign(new Error("Unique constraint failed on User.username"), { code: "P2002" }), status: 409, code: "conflict" },
    { desc: "Prisma record not found", err: Object.assign(new Error("No record"), { code: "P2025" }), status: 404, code: "not_found" },
    { desc: "Prisma foreign key", err: Object.assign(new Error("FK"), { code: "P2003" }), status: 409, code: "conflict" },
    { desc: "unexpected error", err: new Error("secret detail at /srv/app/lib/x.ts:12"), status: 500, code: "internal" },
    { desc: "thrown string", err: "boom", status: 500, code: "internal" },
    { desc: "null", err: null, status: 500, code: "internal" },
  ];
  for (const c of cases) {
    it(`${c.desc} → ${c.status}, no internals`, async () => {
      const r = await answer(c.err);
      expect(r.status).toBe(c.status);
      expect(r.body.error.code).toBe(c.code);
      expect(JSON.stringify(r.body)).not.toMatch(/secret detail|\.ts:\d+|Unique constraint|\n\s+at /);
    });
  }
});

describe("parsing helpers", () => {
  it("parseQuery answers 400 with the offending parameter", () => {
    const schema = z.object({ limit: z.coerce.number().int().max(10) });
    expect(parseQuery(new Request("http://x/?limit=5"), schema)).toEqual({ limit: 5 });
    try {
      parseQuery(new Request("http://x/?limit=50"), schema);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: "bad_request", message: expect.stringMatching(/^Bad query: limit: /) });
    }
  });

  it("parseParam answers 404 for ids that cannot exist", () => {
    expect(parseParam("abcdefgh", z.string().regex(/^[a-z]{8}$/), "Thing")).toBe("abcdefgh");
    expect(() => parseParam("../x", z.string().regex(/^[a-z]{8}$/), "Thing")).toThrow("Thing not found");
  });

  it("sessionCookie is HttpOnly, SameSite=Lax, and Secure only when asked", () => {
    expect(sessionCookie("tok", 3600.7, false)).toBe("hp_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600");
    expect(sessionCookie("tok", -5, true)).toBe("hp_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure");
  });
});
