// The gate in front of Next.js for /api requests: a manifest of the API's route files decides, before
// Next sees the request, that a path is undecodable (400), unknown (404) or asked with a method it does
// not have (405 with Allow), and answers in the API's JSON error shape instead of Next's HTML or text.
import { readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, relative, sep } from "node:path";
import { AGENT_WS_PATH } from "@/lib/protocol/constants";
import { ApiError, ERROR_STATUS, errorBody } from "./errors";
import { guardJsonErrors, sendJsonError } from "./json-net";

export const API_PREFIX = "/api";
/** Methods a route file can export, in the order `Allow` lists them. */
export const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export type RouteSegment =
  | { kind: "static"; value: string }
  | { kind: "param"; name: string }
  | { kind: "catch-all"; name: string; optional: boolean };

export interface ApiRoute {
  /** As in the app folder, e.g. `/api/v1/services/[id]`. */
  path: string;
  segments: RouteSegment[];
  /** Methods the route file exports. */
  methods: RouteMethod[];
}

export type GateVerdict =
  | { pass: true; route: ApiRoute }
  | { pass: false; status: number; headers: Record<string, string>; error: ApiError | null };

/** Thrown at start-up when the route files cannot be read: the server would answer 404 to everything. */
export class ApiManifestError extends Error {}

const METHOD_NAMES = ROUTE_METHODS.join("|");
const EXPORT_DECLARATION = new RegExp(`^\\s*export\\s+(?:const|let|var|(?:async\\s+)?function\\*?)\\s+(${METHOD_NAMES})\\b`, "gm");
const EXPORT_LIST = /^\s*export\s*\{([^}]*)\}/gm;

/** The HTTP methods a route file's source exports (`export const GET =`, `export async function POST`, `export { x as PUT }`). */
export function exportedMethods(source: string): RouteMethod[] {
  const found = new Set<string>();
  for (const m of source.matchAll(EXPORT_DECLARATION)) found.add(m[1]!);
  for (const m of source.matchAll(EXPORT_LIST)) {
    for (const item of m[1]!.split(",")) {
      const name = item.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) found.add(name);
    }
  }
  return ROUTE_METHODS.filter((x) => found.has(x));
}

/** One folder name of the app router as a path segment; null for segments that are not in the URL. */
export function parseFolder(name: string): RouteSegment | null {
  if (/^\(.*\)$/.test(name) || name.startsWith("@")) return null;
  const optional = /^\[\[\.\.\.(.+)\]\]$/.exec(name);
  if (optional) return { kind: "catch-all", name: optional[1]!, optional: true };
  const catchAll = /^\[\.\.\.(.+)\]$/.exec(name);
  if (catchAll) return { kind: "catch-all", name: catchAll[1]!, optional: false };
  const param = /^\[(.+)\]$/.exec(name);
  if (param) return { kind: "param", name: param[1]! };
  return { kind: "static", value: name };
}

/** Reads every `route.ts` under `<appDir>/api` once (at start-up). */
export function buildApiManifest(appDir = join(process.cwd(), "app")): ApiRoute[] {
  const root = join(appDir, "api");
  const routes: ApiRoute[] = [];
  const walk = (dir: string): void => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, d.name);
      if (d.isDirectory()) {
        if (!d.name.startsWith("_")) walk(full);
      } else if (/^route\.(ts|js|mjs)$/.test(d.name)) {
        const folders = ["api", ...relative(root, dir).split(sep).filter(Boolean)];
        const segments = folders.map(parseFolder).filter((s): s is RouteSegment => s !== null);
        routes.push({ path: `/${folders.join("/")}`, segments, methods: exportedMethods(readFileSync(full, "utf8")) });
      }
    }
  };
  try {
    walk(root);
  } catch (err) {
    throw new ApiManifestError(`Cannot read the API's route files under ${root}: ${(err as Error).message}`);
  }
  if (routes.length === 0) throw new ApiManifestError(`No route files under ${root}; start Homeport from its own folder`);
  return routes.sort((a, b) => compareRoutes(a.segments, b.segments));
}

const RANK = { static: 0, param: 1, "catch-all": 2 } as const;

