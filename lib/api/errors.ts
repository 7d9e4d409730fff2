// Domain errors (lib/errors.ts) as HTTP: each code's status, in one place, and the JSON body.
// Clients see the code and the message, never a stack trace.
import type { DomainError, ErrorCode, FieldIssue } from "@/lib/errors";

export { DomainError as ApiError, conflict, invalidFromIssues, invalidFromZod, issuesFromZod, notFound, type ErrorCode, type FieldIssue } from "@/lib/errors";

export const ERROR_STATUS: Record<ErrorCode, number> = {
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
};

/** The body of an error answer. */
export function errorBody(e: DomainError): { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } } {
  return { error: { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) } };
}

export function errorHeaders(e: DomainError): Record<string, string> {
  return e.retryAfterSeconds !== undefined ? { "retry-after": String(Math.max(0, Math.ceil(e.retryAfterSeconds))) } : {};
}
