// The fuzzer's credentials: the admin's session (cookie + CSRF token) and API tokens of each scope.
// Fuzzed operations may end them (logout, logout-all, token revocation, a password change); a 401
// marks one stale and it is recreated before its next use, so no operation has to be left out.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createPrismaClient, type Db } from "@/lib/db";
import { createSession } from "@/lib/auth/sessions";
import { sha256 } from "@/lib/auth/tokens";
import type { RawClient } from "./http";

export const ADMIN_USERNAME = "admin";
const INITIAL_PASSWORD = "correct horse battery staple";
const SESSION_TTL_MS = 3600_000;
const SESSION_COOKIE = "hp_session";
const TOKEN_ATTEMPTS = 3;

export const CREDENTIAL_KINDS = ["none", "session", "session-no-csrf", "read", "write", "admin", "bogus-bearer", "malformed-auth", "garbage-cookie"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
type TokenScope = "read" | "write" | "admin";
const TOKEN_SCOPES: TokenScope[] = ["read", "write", "admin"];

export class Credentials {
  password = INITIAL_PASSWORD;
  /** The first-run code, kept for fuzzed setup requests (the server refuses a second setup anyway). */
  setupCode = "";
  /** How often each credential had to be recreated. */
  readonly recoveries: Record<string, number> = {};
  private session: { cookie: string; csrf: string } | null = null;
  private readonly tokens: Partial<Record<TokenScope, string>> = {};
  private readonly stale = new Set<string>();
  private refreshing: Promise<void> | null = null;
  private db: Db | null = null;

  constructor(private readonly http: RawClient, private readonly base: string, private readonly dataDir: string) {}

  private get prisma(): Db {
    this.db ??= createPrismaClient(`file:${join(this.dataDir, "homeport.db")}`);
    return this.db;
  }

  private async csrfFor(cookie: string): Promise<string> {
    const row = await this.prisma.session.findUnique({ where: { tokenHash: sha256(cookie) }, select: { csrfToken: true } });
    if (!row) throw new Error("the new session is not in the database");
    return row.csrfToken;
  }

  private cookieFrom(headers: Record<string, string | string[] | undefined>): string | null {
    const all = ([] as string[]).concat(headers["set-cookie"] ?? []);
    for (const c of all) {
      const m = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(c);
      if (m) return m[1] || null;
    }
    return null;
  }

  private json(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.http.send({ method, path, headers: { "content-type": "application/json", origin: this.base, ...headers }, body: Buffer.from(JSON.stringify(body)) });
  }

  /** First run: the setup code from the data dir, POST /api/auth/setup, then tokens of every scope. */
  async setUp(): Promise<void> {
    this.setupCode = readFileSync(join(this.dataDir, "setup-code"), "utf8").trim();
    const r = await this.json("POST", "/api/auth/setup", { setupCode: this.setupCode, username: ADMIN_USERNAME, password: this.password });
    const cookie = this.cookieFrom(r.headers);
    if (r.status !== 201 || !cookie) throw new Error(`setup failed: ${r.status} ${r.text}`);
    this.session = { cookie, csrf: await this.csrfFor(cookie) };
    for (const scope of TOKEN_SCOPES) await this.issueToken(scope);
  }

  private async issueToken(scope: TokenScope): Promise<void> {
    // Other requests in flight may have switched the cookie (a sign-in, a password change): read its CSRF token now.
    if (this.session) this.session.csrf = await this.csrfFor(this.session.cookie);
    const r = await this.json("POST", "/api/v1/tokens", { name: `fuzz-${scope}-${Date.now()}`, scopes: [scope] }, this.sessionHeaders());
    const token = (JSON.parse(r.text || "{}") as { token?: string }).token;
    if (r.status !== 201 || !token) throw new Error(`token ${scope}: ${r.status} ${r.text}`);
    this.tokens[scope] = token;
  }

  private sessionHeaders(): Record<string, string> {
    return this.session ? { cookie: `${SESSION_COOKIE}=${this.session.cookie}`, "x-csrf-token": this.session.csrf, origin: this.base } : {};
  }

  /** Headers for one credential kind (after any stale one was recreated). */
  async headersFor(kind: CredentialKind): Promise<Record<string, string>> {
    await this.refresh();
    switch (kind) {
      case "none": return {};
      case "session": return this.sessionHeaders();
      case "session-no-csrf": return this.session ? { cookie: `${SESSION_COOKIE}=${this.session.cookie}`, origin: this.base } : {};
      case "read": case "write": case "admin": return { authorization: `Bearer ${this.tokens[kind] ?? "missing"}` };
      case "bogus-bearer": return { authorization: "Bearer hp_0000000000000000000000000000000000000000000" };
      case "malformed-auth": return { authorization: "Basic YWRtaW46YWRtaW4=" };
      case "garbage-cookie": return { cookie: `${SESSION_COOKIE}=%zz%; other=\u00ff`.replace(/[^\x20-\x7e]/g, "?"), "x-csrf-token": "x" };
    }
  }

  /** Looks at an answer: follows a rotated session cookie, and marks a credential that got 401 as stale. */
  observe(kind: CredentialKind, status: number, headers: Record<string, string | string[] | undefined>): void {
    // A rotated cookie, or a new session (sign-in, password change): its CSRF token is looked up before the next use.
    const cookie = kind === "session" || kind === "session-no-csrf" ? this.cookieFrom(headers) : null;
    if (cookie && this.session && cookie !== this.session.cookie) {
      this.session.cookie = cookie;
      this.stale.add("csrf");
    }
    if (status === 401 && (kind === "session" || kind === "session-no-csrf")) this.stale.add("session");
    if (status === 401 && (kind === "read" || kind === "write" || kind === "admin")) this.stale.add(kind);
  }

  /** A password change the fuzzer made succeed: sign-ins use the new one. */
  passwordChanged(to: string): void {
    this.password = to;
    this.stale.add("session");
  }

  private async refresh(): Promise<void> {
    while (this.stale.size > 0) {
      this.refreshing ??= this.recreateStale().finally(() => (this.refreshing = null));
      await this.refreshing;
    }
  }

  private async stillValid(headers: Record<string, string>): Promise<boolean> {
    return (await this.http.send({ method: "GET", path: "/api/auth/me", headers })).status === 200;
  }

  private count(what: string): void {
    this.recoveries[what] = (this.recoveries[what] ?? 0) + 1;
  }

  /** Recreates what is stale; a failure is counted, not thrown (the fuzz goes on with what it has). */
  private async recreateStale(): Promise<void> {
    try {
      if (this.stale.delete("csrf") && this.session) {
        const row = await this.prisma.session.findUnique({ where: { tokenHash: sha256(this.session.cookie) }, select: { csrfToken: true } });
        if (row) this.session.csrf = row.csrfToken;
        else this.stale.add("session");
      }
      if (this.stale.delete("session") && !(await this.stillValid(this.sessionHeaders()))) await this.newSession();
      for (const scope of TOKEN_SCOPES) {
        if (!this.stale.delete(scope) || (await this.stillValid({ authorization: `Bearer ${this.tokens[scope]}` }))) continue;
        // Requests in flight may end the session meanwhile (logout, logout-all): a few attempts.
        for (let attempt = 1; ; attempt++) {
          if (!(await this.stillValid(this.sessionHeaders()))) await this.newSession();
          try {
            await this.issueToken(scope);
            break;
          } catch (err) {
            if (attempt >= TOKEN_ATTEMPTS) throw err;
          }
        }
        this.count(scope);
      }
    } catch (err) {
      this.stale.clear();
      this.count(`failed: ${(err as Error).message.slice(0, 120)}`);
    }
  }

  /** Signs in again; when sign-in is throttled (the fuzzer tries wrong passwords too), opens a session in the database. */
  private async newSession(): Promise<void> {
    const r = await this.json("POST", "/api/auth/login", { username: ADMIN_USERNAME, password: this.password });
    const cookie = r.status === 200 ? this.cookieFrom(r.headers) : null;
    // A logout-all in flight can end the new session before its CSRF token is read: then open one below.
    const csrf = cookie ? await this.csrfFor(cookie).catch(() => null) : null;
    if (cookie && csrf) {
      this.session = { cookie, csrf };
      this.count("session (signed in again)");
      return;
    }
    const user = await this.prisma.user.findUniqueOrThrow({ where: { username: ADMIN_USERNAME } });
    const s = await createSession(this.prisma, user.id, SESSION_TTL_MS, { ip: "127.0.0.1", userAgent: "fuzz" });
    this.session = { cookie: s.token, csrf: s.session.csrfToken };
    this.count("session (opened in the database: sign-in throttled or raced)");
  }

  async close(): Promise<void> {
    await this.db?.$disconnect();
  }
}
