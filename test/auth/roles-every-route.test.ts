// Every route under app/api, every exported method, as a viewer and an operator (sessions and API
// tokens): a route needing more than the role grants answers 403, one within the role never does,
// and nothing answers 500. The scope is read from the source (`route("read"|"write"|"admin", …)`);
// a public route must be on PUBLIC with a reason, a mutation declared "read" must be an own-account
// route on OWN_ACCOUNT or a dry run on DRY_RUNS, and users, settings, audit and consoles must be admin. A
// new route added without thinking about roles fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { scopeCovers, type Scope } from "@/lib/auth";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { makeRequest, type Auth } from "../helpers/api";
import { createRoleUser, freshSession, freshToken } from "./role-fixtures";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
const PLACEHOLDER_ID = "cmzzzzzzzzzzzzzzzzzzzzzzz";
/** A stream (the event stream) is judged by its status; its body is not waited for. */
const CALL_TIMEOUT_MS = 20_000;

/** Routes anyone may call, each with the reason. */
const PUBLIC: Record<string, string> = {
  "POST /api/auth/login": "signing in (throttled per address and account)",
  "POST /api/auth/setup": "first run only, with the setup code from the server log",
  "GET /api/health": "liveness for Docker and reverse proxies; reveals nothing",
  "GET /api/v1/openapi.json": "the API description, the same for everyone",
  "POST /api/v1/agents/enroll": "an agent enrolling with its one-time enrollment token",
  "POST /api/v1/push/[token]": "push checks: a heartbeat URL whose secret token is the credential",
  "GET /api/v1/push/[token]": "push checks: the same heartbeat URL for senders that can only GET",
  "GET /api/v1/status-pages/public/[slug]": "a published status page: names, states and uptime only (rate-limited per address; unknown or unpublished slugs are 404)",
};

/** Mutations declared "read": they only touch the caller's own account. */
const OWN_ACCOUNT: Record<string, string> = {
  "POST /api/auth/logout": "ends the caller's own session",
  "POST /api/auth/logout-all": "ends the caller's own sessions everywhere",
  "POST /api/auth/password": "changes the caller's own password (needs the current one; sessions only)",
  "POST /api/auth/totp/setup": "starts the caller's own two-factor set-up (sessions only)",
  "POST /api/auth/totp/enable": "turns on the caller's own two-factor (sessions only)",
  "POST /api/auth/totp/disable": "turns off the caller's own two-factor with password and code (sessions only)",
  "POST /api/v1/tokens": "creates the caller's own API token, never beyond the caller's role",
  "DELETE /api/v1/tokens/[id]": "revokes one of the caller's own API tokens",
  "POST /api/v1/checkin/seen": "marks the caller's own check-in page as seen",
};

/** POSTs declared "read" that change nothing (a dry run computing a plan). */
const DRY_RUNS: Record<string, string> = {
  "POST /api/v1/routes/plan": "previews what a route would create; nothing is stored or applied",
  "POST /api/v1/gamedays/plan": "shows a game day's blast radius and prediction; nothing is started",
  "POST /api/v1/hosts/[id]/firewall/plan": "previews the nftables text and its diff; nothing is applied",
};

/** Routes that refuse API tokens by design (403 for a token within its role is expected). */
const SESSION_ONLY = new Set([
  "POST /api/auth/password",
  "POST /api/auth/totp/setup",
  "POST /api/auth/totp/enable",
  "POST /api/auth/totp/disable",
  // Token management from a token needs an admin token (a read token cannot mint more).
  "GET /api/v1/tokens",
  "POST /api/v1/tokens",
  "DELETE /api/v1/tokens/[id]",
]);

/** Paths that must need the admin scope whatever their method. */
const ADMIN_ONLY_PATHS = [/^\/api\/v1\/users(\/|$)/, /^\/api\/v1\/settings(\/|$)/, /^\/api\/v1\/audit(\/|$)/, /\/(exec|console)(\/|$)/];

interface Endpoint {
  name: string;
  method: Method;
  urlPath: string;
  file: string;
  params: string[];
  scope: Scope | "public" | "undeclared";
}

/**
 * The scope a method's handler declares: `export const M = route("…", …)`, or a const it re-exports
 * (`const h = route("…", …); export const PUT = h;`). `publicRoute` and a plain exported function
 * (no wrapper at all) are public.
 */
function declaredScope(src: string, method: Method): Endpoint["scope"] {
  if (new RegExp(`export\\s+(?:async\\s+)?function\\s+${method}\\b`).test(src)) return "public";
  const m = new RegExp(`export\\s+const\\s+${method}\\s*=\\s*`).exec(src);
  if (!m) return "undeclared";
  let at = m.index + m[0].length;
  const alias = /^([A-Za-z_$][\w$]*)\s*;/.exec(src.slice(at));
  if (alias?.[1]) {
    const def = new RegExp(`const\\s+${alias[1]}\\s*=\\s*`).exec(src);
    if (!def) return "undeclared";
    at = def.index + def[0].length;
  }
  const head = src.slice(at, at + 120);
  if (/^publicRoute\b/.test(head)) return "public";
  const scope = /^route\s*(?:<[^>]*>)?\(\s*"(read|write|admin)"/.exec(head)?.[1];
  return (scope as Scope | undefined) ?? "undeclared";
}

function discover(dir: string, appDir: string): Endpoint[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = join(dir, d.name);
    if (d.isDirectory()) return discover(full, appDir);
    if (d.name !== "route.ts") return [];
    const urlPath = `/${relative(appDir, dir).split(sep).join("/")}`;
    const params = [...urlPath.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
    const src = readFileSync(full, "utf8");
    return METHODS.filter((m) => new RegExp(`export\\s+(?:const|async\\s+function|function)\\s+${m}\\b`).test(src)).map((method) => ({
      name: `${method} ${urlPath}`,
      method,
      urlPath,
      file: full,
      params,
      scope: declaredScope(src, method),
    }));
  });
}

