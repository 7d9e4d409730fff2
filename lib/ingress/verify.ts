// Sends one request through Caddy for a hostname (SNI + Host) and reports the status and the
// fingerprint header, which says which Homeport entry answered. Certificate trust is not what is
// checked here (devices trust the root themselves), so a CA is optional.
import { request } from "node:https";
import { FINGERPRINT_HEADER } from "./caddy-config";

export const VERIFY_TIMEOUT_MS = 5_000;

export interface ProxyTarget {
  /** Address where Caddy listens, e.g. 127.0.0.1 or 192.168.1.10. */
  address: string;
  httpsPort: number;
}

export interface VerifyResult {
  status: number | null;
  fingerprint: string | null;
  error: string | null;
}

export function requestThroughProxy(target: ProxyTarget, hostname: string, opts: { path?: string; ca?: string; timeoutMs?: number } = {}): Promise<VerifyResult> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: target.address,
        port: target.httpsPort,
        path: opts.path ?? "/",
        method: "GET",
        servername: hostname,
        headers: { host: target.httpsPort === 443 ? hostname : `${hostname}:${target.httpsPort}`, "user-agent": "homeport-ingress-check" },
        ...(opts.ca ? { ca: opts.ca } : { rejectUnauthorized: false }),
        timeout: opts.timeoutMs ?? VERIFY_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        const h = res.headers[FINGERPRINT_HEADER.toLowerCase()];
        resolve({ status: res.statusCode ?? null, fingerprint: typeof h === "string" ? h : null, error: null });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${opts.timeoutMs ?? VERIFY_TIMEOUT_MS} ms`)));
    req.on("error", (err) => resolve({ status: null, fingerprint: null, error: err.message }));
    req.end();
  });
}
