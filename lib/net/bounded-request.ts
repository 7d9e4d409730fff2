// One HTTP(S) request with an overall deadline (connect, headers and the whole body — not an idle
// timeout, so a peer trickling one byte a second cannot hold us) and a cap on the answer's size.
// Every outbound client Homeport drives (Caddy, DNS and tunnel APIs, notifications) goes through it;
// failures are a BoundedRequestError with a kind each domain maps to its own typed error.
import http, { type IncomingMessage } from "node:http";
import https from "node:https";

export const KIB = 1024;
export const MIB = 1024 * KIB;

export type BoundedFailure = "timeout" | "too_large" | "network" | "aborted";

export class BoundedRequestError extends Error {
  constructor(
    readonly kind: BoundedFailure,
    message: string,
    /** The system error code for network failures (ECONNREFUSED, ENOTFOUND …). */
    readonly code?: string,
    /** The HTTP status, when the failure came after the answer's headers (too_large). */
    readonly status?: number,
  ) {
    super(message);
    this.name = "BoundedRequestError";
  }
}

export interface BoundedRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole exchange — connect, headers, every body byte — must end within this. */
  deadlineMs: number;
  /** Answers larger than this fail with `too_large` (or are cut, with `truncate`). */
  maxBytes: number;
  /** Keep the first maxBytes and stop reading instead of failing (answers only logged, e.g. notifications). */
  truncate?: boolean;
  signal?: AbortSignal;
  /** Dial this address instead of resolving the URL's host (an address the guard already vetted). */
  connectTo?: { address: string; family: 4 | 6 };
  /** TLS: verify the certificate (default true). */
  rejectUnauthorized?: boolean;
  /** TLS: the certificates to trust instead of Node's bundled roots (PEM). */
  ca?: string[];
}

export interface BoundedResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  /** The body was cut at maxBytes (only with `truncate`). */
  truncated: boolean;
  text(): string;
}

/** "10 s", "1.5 s", "250 ms" — for messages. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

/** "4 MiB", "16 KiB", "512 bytes" — for messages. */
export function formatBytes(n: number): string {
  if (n >= MIB && n % MIB === 0) return `${n / MIB} MiB`;
  if (n >= KIB && n % KIB === 0) return `${n / KIB} KiB`;
  return `${n} bytes`;
}

function headersOf(res: IncomingMessage): Headers {
  const h = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      h.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A header value fetch's Headers refuses (non-Latin-1): not one we read; skip it.
      continue;
    }
  }
  return h;
}

const isIpv6Literal = (h: string) => h.startsWith("[");

/** Sends one request; resolves with any HTTP status, rejects with a BoundedRequestError. */
export function boundedRequest(rawUrl: string | URL, opts: BoundedRequestOptions): Promise<BoundedResponse> {
  const url = typeof rawUrl === "string" ? new URL(rawUrl) : rawUrl;
  const isHttps = url.protocol === "https:";
  if (!isHttps && url.protocol !== "http:") return Promise.reject(new BoundedRequestError("network", `the ${url.protocol} scheme is not supported`));
  const body = opts.body === undefined ? undefined : typeof opts.body === "string" ? Buffer.from(opts.body) : opts.body;
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  return new Promise<BoundedResponse>((resolve, reject) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
    };
    const fail = (err: BoundedRequestError) => {
      if (settled) return;
      settled = true;
      cleanup();
      req.destroy();
      reject(err);
    };
    const succeed = (res: IncomingMessage, truncated: boolean) => {
      if (settled) return;
      settled = true;
      cleanup();
      const buf = Buffer.concat(chunks);
      resolve({ status: res.statusCode ?? 0, headers: headersOf(res), body: buf, truncated, text: () => buf.toString("utf8") });
      if (truncated) res.destroy();
    };
    const onAbort = () => fail(new BoundedRequestError("aborted", "the request was cancelled"));
    const req = (isHttps ? https : http).request({
      protocol: url.protocol,
      host: opts.connectTo?.address ?? hostname,
      ...(opts.connectTo ? { family: opts.connectTo.family } : {}),
      port: url.port || (isHttps ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: opts.method ?? "GET",
      // node:http without keep-alive: each exchange owns its socket, so the deadline ends it for good.
      agent: false,
      headers: { host: url.host, connection: "close", ...opts.headers, ...(body ? { "content-length": String(body.length) } : {}) },
      ...(isHttps ? { servername: isIpv6Literal(url.hostname) || /^\d+\.\d+\.\d+\.\d+$/.test(hostname) ? undefined : hostname, rejectUnauthorized: opts.rejectUnauthorized ?? true, ...(opts.ca && { ca: opts.ca }) } : {}),
    });
    const timer = setTimeout(() => fail(new BoundedRequestError("timeout", `no complete answer within ${formatDuration(opts.deadlineMs)}`)), opts.deadlineMs);
    if (opts.signal?.aborted) {
      onAbort();
      return;
    }
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (err: NodeJS.ErrnoException) => fail(new BoundedRequestError("network", err.code ? `${err.code}: ${err.message}` : err.message, err.code)));
    req.on("response", (res) => {
      const declared = Number(res.headers["content-length"]);
      if (!opts.truncate && Number.isFinite(declared) && declared > opts.maxBytes) {
        fail(new BoundedRequestError("too_large", `answer larger than ${formatBytes(opts.maxBytes)} (${declared} bytes announced)`, undefined, res.statusCode));
        return;
      }
      res.on("data", (chunk: Buffer) => {
        if (settled) return;
        const room = opts.maxBytes - size;
        if (chunk.length > room) {
          if (!opts.truncate) {
            fail(new BoundedRequestError("too_large", `answer larger than ${formatBytes(opts.maxBytes)}`, undefined, res.statusCode));
            return;
          }
          chunks.push(chunk.subarray(0, room));
          size = opts.maxBytes;
          succeed(res, true);
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => succeed(res, false));
      res.on("error", (err: NodeJS.ErrnoException) => fail(new BoundedRequestError("network", err.code ?? err.message, err.code)));
      res.on("close", () => {
        if (!res.complete) fail(new BoundedRequestError("network", "the connection closed mid-answer", "ECONNRESET"));
      });
    });
    req.end(body);
  });
}