/** Next's precedence: at the first difference a static segment beats a parameter, which beats a catch-all. */
function compareRoutes(a: RouteSegment[], b: RouteSegment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const byKind = RANK[x.kind] - RANK[y.kind] || Number(x.kind === "catch-all" && x.optional) - Number(y.kind === "catch-all" && y.optional);
    if (byKind !== 0) return byKind;
  }
  return b.length - a.length;
}

function matches(segments: RouteSegment[], raw: string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.kind === "catch-all") return s.optional || raw.length > i;
    const r = raw[i];
    if (r === undefined) return false;
    if (s.kind === "static" && s.value !== r) return false;
  }
  return raw.length === segments.length;
}

/** The route Next would pick for these raw (still %-encoded) segments, or null. */
export function matchRoute(manifest: ApiRoute[], raw: string[]): ApiRoute | null {
  return manifest.find((r) => matches(r.segments, raw)) ?? null;
}

/** What `Allow` lists for a route: its methods, HEAD wherever GET is, and OPTIONS. */
export function allowedMethods(route: ApiRoute): RouteMethod[] {
  const m = new Set<RouteMethod>([...route.methods, "OPTIONS"]);
  if (m.has("GET")) m.add("HEAD");
  return ROUTE_METHODS.filter((x) => m.has(x));
}

const decodes = (s: string): boolean => {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

/** The path of a request target (origin form, or absolute form `http://host/path`). */
function splitTarget(target: string): { path: string; query: string | null } {
  const noOrigin = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "") || "/";
  const q = noOrigin.indexOf("?");
  return q < 0 ? { path: noOrigin, query: null } : { path: noOrigin.slice(0, q), query: noOrigin.slice(q + 1) };
}

const refuse = (error: ApiError, headers: Record<string, string> = {}): GateVerdict => ({ pass: false, status: ERROR_STATUS[error.code], headers, error });

/**
 * Judges one request: null when it is not an /api request (Next handles it), otherwise pass or the
 * answer to give. Static segments match raw text, as in Next; empty segments and a trailing slash
 * are ignored for matching (Next redirects them to the canonical path).
 */
export function judgeApiRequest(manifest: ApiRoute[], method: string, target: string): GateVerdict | null {
  const { path, query } = splitTarget(target);
  if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) return null;
  const raw = path.slice(1).split("/").filter((s) => s !== "");
  if (!raw.every(decodes)) return refuse(new ApiError("bad_request", "The path has a malformed %-escape or is not UTF-8"));
  if (raw.some((s) => /^(\.|%2e){1,2}$/i.test(s))) return refuse(new ApiError("bad_request", "Path segments '.' and '..' are not allowed"));
  if (query !== null && !query.split(/[&=]/).every((p) => decodes(p.replace(/\+/g, " ")))) {
    return refuse(new ApiError("bad_request", "The query string has a malformed %-escape or is not UTF-8"));
  }
  if (`/${raw.join("/")}` === AGENT_WS_PATH) {
    return refuse(new ApiError("upgrade_required", "This is the agents' WebSocket endpoint; connect with a WebSocket upgrade"), { upgrade: "websocket" });
  }
  const route = matchRoute(manifest, raw);
  if (!route) return refuse(new ApiError("not_found", "No such API path; the operations are listed at /api/v1/openapi.json"));
  const allow = allowedMethods(route);
  if (method === "OPTIONS" && !route.methods.includes("OPTIONS")) return { pass: false, status: 204, headers: { allow: allow.join(", ") }, error: null };
  if (!(allow as string[]).includes(method)) {
    return refuse(new ApiError("method_not_allowed", `${method} is not allowed here; allowed: ${allow.join(", ")}`), { allow: allow.join(", ") });
  }
  return { pass: true, route };
}

/**
 * The request hook for server.ts: answers what the gate refuses and returns true; otherwise guards
 * the answer Next will give (no HTML, text or empty error bodies under /api) and returns false.
 */
export function createApiGate(appDir?: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const manifest = buildApiManifest(appDir);
  return (req, res) => {
    const verdict = judgeApiRequest(manifest, req.method ?? "GET", req.url ?? "/");
    if (verdict === null) return false;
    if (verdict.pass) {
      guardJsonErrors(req, res);
      return false;
    }
    sendJsonError(req, res, verdict.status, verdict.error ? errorBody(verdict.error) : null, verdict.headers);
    return true;
  };
}
