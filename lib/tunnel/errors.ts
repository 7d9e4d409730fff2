// Typed failures of a tunnel provider's API, kept apart because each needs a different fix.

export class TunnelError extends Error {
  constructor(readonly code: "unreachable" | "unauthorized" | "rejected" | "rate_limited" | "not_found" | "invalid", message: string) {
    super(message);
  }
}

/** The provider's API did not answer. */
export class TunnelUnreachableError extends TunnelError {
  constructor(cause: string) {
    super("unreachable", `The tunnel provider's API did not answer: ${cause}`);
  }
}

/** The credentials were refused (Cloudflare: 401/403, code 10000 "Authentication error"). */
export class TunnelAuthError extends TunnelError {
  constructor(providerMessage: string) {
    super("unauthorized", `The tunnel provider refused the credentials: ${providerMessage}`);
  }
}

/** The provider refused the request's content, with its own message. */
export class TunnelRejectedError extends TunnelError {
  constructor(readonly providerMessage: string, readonly status: number) {
    super("rejected", `The tunnel provider rejected the change (HTTP ${status}): ${providerMessage}`);
  }
}

/** Too many requests; `retryAfterSeconds` from the Retry-After header when given. */
export class TunnelRateLimitedError extends TunnelError {
  constructor(readonly retryAfterSeconds: number | null) {
    super("rate_limited", `The tunnel provider is rate limiting requests${retryAfterSeconds ? `; retry in ${retryAfterSeconds} s` : ""}`);
  }
}

/** The account or tunnel id does not exist for these credentials. */
export class TunnelNotFoundError extends TunnelError {
  constructor(providerMessage: string) {
    super("not_found", `The tunnel was not found: ${providerMessage}`);
  }
}
