import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { resetConfigForTesting } from "@/lib/config";
import { createTestDbWithUser, type TestDbWithUser } from "@/test/helpers/test-db";
import { CSRF_HEADER, actorForAudit, assertSameOrigin, authenticate, authorize, readCookie, type Actor } from "./context";
import { createApiToken } from "./api-tokens";
import { SESSION_COOKIE, createSession } from "./sessions";

describe("readCookie", () => {
  const cases: { desc: string; header: string | null; value: string | null }[] = [
    { desc: "no header", header: null, value: null },
    { desc: "empty header", header: "", value: null },
    { desc: "only cookie", header: "hp_session=abc", value: "abc" },
    { desc: "among others", header: "theme=dark; hp_session=abc; lang=en", value: "abc" },
    { desc: "spaces around", header: "theme=dark ;  hp_session = abc ", value: "abc" },
    { desc: "value containing =", header: "hp_session=a=b", value: "a=b" },
    { desc: "percent-encoded", header: "hp_session=a%20b", value: "a b" },
    { desc: "malformed escape is ignored, not thrown", header: "hp_session=%E0%A4%A", value: null },
    { desc: "longer name with same prefix", header: "hp_session_old=abc", value: null },
    { desc: "name as a suffix", header: "xhp_session=abc", value: null },
    { desc: "no equals sign", header: "hp_session", value: null },
    { desc: "first of duplicates", header: "hp_session=one; hp_session=two", value: "one" },
  ];
  for (const c of cases) it(c.desc, () => expect(readCookie(c.header, "hp_session")).toBe(c.value));
});

const userActor: Actor = {
  type: "user", userId: "u1", username: "alice", sessionId: "s1", csrfToken: "csrf-secret", scopes: ["admin"], expiresAt: new Date(Date.now() + 3600_000),
};
const tokenActor = (scopes: Actor["scopes"]): Actor => ({ type: "token", userId: "u1", username: "alice", tokenId: "t1", scopes });

function req(method: string, headers: Record<string, string> = {}): Request {
  return new Request("http://127.0.0.1:3000/api/v1/services", { method, headers: { host: "127.0.0.1:3000", ...headers } });
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
}

describe("authorize", () => {
  const same = { origin: "http://127.0.0.1:3000" };
  const cases: { desc: string; req: Request; actor: Actor | null; needed: "read" | "write" | "admin"; code: string | null }[] = [
    { desc: "anonymous", req: req("GET"), actor: null, needed: "read", code: "unauthorized" },
    { desc: "session GET needs no CSRF token", req: req("GET"), actor: userActor, needed: "read", code: null },
    { desc: "session POST without CSRF token", req: req("POST", same), actor: userActor, needed: "write", code: "csrf" },
    { desc: "session POST with wrong CSRF token", req: req("POST", { ...same, [CSRF_HEADER]: "csrf-secreT" }), actor: userActor, needed: "write", code: "csrf" },
    { desc: "session PATCH without CSRF token", req: req("PATCH"), actor: userActor, needed: "write", code: "csrf" },
    { desc: "session DELETE without CSRF token", req: req("DELETE"), actor: userActor, needed: "write", code: "csrf" },
    { desc: "session PUT without CSRF token", req: req("PUT"), actor: userActor, needed: "write", code: "csrf" },
    { desc: "session POST with token, same origin", req: req("POST", { ...same, [CSRF_HEADER]: "csrf-secret" }), actor: userActor, needed: "write", code: null },
    { desc: "session POST with token, no Origin", req: req("POST", { [CSRF_HEADER]: "csrf-secret" }), actor: userActor, needed: "write", code: null },
    { desc: "session POST with token, foreign Origin", req: req("POST", { origin: "http://evil.example", [CSRF_HEADER]: "csrf-secret" }), actor: userActor, needed: "write", code: "csrf" },
    { desc: "session POST with token, other port", req: req("POST", { origin: "http://127.0.0.1:3001", [CSRF_HEADER]: "csrf-secret" }), actor: userActor, needed: "write", code: "csrf" },
    { desc: "session POST with token, Origin null", req: req("POST", { origin: "null", [CSRF_HEADER]: "csrf-secret" }), actor: userActor, needed: "write", code: "csrf" },
    { desc: "bearer POST needs no CSRF token", req: req("POST"), actor: tokenActor(["write"]), needed: "write", code: null },
    { desc: "bearer POST from a foreign origin", req: req("POST", { origin: "http://evil.example" }), actor: tokenActor(["write"]), needed: "write", code: null },
    { desc: "read token cannot write", req: req("POST"), actor: tokenActor(["read"]), needed: "write", code: "forbidden" },
    { desc: "write token cannot administer", req: req("POST"), actor: tokenActor(["write"]), needed: "admin", code: "forbidden" },
    { desc: "scope is checked before CSRF", req: req("POST"), actor: { ...userActor, scopes: ["read"] }, needed: "write", code: "forbidden" },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      expect(codeOf(() => authorize(c.req, c.actor, c.needed))).toBe(c.code);
    });
  }
});

