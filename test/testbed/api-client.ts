// Homeport's HTTP API as the bed and its scenarios use it: an admin API token obtained the way an
// admin would (sign in, then create a token with the dashboard's CSRF token), then bearer calls.
import Database from "better-sqlite3";
import { join } from "node:path";
import { sha256 } from "@/lib/auth/tokens";

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  text: string;
}

export class HomeportApi {
  constructor(readonly baseUrl: string, private readonly bearer: string) {}

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.bearer}`, origin: this.baseUrl };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed as T, text };
  }

  /** A call that must succeed (2xx); throws with the method, path, status and body otherwise. */
  async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} answered ${r.status}: ${r.text.slice(0, 1000)}`);
    return r.body;
  }

  get = <T = unknown>(path: string) => this.ok<T>("GET", path);
  post = <T = unknown>(path: string, body: unknown = {}) => this.ok<T>("POST", path, body);
  patch = <T = unknown>(path: string, body: unknown) => this.ok<T>("PATCH", path, body);
}

async function jsonFetch(url: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
}

/**
 * Signs in with `creds` (or, on a fresh server, creates the admin with `setupCode` first) and
 * creates an admin-scope API token. The CSRF token the dashboard page would carry is read from the
 * server's database (`dataDir`/homeport.db), as test/restart.test.ts does.
 */
export async function adminApi(baseUrl: string, dataDir: string, creds: { username: string; password: string }, setupCode?: string): Promise<HomeportApi> {
  const res = setupCode
    ? await jsonFetch(`${baseUrl}/api/auth/setup`, { setupCode, ...creds }, { origin: baseUrl })
    : await jsonFetch(`${baseUrl}/api/auth/login`, creds, { origin: baseUrl });
  if (res.status !== 200 && res.status !== 201) throw new Error(`signing in for the test bed answered ${res.status}: ${await res.text()}`);
  const cookie = /hp_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (!cookie) throw new Error("signing in for the test bed set no session cookie");
  const db = new Database(join(dataDir, "homeport.db"), { readonly: true });
  const row = db.prepare(`SELECT csrfToken FROM Session WHERE tokenHash = ?`).get(sha256(cookie)) as { csrfToken: string } | undefined;
  db.close();
  if (!row) throw new Error("the new session is not in the database");
  const tokenRes = await jsonFetch(`${baseUrl}/api/v1/tokens`, { name: `testbed-${Date.now().toString(36)}`, scopes: ["admin"] }, { cookie: `hp_session=${cookie}`, "x-csrf-token": row.csrfToken, origin: baseUrl });
  if (tokenRes.status !== 201) throw new Error(`creating the test bed's API token answered ${tokenRes.status}: ${await tokenRes.text()}`);
  const { token } = (await tokenRes.json()) as { token: string };
  return new HomeportApi(baseUrl, token);
}
