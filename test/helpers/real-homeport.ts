// Driving a real Homeport server (ServerProcess) over HTTP as a user would: first-run set-up with
// the setup code, an admin API token, JSON calls that fail loudly, and enrolling an agent process.
import Database from "better-sqlite3";
import { join } from "node:path";
import { sha256 } from "@/lib/auth/tokens";
import type { ServerProcess } from "./server-process";

export const ADMIN = { username: "admin", password: "correct horse battery" };

export interface Api {
  /** JSON call; throws with the answer when the status is not the expected one. */
  call<T = unknown>(method: string, path: string, body?: unknown, expect?: number | number[]): Promise<T>;
  /** JSON call that returns the status and body, whatever they are. */
  raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; text: string }>;
}

export function apiFor(server: () => ServerProcess, token: string): Api {
  const raw = async (method: string, path: string, body?: unknown) => {
    const res = await server().fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text };
  };
  return {
    raw,
    async call<T>(method: string, path: string, body?: unknown, expect: number | number[] = [200, 201, 202, 204]) {
      const r = await raw(method, path, body);
      const ok = Array.isArray(expect) ? expect.includes(r.status) : r.status === expect;
      if (!ok) throw new Error(`${method} ${path} answered ${r.status}: ${r.text.slice(0, 500)}`);
      return r.body as T;
    },
  };
}

/** First-run set-up over HTTP with the setup code from the data dir; returns an admin API token. */
export async function setUpOverHttp(server: ServerProcess, dataDir: string): Promise<string> {
  const setupLine = await server.waitForLog((l) => typeof l.setupCode === "string", 5_000);
  const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, ...headers },
    body: JSON.stringify(body),
  });
  const setup = await server.fetch("/api/auth/setup", json({ setupCode: setupLine.setupCode, ...ADMIN }));
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  const cookie = /hp_session=([^;]+)/.exec(setup.headers.get("set-cookie") ?? "")?.[1];
  if (!cookie) throw new Error("setup set no session cookie");
  const db = new Database(join(dataDir, "homeport.db"), { readonly: true });
  const { csrfToken } = db.prepare(`SELECT csrfToken FROM Session WHERE tokenHash = ?`).get(sha256(cookie)) as { csrfToken: string };
  db.close();
  const res = await server.fetch("/api/v1/tokens", json({ name: "test-admin", scopes: ["admin"] }, { cookie: `hp_session=${cookie}`, "x-csrf-token": csrfToken }));
  if (res.status !== 201) throw new Error(`token answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** A one-time enrollment token for a new host, through the API. */
export async function enrollmentToken(api: Api, name: string): Promise<string> {
  return (await api.call<{ token: string }>("POST", "/api/v1/enrollments", { name })).token;
}

/** Polls `fn` until it returns a truthy value (returned) or the time is up (throws with `what`). */
export async function until<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string, everyMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : String(last)})` : ""}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
