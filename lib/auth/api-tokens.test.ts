import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDbWithUser, type TestDbWithUser } from "@/test/helpers/test-db";
import { createApiToken, hasScope, parseScopes, verifyApiToken, TOKEN_PREFIX } from "./api-tokens";
import { revokeApiToken } from "./token-admin";
import type { Scope } from "./schemas";

describe("hasScope", () => {
  const cases: { desc: string; granted: Scope[]; needed: Scope; ok: boolean }[] = [
    { desc: "read grants read", granted: ["read"], needed: "read", ok: true },
    { desc: "read does not grant write", granted: ["read"], needed: "write", ok: false },
    { desc: "read does not grant admin", granted: ["read"], needed: "admin", ok: false },
    { desc: "write implies read", granted: ["write"], needed: "read", ok: true },
    { desc: "write grants write", granted: ["write"], needed: "write", ok: true },
    { desc: "write does not grant admin", granted: ["write"], needed: "admin", ok: false },
    { desc: "admin implies read", granted: ["admin"], needed: "read", ok: true },
    { desc: "admin implies write", granted: ["admin"], needed: "write", ok: true },
    { desc: "admin grants admin", granted: ["admin"], needed: "admin", ok: true },
    { desc: "read+write does not grant admin", granted: ["read", "write"], needed: "admin", ok: false },
    { desc: "no scopes grant nothing", granted: [], needed: "read", ok: false },
  ];
  for (const c of cases) it(c.desc, () => expect(hasScope(c.granted, c.needed)).toBe(c.ok));
});

describe("parseScopes", () => {
  it("keeps known scopes and drops the rest", () => {
    expect(parseScopes("read,write")).toEqual(["read", "write"]);
    expect(parseScopes(" admin , bogus,,READ")).toEqual(["admin"]);
    expect(parseScopes("")).toEqual([]);
  });
});

describe("API tokens", () => {
  let t: TestDbWithUser;
  beforeAll(async () => { t = await createTestDbWithUser(); });
  afterAll(async () => { await t.cleanup(); });

  const meta = { ip: "192.0.2.1", userAgent: "vitest", secure: false };
  const actor = { type: "user" as const, id: "u", name: "alice" };

  it("verifies a fresh token, stores only its digest, dedupes scopes and records last use", async () => {
    const { token, id, prefix } = await createApiToken(t.db, { userId: t.userId, name: "ci", scopes: ["read", "write", "read"], expiresAt: null });
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(token.startsWith(prefix)).toBe(true);
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.scopes).toBe("read,write");
    expect(row.lastUsedAt).toBeNull();
    const now = new Date();
    expect(await verifyApiToken(t.db, token, now)).toEqual({ tokenId: id, userId: t.userId, username: "alice", scopes: ["read", "write"] });
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(now);
  });

  it("rejects an expired token", async () => {
    const expiresAt = new Date("2026-01-01T00:00:00Z");
    const { token } = await createApiToken(t.db, { userId: t.userId, name: "old", scopes: ["admin"], expiresAt });
    expect(await verifyApiToken(t.db, token, new Date(expiresAt.getTime() - 1000))).not.toBeNull();
    expect(await verifyApiToken(t.db, token, expiresAt)).toBeNull();
    expect(await verifyApiToken(t.db, token, new Date(expiresAt.getTime() + 1000))).toBeNull();
  });

  it("rejects a revoked token", async () => {
    const { token, id } = await createApiToken(t.db, { userId: t.userId, name: "gone", scopes: ["read"], expiresAt: null });
    expect(await verifyApiToken(t.db, token)).not.toBeNull();
    await revokeApiToken(t.db, t.userId, id, actor, meta);
    expect(await verifyApiToken(t.db, token)).toBeNull();
    await expect(revokeApiToken(t.db, t.userId, id, actor, meta)).rejects.toMatchObject({ code: "not_found" });
  });

  it("rejects tokens that were never issued or are malformed", async () => {
    const { token } = await createApiToken(t.db, { userId: t.userId, name: "x", scopes: ["read"], expiresAt: null });
    const cases: { desc: string; value: string }[] = [
      { desc: "unknown secret", value: `${TOKEN_PREFIX}${"A".repeat(43)}` },
      { desc: "one character changed", value: token.slice(0, -1) + (token.endsWith("A") ? "B" : "A") },
      { desc: "missing prefix", value: token.slice(TOKEN_PREFIX.length) },
      { desc: "too long", value: token + "x".repeat(200) },
      { desc: "empty", value: "" },
    ];
    for (const c of cases) expect(await verifyApiToken(t.db, c.value), c.desc).toBeNull();
  });
});
