// A small client for Caddy's admin API (JSON config): read the whole config, send one targeted
// change, read the local CA's root. Every call goes through lib/net's bounded request: one overall
// deadline (ADMIN_TIMEOUT_MS, connect to last byte) and a size cap, so a trickling or flooding
// "Caddy" cannot hold the routes lock; answers that are not JSON are typed rejections.
import { rememberAdminEndpoint } from "@/lib/net/admin-endpoints";
import { boundedRequest, BoundedRequestError, MIB } from "@/lib/net/bounded-request";
import { CaddyNoLocalCaError, CaddyRejectedError, CaddyUnreachableError } from "./errors";
import type { AdminOp } from "./types";

export const ADMIN_TIMEOUT_MS = 10_000;
/**
 * A config change may take Caddy longer: loading TLS automation (its internal CA, installing the
 * root) on a busy machine was seen to take over 10 s. Still bounded, so the routes lock is too.
 */
export const ADMIN_WRITE_TIMEOUT_MS = 30_000;
/** Caddy's whole config (every route, inline certificates) can be large; this fits thousands of routes. */
export const CADDY_CONFIG_MAX_BYTES = 16 * MIB;
/** How a Caddy admin API is named where a target is refused for pointing at it (lib/net/admin-endpoints). */
export const CADDY_ADMIN_WHAT = "Caddy's admin API";
/** Caddy's PKI app names its default CA "local". */
export const LOCAL_CA_ID = "local";

export interface CaddyAdmin {
  readonly adminUrl: string;
  /** GET /config/ — the whole running config (null when Caddy runs with none). */
  getConfig(): Promise<unknown>;
  /** GET /config/<path> — the value there, or null when nothing is set. */
  getPath(path: string): Promise<unknown>;
  /** Sends one change; resolves when Caddy has loaded the new config, rejects with Caddy's error text. */
  send(op: AdminOp): Promise<void>;
  /** The PEM root certificate of Caddy's internal CA (GET /pki/ca/local). */
  getRootCertificate(): Promise<string>;
}

export interface CaddyAdminOptions {
  /** Overall deadline of one call (connect, headers and body). */
  timeoutMs?: number;
  /** Size cap of one answer. */
  maxBytes?: number;
  /** Sent with every call, e.g. an Authorization header for an admin API behind a proxy. */
  headers?: Record<string, string>;
}

export function createCaddyAdmin(adminUrl: string, opts: CaddyAdminOptions = {}): CaddyAdmin {
  const base = adminUrl.replace(/\/+$/, "");
  const timeoutMs = opts.timeoutMs ?? ADMIN_TIMEOUT_MS;
  const writeTimeoutMs = opts.timeoutMs ?? ADMIN_WRITE_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? CADDY_CONFIG_MAX_BYTES;
  // Probes and route upstreams may not point at an admin API Homeport drives.
  rememberAdminEndpoint(adminUrl, `${CADDY_ADMIN_WHAT} at ${base}`);

  // Without keep-alive (boundedRequest's default): Caddy closes the admin connection after each
  // config change, and a pooled socket reused after that fails with a reset that looks like an outage.
  async function call(method: string, path: string, body?: unknown, deadlineMs = timeoutMs): Promise<{ status: number; text: string }> {
    const request = `${method} ${path}`;
    let url: URL;
    try {
      url = new URL(base + path);
    } catch {
      throw new CaddyUnreachableError(adminUrl, "not a valid URL");
    }
    const payload = body === undefined ? undefined : JSON.stringify(body);
    try {
      const r = await boundedRequest(url, {
        method,
        deadlineMs,
        maxBytes,
        headers: { ...opts.headers, ...(payload === undefined ? {} : { "content-type": "application/json" }) },
        body: payload,
      });
      return { status: r.status, text: r.text() };
    } catch (err) {
      if (!(err instanceof BoundedRequestError)) throw err;
      if (err.kind === "too_large") throw new CaddyRejectedError(err.status ?? 0, `${err.message} (Homeport's limit for Caddy's admin API)`, request);
      throw new CaddyUnreachableError(adminUrl, err.kind === "network" ? (err.code ?? err.message) : err.message);
    }
  }

  function caddyError(status: number, text: string, request: string): CaddyRejectedError {
    let message = text.trim();
    try {
      const parsed = JSON.parse(text) as { error?: unknown };
      if (typeof parsed.error === "string") message = parsed.error;
    } catch {
      // Not JSON (e.g. a proxy in front of the admin API): keep the raw text.
    }
    return new CaddyRejectedError(status, message.slice(0, 2000) || `HTTP ${status}`, request);
  }

  /** The answer as JSON (null when empty); anything else is a typed rejection, never a SyntaxError. */
  function parseJson(r: { status: number; text: string }, request: string): unknown {
    if (r.text.trim() === "") return null;
    try {
      return JSON.parse(r.text) as unknown;
    } catch (err) {
      throw new CaddyRejectedError(r.status, `the answer is not JSON (${err instanceof Error ? err.message : String(err)}): ${r.text.slice(0, 200)}`, request);
    }
  }

  return {
    adminUrl,
    async getConfig() {
      const r = await call("GET", "/config/");
      if (r.status !== 200) throw caddyError(r.status, r.text, "GET /config/");
      return parseJson(r, "GET /config/");
    },
    async getPath(path) {
      const r = await call("GET", path);
      if (r.status !== 200) throw caddyError(r.status, r.text, `GET ${path}`);
      return parseJson(r, `GET ${path}`);
    },
    async send(op) {
      const r = await call(op.method, op.path, op.body, writeTimeoutMs);
      if (r.status < 200 || r.status >= 300) throw caddyError(r.status, r.text, `${op.method} ${op.path}`);
    },
    async getRootCertificate() {
      const request = `GET /pki/ca/${LOCAL_CA_ID}`;
      const r = await call("GET", `/pki/ca/${LOCAL_CA_ID}`);
      if (r.status === 404) throw new CaddyNoLocalCaError(caddyError(r.status, r.text, "").caddyMessage);
      if (r.status !== 200) throw caddyError(r.status, r.text, request);
      const pem = (parseJson(r, request) as { root_certificate?: unknown } | null)?.root_certificate;
      if (typeof pem !== "string" || !pem.includes("BEGIN CERTIFICATE")) throw new CaddyRejectedError(r.status, "no root_certificate in the answer", request);
      return pem;
    },
  };
}
