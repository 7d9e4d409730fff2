// Typed errors of DNS providers: a code the reconciler and the API understand, and a message a
// user can act on (never a secret, never a stack trace).
export type DnsErrorCode = "unavailable" | "unauthorized" | "rate_limited" | "rejected" | "invalid" | "timeout";

export class DnsProviderError extends Error {
  readonly code: DnsErrorCode;
  /** Seconds the provider asked to wait (HTTP Retry-After), when it said so. */
  readonly retryAfterS?: number;

  constructor(code: DnsErrorCode, message: string, opts: { retryAfterS?: number } = {}) {
    super(message);
    this.name = "DnsProviderError";
    this.code = code;
    this.retryAfterS = opts.retryAfterS;
  }
}

/** The message of any thrown value, for outcomes and logs. */
export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
