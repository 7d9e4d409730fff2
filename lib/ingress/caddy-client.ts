// A small client for Caddy's admin API (JSON config): read the whole config, send one targeted
// change, read the local CA's root. Every call is bounded by ADMIN_TIMEOUT_MS.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { CaddyNoLocalCaError, CaddyRejectedError, CaddyUnreachableError } from "./errors";
import type { AdminOp } from "./types";

export const ADMIN_TIMEOUT_MS = 10_000;
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
  timeoutMs?: number;
  /** Sent with every call, e.g. an Authorization header for an admin API behind a proxy. */
  headers?: Record<string, string>;
}

export function createCaddyAdmin(adminUrl: string, opts: CaddyAdminOptions = {}): CaddyAdmin {
  const base = adminUrl.replace(/\/+$/, "");
  const timeoutMs = opts.timeoutMs ?? ADMIN_TIMEOUT_MS;

  // node:http without keep-alive: Caddy closes the admin connection after each config change,
  // and a pooled socket reused after that fails with a reset that looks like an outage.
  function call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const url = new URL(base + path);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method,
          agent: false,
          timeout: timeoutMs,
          headers: { ...opts.headers, ...(payload === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", (err) => reject(new CaddyUnreachableError(adminUrl, err.message)));
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on("error", (err: NodeJS.ErrnoException) => reject(new CaddyUnreachableError(adminUrl, err.code ?? err.message)));
      req.end(payload);
    });
  }

  function caddyError(status: number, text: string, request: string): CaddyRejectedError {
    let message = text.trim();
    try {
      const parsed = JSON.parse(text) as { error?: unknown };
      if (typeof parsed.error === "string") message = parsed.error;
    } catch {
      // Not JSON (e.g. a proxy in front of the admin API): keep the raw text.
    }
    return new CaddyRejectedError(status, message || `HTTP ${status}`, request);
  }

  return {
    adminUrl,
    async getConfig() {
      const r = await call("GET", "/config/");
      if (r.status !== 200) throw caddyError(r.status, r.text, "GET /config/");
      return r.text.trim() === "" ? null : (JSON.parse(r.text) as unknown);
    },
    async getPath(path) {
      const r = await call("GET", path);
      if (r.status !== 200) throw caddyError(r.status, r.text, `GET ${path}`);
      return r.text.trim() === "" ? null : (JSON.parse(r.text) as unknown);
    },
    async send(op) {
      const r = await call(op.method, op.path, op.body);
      if (r.status < 200 || r.status >= 300) throw caddyError(r.status, r.text, `${op.method} ${op.path}`);
    },
    async getRootCertificate() {
      const r = await call("GET", `/pki/ca/${LOCAL_CA_ID}`);
      if (r.status === 404) throw new CaddyNoLocalCaError(caddyError(r.status, r.text, "").caddyMessage);
      if (r.status !== 200) throw caddyError(r.status, r.text, `GET /pki/ca/${LOCAL_CA_ID}`);
      const pem = (JSON.parse(r.text) as { root_certificate?: unknown }).root_certificate;
      if (typeof pem !== "string" || !pem.includes("BEGIN CERTIFICATE")) throw new CaddyRejectedError(r.status, "no root_certificate in the answer", "GET /pki/ca/local");
      return pem;
    },
  };
}
