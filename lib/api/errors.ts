// Typed errors with a code, mapped to HTTP status in one place. Clients see the code and the
// message, never a stack trace.
import type { z } from "zod";

export const ERROR_STATUS = {
  invalid_json: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  upgrade_required: 426,
  rate_limited: 429,
  internal: 500,
  /** An upstream the user configured (an agent, Caddy, a DNS server) cannot be reached now; the message names it. */
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  path: string;
  message: string;
}

const API_ERROR = Symbol.for("homeport.ApiError");

export class ApiError extends Error {
  /**
   * `instanceof` by brand, not by prototype: server.ts and Next's route bundles load this module
   * separately, and an error thrown by the agent hub (server.ts's copy) must still be an ApiError
   * to a route handler (the bundle's copy), or it would be answered as a 500.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [API_ERROR]?: unknown })[API_ERROR] === true;
  }

  readonly [API_ERROR] = true;
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, opts: { issues?: FieldIssue[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.code = code;
    this.issues = opts.issues;
    this.headers = opts.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } } {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

export function invalidFromZod(error: z.ZodError): ApiError {
  return invalidFromIssues(issuesFromZod(error));
}

/** 422 `invalid` whose message names the first offending field. */
export function invalidFromIssues(issues: FieldIssue[]): ApiError {
  const first = issues[0];
  const summary = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "invalid input";
  return new ApiError("invalid", summary, { issues });
}

export const notFound = (what: string) => new ApiError("not_found", `${what} not found`);
export const conflict = (message: string) => new ApiError("conflict", message);
