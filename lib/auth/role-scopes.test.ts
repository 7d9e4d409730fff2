import { describe, expect, it } from "vitest";
import { effectiveScopes, scopeCovers, scopesAllowedFor, type Scope, type UserRole } from "./schemas";

describe("scopesAllowedFor", () => {
  it("offers each role only the scopes it covers", () => {
    expect(scopesAllowedFor("viewer")).toEqual(["read"]);
    expect(scopesAllowedFor("operator")).toEqual(["read", "write"]);
    expect(scopesAllowedFor("admin")).toEqual(["read", "write", "admin"]);
  });
});

describe("effectiveScopes (a token within its owner's current role)", () => {
  const cases: { token: Scope[]; role: UserRole; can: Scope[]; cannot: Scope[] }[] = [
    { token: ["admin"], role: "admin", can: ["read", "write", "admin"], cannot: [] },
    { token: ["admin"], role: "operator", can: ["read", "write"], cannot: ["admin"] },
    { token: ["admin"], role: "viewer", can: ["read"], cannot: ["write", "admin"] },
    { token: ["write"], role: "viewer", can: ["read"], cannot: ["write", "admin"] },
    { token: ["read"], role: "admin", can: ["read"], cannot: ["write", "admin"] },
  ];
  for (const c of cases) {
    it(`a ${c.token.join("+")} token of a ${c.role}: can ${c.can.join(", ")}${c.cannot.length ? `, not ${c.cannot.join(", ")}` : ""}`, () => {
      const eff = effectiveScopes(c.token, c.role);
      for (const s of c.can) expect(scopeCovers(eff, s), s).toBe(true);
      for (const s of c.cannot) expect(scopeCovers(eff, s), s).toBe(false);
    });
  }
});
