// The foundation's write endpoints (every POST/PATCH/DELETE of /api/v1 services, routes, tokens
// and /api/auth/*) against bad input: malformed JSON, wrong media types, wrong types, unknown
// fields, oversized bodies, invalid hostnames and ids, missing credentials. Each answer must be a
// 4xx with a JSON `{ error: { code, message } }` and no stack trace, and the database must be
// exactly as before. bad-input-all-endpoints.test.ts applies the schema-independent cases to
// every write endpoint found on disk, including ones added later.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as servicesPOST } from "@/app/api/v1/services/route";
import { DELETE as serviceDELETE, PATCH as servicePATCH } from "@/app/api/v1/services/[id]/route";
import { POST as routesPOST } from "@/app/api/v1/routes/route";
import { DELETE as routeDELETE, PATCH as routePATCH } from "@/app/api/v1/routes/[id]/route";
import { POST as tokensPOST } from "@/app/api/v1/tokens/route";
import { DELETE as tokenDELETE } from "@/app/api/v1/tokens/[id]/route";
import { POST as setupPOST } from "@/app/api/auth/setup/route";
import { POST as loginPOST } from "@/app/api/auth/login/route";
import { POST as logoutPOST } from "@/app/api/auth/logout/route";
import { POST as logoutAllPOST } from "@/app/api/auth/logout-all/route";
import { POST as passwordPOST } from "@/app/api/auth/password/route";
import { POST as totpSetupPOST } from "@/app/api/auth/totp/setup/route";
import { POST as totpEnablePOST } from "@/app/api/auth/totp/enable/route";
import { POST as totpDisablePOST } from "@/app/api/auth/totp/disable/route";
import { MAX_JSON_BODY_BYTES } from "@/lib/api";
import { createTestDb, type TestDb } from "./helpers/test-db";
import { ADMIN, call, issueToken, setupAdmin, type Auth, type CallResult, type RequestOptions } from "./helpers/api";
import { DbSnapshots, discoverWriteEndpoints } from "./helpers/refusal";

type Json = Record<string, unknown>;
type Send = (o: RequestOptions, id?: string) => Promise<CallResult>;

interface Endpoint {
  /** `METHOD /path` as in app/api (with `[id]`). */
  name: string;
  send: Send;
  /** Who may call it: a signed-in session (and, under /api/v1, an API token), or anyone. */
  access: "public" | "session" | "v1";
  /** A body that passes the schema; absent for endpoints that take no body. */
  valid?: () => Json;
  /** Endpoint-specific bodies that the schema must refuse (422). */
  invalid?: { desc: string; body: unknown }[];
  /** For `{id}` endpoints: the id of an existing object. */
  id?: () => string;
}

let t: TestDb;
let snapshots: DbSnapshots;
let session: { cookie: string; csrf: string };
let bearer: Auth;
let readBearer: Auth;
const seed = { serviceId: "", routeId: "", tokenId: "" };

beforeAll(async () => {
  t = await createTestDb();
  session = await setupAdmin(t.db);
  bearer = { bearer: (await issueToken(session, ["admin"])).token };
  readBearer = { bearer: (await issueToken(session, ["read"])).token };
  seed.tokenId = (await issueToken(session, ["read"], "victim")).id;
  const svc = await call(servicesPOST, "/api/v1/services", { body: { name: "seed", image: "nginx", ports: [{ container: 80, host: 8080 }] }, auth: session });
  seed.serviceId = (svc.body as { id: string }).id;
  const route = await call(routesPOST, "/api/v1/routes", { body: { hostname: "seed.home.arpa", serviceId: seed.serviceId, servicePort: 80 }, auth: session });
  seed.routeId = (route.body as { id: string }).id;
  expect([svc.status, route.status]).toEqual([201, 201]);
  snapshots = new DbSnapshots(t.file);
});
afterAll(async () => {
  snapshots.close();
  await t.cleanup();
});

