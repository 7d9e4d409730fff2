// The wrapper every route handler goes through: authenticate and authorize, run one lib call,
// answer JSON. Errors become `{ error: { code, message, issues? } }` with the matching status;
// anything unexpected is logged and answered as a plain 500 without details.
import { z } from "zod";
import { getDb, type Db } from "@/lib/db";
import { authenticate, authorize, type Actor, type Scope, SESSION_COOKIE } from "@/lib/auth";
import { log } from "@/lib/log";
import { ApiError, invalidFromIssues, invalidFromZod, ERROR_STATUS, errorBody, errorHeaders } from "./errors";
import { validate } from "./validate";
import { readJsonBody } from "./body";
import { requestMeta, type RequestMeta } from "./request-meta";

export interface HandlerContext<P> {
  req: Request;
  params: P;
  db: Db;
  meta: RequestMeta;
}

export interface AuthedContext<P> extends HandlerContext<P> {
  actor: Actor;
}

type RouteCtx<P> = { params: Promise<P> };

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(err: unknown): Response {
  if (err instanceof ApiError) return json(errorBody(err), ERROR_STATUS[err.code], errorHeaders(err));
  if (err instanceof z.ZodError) return errorResponse(invalidFromZod(err));
  const prismaCode = (err as { code?: unknown } | null)?.code;
  if (prismaCode === "P2002") return errorResponse(new ApiError("conflict", "An object with the same unique value already exists"));
  if (prismaCode === "P2025") return errorResponse(new ApiError("not_found", "Not found"));
  if (prismaCode === "P2003") return errorResponse(new ApiError("conflict", "Another object still refers to this one"));
  log.error("api", "unhandled error", { error: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
  return json({ error: { code: "internal", message: "Internal error; see the server log" } }, 500);
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export const clearSessionCookie = (secure: boolean) => sessionCookie("", 0, secure);

/**
 * Parses a JSON body with a schema; 400 for malformed JSON, 413 for oversize, 422 for schema errors,
 * including a check that throws instead of failing.
 */
export async function parseBody<T extends z.ZodType>(req: Request, schema: T, maxBytes?: number): Promise<z.infer<T>> {
  const body = await readJsonBody(req, maxBytes);
  const r = validate(schema, body);
  if (!r.ok) throw invalidFromIssues(r.issues);
  return r.data;
}

/** Parses the query string with a schema; a value it refuses (or whose check throws) is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const r = validate(schema, params);
  if (!r.ok) {
    const e = invalidFromIssues(r.issues);
    throw new ApiError("bad_request", `Bad query: ${e.message}`, { issues: e.issues });
  }
  return r.data;
}

/** Parses a path parameter; an id the schema refuses (or whose check throws) cannot exist: 404. */
export function parseParam<T extends z.ZodType>(value: unknown, schema: T, what: string): z.infer<T> {
  const r = validate(schema, value);
  if (!r.ok) throw new ApiError("not_found", `${what} not found`);
  return r.data;
}

/** A public handler (no authentication): setup, login, health. */
export function publicRoute<P = Record<string, never>>(fn: (ctx: HandlerContext<P>) => Promise<Response>) {
  return async (req: Request, ctx: RouteCtx<P>): Promise<Response> => {
    try {
      return await fn({ req, params: await ctx.params, db: getDb(), meta: requestMeta(req) });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/**
 * An authenticated handler needing `scope`. Rotated session tokens are sent back as a cookie, on
 * errors too: the old token only lives through the grace window, so a lost rotation signs out.
 */
export function route<P = Record<string, never>>(scope: Scope, fn: (ctx: AuthedContext<P>) => Promise<Response>) {
  return async (req: Request, ctx: RouteCtx<P>): Promise<Response> => {
    const meta = requestMeta(req);
    let authenticated: Actor | null = null;
    const withRotatedCookie = (res: Response): Response => {
      if (authenticated?.type === "user" && authenticated.rotatedToken) {
        res.headers.append("set-cookie", sessionCookie(authenticated.rotatedToken, (authenticated.expiresAt.getTime() - Date.now()) / 1000, meta.secure));
      }
      return res;
    };
    try {
      const db = getDb();
      authenticated = await authenticate(db, req);
      const actor = authorize(req, authenticated, scope);
      return withRotatedCookie(await fn({ req, params: await ctx.params, db, meta, actor }));
    } catch (err) {
      return withRotatedCookie(errorResponse(err));
    }
  };
}