describe("assertSameOrigin", () => {
  it("without a CSRF token only checks Origin against Host", () => {
    expect(codeOf(() => assertSameOrigin(req("POST")))).toBeNull();
    expect(codeOf(() => assertSameOrigin(req("POST", { origin: "http://127.0.0.1:3000" })))).toBeNull();
    expect(codeOf(() => assertSameOrigin(req("POST", { origin: "http://evil.example" })))).toBe("csrf");
    expect(codeOf(() => assertSameOrigin(req("POST", { origin: "not a url" })))).toBe("csrf");
  });

  it("honours X-Forwarded-Host only behind a trusted proxy", () => {
    const proxied = () => req("POST", { origin: "https://homeport.example", "x-forwarded-host": "homeport.example" });
    try {
      process.env.HOMEPORT_TRUST_PROXY = "0";
      resetConfigForTesting();
      expect(codeOf(() => assertSameOrigin(proxied()))).toBe("csrf");
      process.env.HOMEPORT_TRUST_PROXY = "1";
      resetConfigForTesting();
      expect(codeOf(() => assertSameOrigin(proxied()))).toBeNull();
    } finally {
      delete process.env.HOMEPORT_TRUST_PROXY;
      resetConfigForTesting();
    }
  });
});

describe("authenticate", () => {
  let t: TestDbWithUser;
  beforeAll(async () => { t = await createTestDbWithUser(); });
  afterAll(async () => { await t.cleanup(); });

  const withHeaders = (h: Record<string, string>) => new Request("http://127.0.0.1:3000/api/auth/me", { headers: h });

  it("resolves a session cookie to a user actor with the session's CSRF token", async () => {
    const { token, session } = await createSession(t.db, t.userId, 3600_000, { ip: null, userAgent: null });
    const a = await authenticate(t.db, withHeaders({ cookie: `${SESSION_COOKIE}=${token}` }));
    expect(a).toMatchObject({ type: "user", userId: t.userId, username: "alice", sessionId: session.id, csrfToken: session.csrfToken, scopes: ["admin"] });
    expect(actorForAudit(a!)).toEqual({ type: "user", id: t.userId, name: "alice" });
  });

  it("resolves a bearer token to a token actor with its scopes", async () => {
    const { token, id } = await createApiToken(t.db, { userId: t.userId, name: "ci", scopes: ["read"], expiresAt: null });
    const a = await authenticate(t.db, withHeaders({ authorization: `Bearer ${token}` }));
    expect(a).toMatchObject({ type: "token", tokenId: id, userId: t.userId, scopes: ["read"] });
    expect(actorForAudit(a!)).toEqual({ type: "token", id, name: "alice" });
  });

  it("returns null without credentials or with an unknown cookie", async () => {
    expect(await authenticate(t.db, withHeaders({}))).toBeNull();
    expect(await authenticate(t.db, withHeaders({ cookie: `${SESSION_COOKIE}=nope` }))).toBeNull();
  });

  it("refuses malformed or unknown bearer credentials with 401", async () => {
    for (const h of ["Basic YWxpY2U6eA==", "Bearer", "Bearer a b", "Bearer hp_unknown"]) {
      await expect(authenticate(t.db, withHeaders({ authorization: h })), h).rejects.toMatchObject({ code: "unauthorized" });
    }
  });
});
