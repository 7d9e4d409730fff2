// Sends one request through Caddy for a hostname (SNI + Host) and reports the status and the
// fingerprint header, which says which Homeport entry answered. Certificate trust is not what is
// checked here (devices trust the root themselves), so a CA is optional. Bounded: one overall
// deadline up to the answer's headers (a proxy trickling them cannot hold it), and the body is
// never read — the connection is closed as soon as the headers are in.
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
  const timeoutMs = opts.timeoutMs ?? VERIFY_TIMEOUT_MS;
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: VerifyResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = request(
      {
        host: target.address,
        port: target.httpsPort,
        path: opts.path ?? "/",
        method: "GET",
        servername: hostname,
        agent: false,
        headers: { host: target.httpsPort === 443 ? hostname : `${hostname}:${target.httpsPort}`, "user-agent": "homeport-ingress-check", connection: "close" },
        ...(opts.ca ? { ca: opts.ca } : { rejectUnauthorized: false }),
      },
      (res) => {
        const h = res.headers[FINGERPRINT_HEADER.toLowerCase()];
        finish({ status: res.statusCode ?? null, fingerprint: typeof h === "string" ? h : null, error: null });
        res.destroy();
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on("error", (err) => finish({ status: null, fingerprint: null, error: err.message }));
    req.end();
  });
}
