// Errors as values: what went wrong, with a code, in the domain's own words. Domain code throws
// DomainError; lib/api maps each code to an HTTP status in one place (lib/api/errors.ts), and
// clients see the code and the message, never a stack trace.
import type { z } from "zod";

export const ERROR_CODES = [
  "invalid_json",
  "bad_request",
  "unauthorized",
  "forbidden",
  "csrf",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "invalid",
  "upgrade_required",
  "rate_limited",
  "internal",
  /** Something Homeport depends on (an agent, Caddy, a DNS server) cannot be reached now; the message names it. */
  "unavailable",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

const BRAND = Symbol.for("homeport.DomainError");

export class DomainError extends Error {
  /**
   * `instanceof` by brand, not by prototype: server.ts and Next's route bundles load this module
   * separately, and an error thrown by the agent hub (server.ts's copy) must still be a
   * DomainError to a route handler (the bundle's copy), or it would be answered as a 500.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  /** For `rate_limited`: when to try again. */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, opts: { issues?: FieldIssue[]; retryAfterSeconds?: number } = {}) {
    super(message);
    this.code = code;
    this.issues = opts.issues;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} not found`);
export const conflict = (message: string) => new DomainError("conflict", message);

/** `invalid` whose message names the first offending field. */
export function invalidFromIssues(issues: FieldIssue[]): DomainError {
  const first = issues[0];
  const summary = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "invalid input";
  return new DomainError("invalid", summary, { issues });
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  // A refused record key carries the key schema's own words (e.g. "homeport.* is reserved") inside.
  const words = (i: z.core.$ZodIssue) => (i.code === "invalid_key" && i.issues[0] ? i.issues[0].message : i.message);
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: words(i) }));
}

export function invalidFromZod(error: z.ZodError): DomainError {
  return invalidFromIssues(issuesFromZod(error));
}