const appDir = join(process.cwd(), "app");
const ENDPOINTS = discover(join(appDir, "api"), appDir).sort((a, b) => a.name.localeCompare(b.name));

let t: TestDb;
const users: Record<"viewer" | "operator", string> = { viewer: "", operator: "" };

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUser(t.db, "root-admin", "admin");
  users.viewer = await createRoleUser(t.db, "vera-viewer", "viewer");
  users.operator = await createRoleUser(t.db, "otto-operator", "operator");
});
afterAll(async () => {
  await t.cleanup();
});

/** Calls an endpoint with a placeholder id and an empty JSON body; returns the status and body text. */
async function callEndpoint(ep: Endpoint, auth: Auth): Promise<{ status: number; text: string }> {
  const mod = (await import(ep.file)) as Record<string, unknown>;
  const handler = mod[ep.method] as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
  const params = Object.fromEntries(ep.params.map((p) => [p, p === "version" ? "1" : PLACEHOLDER_ID]));
  const path = ep.urlPath.replace(/\[([^\]]+)\]/g, (_m, p: string) => encodeURIComponent(params[p] ?? PLACEHOLDER_ID));
  const abort = new AbortController();
  const base = makeRequest(path, { method: ep.method, auth, ...(ep.method === "GET" ? {} : { body: {} }) });
  const req = new Request(base, { signal: abort.signal });
  try {
    const res = await handler(req, { params: Promise.resolve(params) });
    if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
      abort.abort();
      await res.body?.cancel().catch(() => undefined);
      return { status: res.status, text: "(event stream)" };
    }
    return { status: res.status, text: (await res.text()).slice(0, 300) };
  } finally {
    abort.abort();
  }
}

type Credential = { label: string; role: "viewer" | "operator"; kind: "session" | "token"; grants: Scope[] };
const CREDENTIALS: Credential[] = [
  { label: "viewer session", role: "viewer", kind: "session", grants: ["read"] },
  { label: "operator session", role: "operator", kind: "session", grants: ["write"] },
  { label: "viewer token (read)", role: "viewer", kind: "token", grants: ["read"] },
  { label: "operator token (write)", role: "operator", kind: "token", grants: ["write"] },
];

async function credentialFor(c: Credential): Promise<Auth> {
  const userId = users[c.role];
  return c.kind === "session" ? freshSession(t.db, userId) : freshToken(t.db, userId, c.grants);
}

describe("route declarations", () => {
  it("finds the API's routes", () => {
    expect(ENDPOINTS.length).toBeGreaterThanOrEqual(90);
    expect(ENDPOINTS.map((e) => e.name)).toContain("POST /api/v1/users");
  });

  for (const ep of ENDPOINTS) {
    it(`${ep.name} declares its scope deliberately`, () => {
      expect(ep.scope, `${ep.name} (${relative(process.cwd(), ep.file)}) wraps its handler in neither route(scope, …) nor publicRoute`).not.toBe("undeclared");
      if (ep.scope === "public") {
        expect(PUBLIC[ep.name], `${ep.name} is public: add it to PUBLIC with the reason, or wrap it in route(scope, …)`).toBeDefined();
        return;
      }
      expect(PUBLIC[ep.name], `${ep.name} is on PUBLIC but needs "${ep.scope}"`).toBeUndefined();
      if (ep.method !== "GET" && ep.scope === "read") {
        expect(OWN_ACCOUNT[ep.name] ?? DRY_RUNS[ep.name], `${ep.name} changes something with only "read": give it "write" or "admin", or add it to OWN_ACCOUNT or DRY_RUNS with the reason`).toBeDefined();
      }
      if (ADMIN_ONLY_PATHS.some((p) => p.test(ep.urlPath))) expect(ep.scope, `${ep.name} is an admin area`).toBe("admin");
    });
  }

  it("lists no allowlisted route that no longer exists with that declaration", () => {
    const byName = new Map(ENDPOINTS.map((e) => [e.name, e]));
    for (const name of [...Object.keys(OWN_ACCOUNT), ...Object.keys(DRY_RUNS)]) expect(byName.get(name)?.scope, name).toBe("read");
  });
});

describe.each(CREDENTIALS)("as a $label", (c) => {
  for (const ep of ENDPOINTS) {
    if (ep.scope === "public" || ep.scope === "undeclared") continue;
    const scope = ep.scope;
    const allowed = scopeCovers(c.grants, scope);
    const title = allowed ? `${ep.name} (${scope}) is not refused for the role` : `${ep.name} (${scope}) → 403`;
    it(title, async () => {
      const r = await callEndpoint(ep, await credentialFor(c));
      // 503 is a domain answer (something Homeport depends on, such as Caddy, is not there); 500 is a crash.
      expect(r.status, `${ep.name} answered ${r.status}: ${r.text}`).not.toBe(500);
      if (!allowed) {
        expect(r.status, `${c.label} reached ${ep.name}, which needs "${scope}": ${r.text}`).toBe(403);
        expect(r.text).toMatch(new RegExp(`'${scope}' scope`));
      } else if (!(c.kind === "token" && SESSION_ONLY.has(ep.name))) {
        expect(r.status, `${c.label} was refused ${ep.name}, which only needs "${scope}": ${r.text}`).not.toBe(403);
      }
    }, CALL_TIMEOUT_MS);
  }
});
