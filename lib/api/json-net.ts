// The safety net under /api: an error answer that Next.js itself produces (HTML page, plain text,
// empty body) is rewritten into the API's JSON shape `{ error: { code, message } }` before it leaves.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { log } from "@/lib/log";
import type { ErrorCode } from "./errors";

const JSON_TYPE = "application/json; charset=utf-8";
/** Longest request target written to the log for a rewritten answer. */
const MAX_LOGGED_TARGET = 200;
/** Headers that describe the body being replaced. */
const BODY_HEADERS = ["content-length", "content-encoding", "content-type", "transfer-encoding", "etag", "last-modified", "content-range"];

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 409: "conflict",
  413: "payload_too_large", 415: "unsupported_media_type", 422: "invalid", 426: "upgrade_required", 429: "rate_limited",
};
const MESSAGE_BY_CODE: Partial<Record<ErrorCode, string>> = {
  bad_request: "Bad request",
  unauthorized: "Sign in or send an API token",
  forbidden: "Forbidden",
  not_found: "No such API path; the operations are listed at /api/v1/openapi.json",
  method_not_allowed: "Method not allowed",
  payload_too_large: "Request too large",
  internal: "Internal error; see the server log",
};

/** The error body for a status whose answer came from Next rather than from a route handler. */
export function fallbackError(status: number): { code: ErrorCode; message: string } {
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? "internal" : "bad_request");
  return { code, message: MESSAGE_BY_CODE[code] ?? `Request refused (HTTP ${status})` };
}

export function isJsonType(type: unknown): boolean {
  const t = Array.isArray(type) ? type[0] : type;
  return typeof t === "string" && /^application\/(json|[\w.+-]+\+json)\s*(;|$)/i.test(t.trim());
}

/** Writes a JSON error answer (or an empty one when `body` is null, e.g. 204 to OPTIONS). */
export function sendJsonError(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = body === null ? "" : JSON.stringify(body);
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader("cache-control", "no-store");
  res.setHeader("x-content-type-options", "nosniff");
  if (body !== null) res.setHeader("content-type", JSON_TYPE);
  res.setHeader("content-length", Buffer.byteLength(payload));
  res.end(req.method === "HEAD" ? undefined : payload);
}

function headerIn(headers: unknown, name: string): unknown {
  if (!headers || typeof headers !== "object") return undefined;
  if (Array.isArray(headers)) {
    const flat = headers.flat() as unknown[];
    for (let i = 0; i + 1 < flat.length; i += 2) if (String(flat[i]).toLowerCase() === name) return flat[i + 1];
    return undefined;
  }
  for (const [k, v] of Object.entries(headers as OutgoingHttpHeaders)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function applyHeaders(res: ServerResponse, headers: unknown): void {
  if (!headers || typeof headers !== "object") return;
  const pairs: [string, unknown][] = [];
  if (Array.isArray(headers)) {
    const flat = headers.flat() as unknown[];
    for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([String(flat[i]), flat[i + 1]]);
  } else {
    pairs.push(...Object.entries(headers as OutgoingHttpHeaders));
  }
  for (const [k, v] of pairs) {
    if (v !== undefined) res.setHeader(k, v as string | number | readonly string[]);
  }
}

/**
 * Wraps `res` so that an answer with status >= 400 and a body that is not JSON becomes the JSON error
 * shape. Answers from route handlers are JSON already and pass untouched; so does every success.
 */
export function guardJsonErrors(req: IncomingMessage, res: ServerResponse): void {
  const { writeHead, write, end } = res;
  let replacement: string | null = null;

  const replaces = (status: number, type: unknown) => replacement === null && !res.headersSent && status >= 400 && !isJsonType(type);
  const replace = (status: number) => {
    const error = fallbackError(status);
    replacement = JSON.stringify({ error });
    for (const h of BODY_HEADERS) res.removeHeader(h);
    res.setHeader("content-type", JSON_TYPE);
    res.setHeader("content-length", Buffer.byteLength(replacement));
    res.setHeader("cache-control", "no-store");
    const fields = { status, target: (req.url ?? "").slice(0, MAX_LOGGED_TARGET), method: req.method };
    if (status >= 500) log.error("api", "Next.js answered an API request with an error page; sent the JSON error shape instead", fields);
    else log.debug("api", "rewrote a non-JSON error answer", fields);
  };

  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const statusMessage = typeof rest[0] === "string" ? rest[0] : undefined;
    const headers = statusMessage === undefined ? rest[0] : rest[1];
    if (replaces(statusCode, headerIn(headers, "content-type") ?? res.getHeader("content-type"))) {
      applyHeaders(res, headers);
      replace(statusCode);
    }
    const original = writeHead as (...a: unknown[]) => ServerResponse;
    if (replacement === null) return original.call(this, statusCode, ...rest);
    return statusMessage === undefined ? original.call(this, statusCode) : original.call(this, statusCode, statusMessage);
  } as ServerResponse["writeHead"];

  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (replaces(res.statusCode, res.getHeader("content-type"))) replace(res.statusCode);
    if (replacement === null) return (write as (...a: unknown[]) => boolean).apply(this, args);
    const cb = args.find((a): a is () => void => typeof a === "function");
    if (cb) process.nextTick(cb);
    return true;
  } as ServerResponse["write"];

  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (replaces(res.statusCode, res.getHeader("content-type"))) replace(res.statusCode);
    if (replacement === null) return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    const cb = args.find((a): a is () => void => typeof a === "function");
    return cb ? end.call(this, replacement, "utf8", cb) : end.call(this, replacement, "utf8");
  } as ServerResponse["end"];
}
