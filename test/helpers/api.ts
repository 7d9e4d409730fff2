// Calls the real Next route handlers in-process: builds Requests the way server.ts forwards them
// (client address header, Host, same Origin) and signs in through the real setup handler.
import { expect } from "vitest";
import { POST as setupPOST } from "@/app/api/auth/setup/route";
import { POST as tokensPOST } from "@/app/api/v1/tokens/route";
import { ensureSetupCode, resolveSession, SESSION_COOKIE, type Scope } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db";

export const ORIGIN = "http://127.0.0.1:3000";
export const HOST = "127.0.0.1:3000";
export const TEST_IP = "198.51.100.7";
export const ADMIN = { username: "admin", password: "correct horse battery" } as const;

export type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Response | Promise<Response>;

/** Credentials for a request: a session (cookie + CSRF token) or an API token. */
export type Auth = { cookie: string; csrf?: string } | { bearer: string } | null;

export interface RequestOptions {
  method?: string;
  /** Serialised as JSON with `content-type: application/json` unless `raw` is given. */
  body?: unknown;
  /** A body sent as is (with `contentType`, if any). */
  raw?: string;
  /** Send `raw` as bytes, so that no content type is implied (a string body implies text/plain). */
  rawAsBytes?: boolean;
  contentType?: string;
  auth?: Auth;
  headers?: Record<string, string>;
  ip?: string;
}

export function makeRequest(path: string, o: RequestOptions = {}): Request {
  const headers: Record<string, string> = { host: HOST, "user-agent": "vitest", "x-homeport-client-ip": o.ip ?? TEST_IP };
  const method = o.method ?? (o.body !== undefined || o.raw !== undefined ? "POST" : "GET");
  if (method !== "GET") headers.origin = ORIGIN;
  let body: string | Blob | undefined;
  if (o.raw !== undefined) {
    body = o.rawAsBytes ? new Blob([o.raw]) : o.raw;
    if (o.contentType) headers["content-type"] = o.contentType;
  } else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] = o.contentType ?? "application/json";
  }
  if (o.auth && "cookie" in o.auth) {
    headers.cookie = `${SESSION_COOKIE}=${o.auth.cookie}`;
    if (o.auth.csrf) headers["x-csrf-token"] = o.auth.csrf;
  } else if (o.auth && "bearer" in o.auth) {
    headers.authorization = `Bearer ${o.auth.bearer}`;
  }
  return new Request(new URL(path, ORIGIN), { method, headers: { ...headers, ...o.headers }, body });
}

export interface CallResult {
  status: number;
  headers: Headers;
  /** The parsed JSON body (undefined for an empty body). */
  body: unknown;
  text: string;
}

/** Calls a handler with a request built from `o` and route params. */
export async function call<P = Record<string, never>>(
  handler: Handler<P>,
  path: string,
  o: RequestOptions = {},
  params: P = {} as P,
): Promise<CallResult> {
  const res = await handler(makeRequest(path, o), { params: Promise.resolve(params) });
  const text = await res.text();
  let body: unknown;
  if (text !== "") body = JSON.parse(text) as unknown;
  return { status: res.status, headers: res.headers, body, text };
}

/** The `error` of an error response, after checking its shape (code and message, no stack). */
export function errorOf(r: CallResult): { code: string; message: string; issues?: { path: string; message: string }[] } {
  expect(r.headers.get("content-type")).toMatch(/^application\/json/);
  const e = (r.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  expect(e, `expected an error body, got ${r.text}`).toBeDefined();
  expect(typeof e?.code).toBe("string");
  expect(typeof e?.message).toBe("string");
  expect(r.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  return e as { code: string; message: string };
}

/** The session token from a response's Set-Cookie, or null when it clears the cookie. */
export function sessionTokenFrom(res: { headers: Headers }): string | null {
  for (const c of res.headers.getSetCookie()) {
    const m = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(c);
    if (m) return m[1] === "" ? null : (m[1] ?? null);
  }
  return null;
}

/** A signed-in session: the cookie token and the CSRF token the dashboard would send. */
export async function sessionAuth(db: Db, token: string): Promise<{ cookie: string; csrf: string }> {
  const s = await resolveSession(db, token, { ttlMs: getConfig().sessionTtlMs, rotate: false });
  if (!s) throw new Error("session not found");
  return { cookie: token, csrf: s.csrfToken };
}

/** Creates the admin through POST /api/auth/setup and returns its session. */
export async function setupAdmin(db: Db): Promise<{ cookie: string; csrf: string }> {
  const setupCode = ensureSetupCode();
  const r = await call(setupPOST, "/api/auth/setup", { body: { setupCode, ...ADMIN } });
  expect(r.status, r.text).toBe(201);
  const token = sessionTokenFrom(r);
  if (!token) throw new Error("setup did not set a session cookie");
  return sessionAuth(db, token);
}

/** Issues an API token through POST /api/v1/tokens with the given session. */
export async function issueToken(session: Auth, scopes: Scope[], name = `t-${scopes.join("-")}`): Promise<{ id: string; token: string }> {
  const r = await call(tokensPOST, "/api/v1/tokens", { body: { name, scopes }, auth: session });
  expect(r.status, r.text).toBe(201);
  return r.body as { id: string; token: string };
}
