// Typed failures of talking to Caddy. They are kept apart because the dashboard shows them apart:
// Caddy not answering at all is a different fix from Caddy refusing a config.

/** The admin API did not answer (connection refused, timeout, DNS failure). */
export class CaddyUnreachableError extends Error {
  readonly code = "caddy_unreachable";
  constructor(readonly adminUrl: string, cause: string) {
    super(`Caddy's admin API at ${adminUrl} did not answer: ${cause}`);
  }
}

/** Caddy answered with an error; `caddyMessage` is Caddy's own text (its `error` field). */
export class CaddyRejectedError extends Error {
  readonly code = "caddy_rejected";
  constructor(readonly status: number, readonly caddyMessage: string, readonly request: string) {
    super(`Caddy rejected ${request} (HTTP ${status}): ${caddyMessage}`);
  }
}

/** Caddy has no local CA yet (nothing has used the internal issuer). */
export class CaddyNoLocalCaError extends Error {
  readonly code = "no_local_ca";
  constructor(caddyMessage: string) {
    super(`Caddy has not created its local certificate authority yet (${caddyMessage}); apply a route that uses it first`);
  }
}

/** Caddy's config changed between the plan and the apply in a way the plan did not expect. */
export class CaddyConflictError extends Error {
  readonly code = "caddy_conflict";
  constructor(readonly path: string) {
    super(`Caddy's config changed since the plan (${path} now exists); review the plan again`);
  }
}