const byId = (handler: (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>, base: string, method: string): Send =>
  (o, id = "") => call(handler, `${base}/${encodeURIComponent(id)}`, { method, ...o }, { id });
const plain = (handler: (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>, path: string): Send =>
  (o) => call(handler, path, { method: "POST", ...o });

const BAD_HOSTNAMES: unknown[] = [
  "", "localhost", "192.168.1.10", "[::1]", "https://app.example", "app.example:8443", "app.example/path", "-app.example", "app-.example",
  "my_app.example", "app..example", `${"a".repeat(64)}.example`, [1, 2, 3, 4].map(() => "a".repeat(63)).join("."), "xn--zz.example", "a b.example", 42, null, ["app.example"],
];

const ENDPOINTS: Endpoint[] = [
  {
    name: "POST /api/v1/services",
    send: plain(servicesPOST, "/api/v1/services"),
    access: "v1",
    valid: () => ({ name: "fresh", image: "nginx:1.27" }),
    invalid: [
      { desc: "missing name", body: { image: "nginx" } },
      { desc: "missing image", body: { name: "fresh" } },
      { desc: "name a number", body: { name: 123, image: "nginx" } },
      { desc: "name with a space", body: { name: "my app", image: "nginx" } },
      { desc: "name too long", body: { name: "a".repeat(64), image: "nginx" } },
      { desc: "image an array", body: { name: "fresh", image: ["nginx"] } },
      { desc: "image with a scheme", body: { name: "fresh", image: "https://hub.docker.com/nginx" } },
      { desc: "ports a string", body: { name: "fresh", image: "nginx", ports: "80:80" } },
      { desc: "port a string", body: { name: "fresh", image: "nginx", ports: [{ container: "80" }] } },
      { desc: "port out of range", body: { name: "fresh", image: "nginx", ports: [{ container: 70000 }] } },
      { desc: "duplicate published ports", body: { name: "fresh", image: "nginx", ports: [{ container: 80, host: 9000 }, { container: 81, host: 9000 }] } },
      { desc: "unknown port field", body: { name: "fresh", image: "nginx", ports: [{ container: 80, privileged: true }] } },
      { desc: "env an array", body: { name: "fresh", image: "nginx", env: ["A=B"] } },
      { desc: "env value a number", body: { name: "fresh", image: "nginx", env: { A: 1 } } },
      { desc: "env key with a dash", body: { name: "fresh", image: "nginx", env: { "A-B": "x" } } },
      { desc: "docker socket mount", body: { name: "fresh", image: "nginx", volumes: [{ source: "/var/run/docker.sock", target: "/var/run/docker.sock" }] } },
      { desc: "root mount", body: { name: "fresh", image: "nginx", volumes: [{ source: "/", target: "/host" }] } },
      { desc: "command a string", body: { name: "fresh", image: "nginx", command: "rm -rf /" } },
      { desc: "healthcheck a string", body: { name: "fresh", image: "nginx", healthcheck: "curl localhost" } },
      { desc: "restart policy a boolean", body: { name: "fresh", image: "nginx", restartPolicy: true } },
      { desc: "egress unknown", body: { name: "fresh", image: "nginx", egress: "sometimes" } },
      { desc: "hostId a number", body: { name: "fresh", image: "nginx", hostId: 5 } },
    ],
  },
  {
    name: "PATCH /api/v1/services/[id]",
    send: byId(servicePATCH, "/api/v1/services", "PATCH"),
    access: "v1",
    id: () => seed.serviceId,
    valid: () => ({ image: "nginx:1.28" }),
    invalid: [
      { desc: "nothing to change", body: {} },
      { desc: "name null", body: { name: null } },
      { desc: "name upper case with dot", body: { name: "Bad.Name" } },
      { desc: "image null", body: { image: null } },
      { desc: "ports an object", body: { ports: { container: 80 } } },
      { desc: "duplicate published ports", body: { ports: [{ container: 80, host: 9000 }, { container: 81, host: 9000 }] } },
      { desc: "socket mount via a dotted path", body: { volumes: [{ source: "/var/run/./docker.sock", target: "/s" }] } },
      { desc: "hostId an array", body: { hostId: [] } },
    ],
  },
  { name: "DELETE /api/v1/services/[id]", send: byId(serviceDELETE, "/api/v1/services", "DELETE"), access: "v1", id: () => seed.serviceId },
  {
    name: "POST /api/v1/routes",
    send: plain(routesPOST, "/api/v1/routes"),
    access: "v1",
    valid: () => ({ hostname: "fresh.home.arpa", upstreamUrl: "http://192.0.2.10:8080" }),
    invalid: [
      ...BAD_HOSTNAMES.map((hostname) => ({ desc: `hostname ${JSON.stringify(hostname).slice(0, 40)}`, body: { hostname, upstreamUrl: "http://192.0.2.10" } })),
      { desc: "missing hostname", body: { upstreamUrl: "http://192.0.2.10" } },
      { desc: "no target", body: { hostname: "fresh.home.arpa" } },
      { desc: "two targets", body: { hostname: "fresh.home.arpa", upstreamUrl: "http://192.0.2.10", serviceId: "x", servicePort: 80 } },
      { desc: "service without port", body: { hostname: "fresh.home.arpa", serviceId: "x" } },
      { desc: "port a string", body: { hostname: "fresh.home.arpa", serviceId: "x", servicePort: "80" } },
      { desc: "upstream not http", body: { hostname: "fresh.home.arpa", upstreamUrl: "ftp://192.0.2.10" } },
      { desc: "upstream with credentials", body: { hostname: "fresh.home.arpa", upstreamUrl: "http://u:p@192.0.2.10" } },
      { desc: "upstream metadata address", body: { hostname: "fresh.home.arpa", upstreamUrl: "http://169.254.169.254/" } },
      { desc: "upstream not a URL", body: { hostname: "fresh.home.arpa", upstreamUrl: "192.0.2.10:8080" } },
      { desc: "exposure unknown", body: { hostname: "fresh.home.arpa", upstreamUrl: "http://192.0.2.10", exposure: "internet" } },
    ],
  },
  {
    name: "PATCH /api/v1/routes/[id]",
    send: byId(routePATCH, "/api/v1/routes", "PATCH"),
    access: "v1",
    id: () => seed.routeId,
    valid: () => ({ exposure: "both" }),
    invalid: [
      { desc: "nothing to change", body: {} },
      ...BAD_HOSTNAMES.map((hostname) => ({ desc: `hostname ${JSON.stringify(hostname).slice(0, 40)}`, body: { hostname } })),
      { desc: "port zero", body: { servicePort: 0 } },
      { desc: "exposure a number", body: { exposure: 1 } },
      { desc: "upstream javascript:", body: { upstreamUrl: "javascript:alert(1)" } },
    ],
  },
  { name: "DELETE /api/v1/routes/[id]", send: byId(routeDELETE, "/api/v1/routes", "DELETE"), access: "v1", id: () => seed.routeId },
  {
    name: "POST /api/v1/tokens",
    send: plain(tokensPOST, "/api/v1/tokens"),
    access: "v1",
    valid: () => ({ name: "ci", scopes: ["read"] }),
    invalid: [
      { desc: "empty name", body: { name: "", scopes: ["read"] } },
      { desc: "name too long", body: { name: "n".repeat(65), scopes: ["read"] } },
      { desc: "no scopes", body: { name: "ci", scopes: [] } },
      { desc: "unknown scope", body: { name: "ci", scopes: ["root"] } },
      { desc: "scopes a string", body: { name: "ci", scopes: "read" } },
      { desc: "expiry zero", body: { name: "ci", scopes: ["read"], expiresInDays: 0 } },
      { desc: "expiry a string", body: { name: "ci", scopes: ["read"], expiresInDays: "30" } },
      { desc: "expiry fractional", body: { name: "ci", scopes: ["read"], expiresInDays: 1.5 } },
    ],
  },
  { name: "DELETE /api/v1/tokens/[id]", send: byId(tokenDELETE, "/api/v1/tokens", "DELETE"), access: "v1", id: () => seed.tokenId },
  {
    name: "POST /api/auth/setup",
    send: plain(setupPOST, "/api/auth/setup"),
    access: "public",
    valid: () => ({ setupCode: "AAAA-BBBB-CCCC", username: "second", password: "a long enough password" }),
    invalid: [
      { desc: "username too short", body: { setupCode: "x", username: "ab", password: "a long enough password" } },
      { desc: "username with a space", body: { setupCode: "x", username: "a b c", password: "a long enough password" } },
      { desc: "password too short", body: { setupCode: "x", username: "second", password: "short" } },
      { desc: "setup code a number", body: { setupCode: 1234, username: "second", password: "a long enough password" } },
      { desc: "missing setup code", body: { username: "second", password: "a long enough password" } },
    ],
  },
  {
    name: "POST /api/auth/login",
    send: plain(loginPOST, "/api/auth/login"),
    access: "public",
    valid: () => ({ username: ADMIN.username, password: ADMIN.password }),
    invalid: [
      { desc: "username a number", body: { username: 5, password: "x" } },
      { desc: "password null", body: { username: ADMIN.username, password: null } },
      { desc: "empty password", body: { username: ADMIN.username, password: "" } },
      { desc: "password too long", body: { username: ADMIN.username, password: "p".repeat(257) } },
      { desc: "totp five digits", body: { username: ADMIN.username, password: "x", totp: "12345" } },
      { desc: "totp a number", body: { username: ADMIN.username, password: "x", totp: 123456 } },
    ],
  },
  { name: "POST /api/auth/logout", send: plain(logoutPOST, "/api/auth/logout"), access: "session" },
  { name: "POST /api/auth/logout-all", send: plain(logoutAllPOST, "/api/auth/logout-all"), access: "session" },
  {
    name: "POST /api/auth/password",
    send: plain(passwordPOST, "/api/auth/password"),
    access: "session",
    valid: () => ({ currentPassword: ADMIN.password, newPassword: "another long password" }),
    invalid: [
      { desc: "new password too short", body: { currentPassword: ADMIN.password, newPassword: "short" } },
      { desc: "current password a number", body: { currentPassword: 1, newPassword: "another long password" } },
      { desc: "missing new password", body: { currentPassword: ADMIN.password } },
    ],
  },
  { name: "POST /api/auth/totp/setup", send: plain(totpSetupPOST, "/api/auth/totp/setup"), access: "session" },
  {
    name: "POST /api/auth/totp/enable",
    send: plain(totpEnablePOST, "/api/auth/totp/enable"),
    access: "session",
    valid: () => ({ code: "123456" }),
    invalid: [
      { desc: "code five digits", body: { code: "12345" } },
      { desc: "code letters", body: { code: "abcdef" } },
      { desc: "code a number", body: { code: 123456 } },
      { desc: "missing code", body: {} },
    ],
  },
  {
    name: "POST /api/auth/totp/disable",
    send: plain(totpDisablePOST, "/api/auth/totp/disable"),
    access: "session",
    valid: () => ({ password: ADMIN.password, code: "123456" }),
    invalid: [
      { desc: "missing code", body: { password: ADMIN.password } },
      { desc: "password a number", body: { password: 1, code: "123456" } },
    ],
  },
];

/** Bodies every JSON endpoint must refuse, with the status each deserves. */
function genericBodyCases(valid: Json): { desc: string; o: RequestOptions; status: number; message?: RegExp }[] {
  const json = JSON.stringify(valid);
  return [
    { desc: "malformed JSON", o: { raw: json.slice(0, -1), contentType: "application/json" }, status: 400 },
    { desc: "trailing garbage", o: { raw: `${json} }`, contentType: "application/json" }, status: 400 },
    { desc: "single-quoted JSON", o: { raw: json.replace(/"/g, "'"), contentType: "application/json" }, status: 400 },
    { desc: "empty body", o: { raw: "", contentType: "application/json" }, status: 400 },
    { desc: "deeply nested", o: { raw: `${"[".repeat(20_000)}${"]".repeat(20_000)}`, contentType: "application/json" }, status: 422 },
    { desc: "text/plain", o: { raw: json, contentType: "text/plain" }, status: 415 },
    { desc: "form-urlencoded", o: { raw: "name=x&image=nginx", contentType: "application/x-www-form-urlencoded" }, status: 415 },
    { desc: "multipart", o: { raw: json, contentType: "multipart/form-data; boundary=x" }, status: 415 },
    { desc: "application/jsonp", o: { raw: json, contentType: "application/jsonp" }, status: 415 },
    { desc: "no content type", o: { raw: json, rawAsBytes: true }, status: 415 },
    { desc: "JSON array", o: { body: [valid] }, status: 422 },
    { desc: "JSON null", o: { raw: "null", contentType: "application/json" }, status: 422 },
    { desc: "JSON string", o: { raw: '"text"', contentType: "application/json" }, status: 422 },
    { desc: "JSON number", o: { raw: "42", contentType: "application/json" }, status: 422 },
    { desc: "unknown field", o: { body: { ...valid, unexpected: true } }, status: 422, message: /unexpected/ },
    { desc: "__proto__ field", o: { raw: json.replace(/^\{/, '{"__proto__":{"role":"admin"},'), contentType: "application/json" }, status: 422 },
    { desc: `oversized (> ${MAX_JSON_BODY_BYTES} bytes)`, o: { body: { ...valid, padding: "x".repeat(MAX_JSON_BODY_BYTES + 1) } }, status: 413 },
    { desc: "oversized multi-byte", o: { body: { ...valid, padding: "é".repeat(MAX_JSON_BODY_BYTES / 2 + 8) } }, status: 413 },
  ];
}

const INVALID_IDS = ["not-an-id!", "../../etc/passwd", "a", "x".repeat(41), "' OR 1=1 --", "%00", "", "cmzzzzzzzzzzzzzzzzzzzzzzz"];

const expectRefused = (send: () => Promise<CallResult>, expected: number | number[], message?: RegExp) =>
  snapshots.expectRefused(send, expected, { message });

/**
 * The credentials each endpoint is exercised with (a session always carries its CSRF token).
 * Read lazily: tests are collected before beforeAll signs in.
 */
function authsFor(ep: Endpoint): { desc: string; auth: () => Auth }[] {
  if (ep.access === "public") return [{ desc: "anonymous", auth: () => null }];
  if (ep.access === "session") return [{ desc: "session", auth: () => session }];
  return [{ desc: "session", auth: () => session }, { desc: "API token", auth: () => bearer }];
}

describe.each(ENDPOINTS)("$name", (ep) => {
  const idOf = () => ep.id?.();

  if (ep.valid) {
    const valid = ep.valid;

    for (const a of authsFor(ep)) {
      for (const c of genericBodyCases(valid())) {
        it(`${a.desc}: ${c.desc} → ${c.status}`, async () => {
          await expectRefused(() => ep.send({ ...c.o, auth: a.auth() }, idOf()), c.status, c.message);
        });
      }
    }

    for (const c of ep.invalid ?? []) {
      it(`wrong shape: ${c.desc} → 422`, async () => {
        await expectRefused(() => ep.send({ body: c.body, auth: authsFor(ep)[0]!.auth() }, idOf()), 422);
      });
    }
  }

  if (ep.id) {
    for (const id of INVALID_IDS) {
      it(`invalid id ${JSON.stringify(id)} → 404`, async () => {
        await expectRefused(() => ep.send({ ...(ep.valid ? { body: ep.valid() } : {}), auth: session }, id), 404);
      });
    }
  }

  if (ep.access !== "public") {
    it("without credentials → 401", async () => {
      await expectRefused(() => ep.send({ ...(ep.valid ? { body: ep.valid() } : {}), auth: null }, idOf()), 401);
    });
    it("session without CSRF token → 403", async () => {
      await expectRefused(() => ep.send({ ...(ep.valid ? { body: ep.valid() } : {}), auth: { cookie: session.cookie } }, idOf()), 403);
    });
    it("session from a foreign Origin → 403", async () => {
      await expectRefused(() => ep.send({ ...(ep.valid ? { body: ep.valid() } : {}), auth: session, headers: { origin: "http://evil.example" } }, idOf()), 403);
    });
  }
  if (ep.access === "v1") {
    it("read-only API token → 403", async () => {
      await expectRefused(() => ep.send({ ...(ep.valid ? { body: ep.valid() } : {}), auth: readBearer }, idOf()), 403);
    });
  }
  if (ep.access === "public") {
    it("posted from a foreign Origin → 403", async () => {
      await expectRefused(() => ep.send({ body: ep.valid?.() ?? {}, headers: { origin: "http://evil.example" } }), 403);
    });
  }
});

describe("coverage", () => {
  it("every endpoint in the table exists (the generic cases in bad-input-all-endpoints cover every one found)", () => {
    const found = new Set(discoverWriteEndpoints().map((d) => d.name));
    expect(ENDPOINTS.map((e) => e.name).filter((n) => !found.has(n))).toEqual([]);
    expect(ENDPOINTS.length).toBeGreaterThanOrEqual(16);
  });
});
