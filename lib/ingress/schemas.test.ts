// The admin API's Authorization header is a header value (no line breaks to smuggle more headers),
// and what counts as moving the admin URL.
import { describe, expect, it } from "vitest";
import { adminUrlMoves, IngressSettingsInputSchema, IngressSettingsSchema } from "./schemas";

describe("adminAuth", () => {
  const parse = (adminAuth: unknown) => IngressSettingsInputSchema.safeParse({ adminAuth });
  it("accepts a bearer or basic value, and null to remove it", () => {
    expect(parse("Bearer abc.def").success).toBe(true);
    expect(parse("Basic dXNlcjpwdw==").success).toBe(true);
    expect(parse(null).success).toBe(true);
  });
  it("refuses line breaks and control characters (header injection)", () => {
    for (const v of ["Bearer x\r\nX-Evil: 1", "Bearer x\nHost: evil", "Bearer \u0000x", "Bearer é"]) {
      const r = parse(v);
      expect(r.success, JSON.stringify(v)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["adminAuth"]);
    }
  });
  it("is never part of the settings view", () => {
    expect(Object.keys(IngressSettingsSchema.shape)).not.toContain("adminAuth");
    expect(Object.keys(IngressSettingsSchema.shape)).toContain("adminAuthSet");
  });
});

describe("adminUrlMoves", () => {
  it("ignores spacing and trailing slashes, nothing else", () => {
    expect(adminUrlMoves("http://127.0.0.1:2019", " http://127.0.0.1:2019/ ")).toBe(false);
    expect(adminUrlMoves("http://127.0.0.1:2019", "http://127.0.0.1:2020")).toBe(true);
    expect(adminUrlMoves("http://127.0.0.1:2019", "https://127.0.0.1:2019")).toBe(true);
    expect(adminUrlMoves("http://127.0.0.1:2019", "http://caddy.lan:2019")).toBe(true);
  });
});
