// HTTP(S) checks with node:http(s) (not fetch, so every phase can be timed): method, accepted
// status range, keyword, redirects re-checked hop by hop against the safety rules, certificate
// expiry and issuer, and a size cap on the body read.
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { performance } from "node:perf_hooks";
import type { TLSSocket } from "node:tls";
import type { Socket } from "node:net";
import { ProbeError } from "../errors";
import { resolveHost } from "../resolve";
import { isIpLiteral, urlRefusal } from "../safety";
import { FINGERPRINT_HEADER, parseFingerprint, type CheckResult, type HttpTarget, type Timing } from "../schemas";
import { failResult, ms, okResult, type CheckRunner } from "../types";
import { tlsExpiryProblem, tlsInfo, type TlsInfo } from "./tls-info";

/** Bytes of body read at most (for the keyword); the rest is not downloaded. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const PROBE_USER_AGENT = "Homeport-Probe/1";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const FINGERPRINT_HEADER_LC = FINGERPRINT_HEADER.toLowerCase();

interface Hop {
  statusCode: number;
  location: string | null;
  body: string | null;
  fingerprint: string | null;
  timing: Timing;
  tls: TlsInfo | null;
}

function requestOnce(url: URL, target: HttpTarget, signal: AbortSignal, readBody: boolean, dnsMs: number | null, address: string, family: 4 | 6): Promise<Hop> {
  const isHttps = url.protocol === "https:";
  const t0 = performance.now();
  let connectAt: number | null = null;
  let tlsAt: number | null = null;
  let firstByteAt: number | null = null;
  let tls: TlsInfo | null = null;
  const options: https.RequestOptions = {
    host: address,
    family,
    port: url.port || (isHttps ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    method: target.method,
    headers: { host: url.host, "user-agent": PROBE_USER_AGENT, accept: "*/*", connection: "close" },
    agent: false,
    signal,
    ...(isHttps ? { servername: isIpLiteral(url.hostname) ? undefined : url.hostname, rejectUnauthorized: target.verifyTls } : {}),
  };
  return new Promise<Hop>((resolve, reject) => {
    const req = (isHttps ? https : http).request(options);
    req.once("socket", (socket: Socket) => {
      socket.once("connect", () => { connectAt = performance.now(); });
      if (isHttps) {
        socket.once("secureConnect", () => {
          tlsAt = performance.now();
          tls = tlsInfo(socket as TLSSocket);
        });
      }
    });
    req.once("error", reject);
    req.once("response", (res: IncomingMessage) => {
      firstByteAt = performance.now();
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        const connectedAt = tlsAt ?? connectAt;
        resolve({
          statusCode: res.statusCode ?? 0,
          location: typeof res.headers.location === "string" ? res.headers.location : null,
          body: readBody ? Buffer.concat(chunks).toString("utf8") : null,
          fingerprint: parseFingerprint(res.headers[FINGERPRINT_HEADER_LC]),
          tls,
          timing: {
            dnsMs: ms(dnsMs),
            connectMs: ms(connectAt === null ? null : connectAt - t0),
            tlsMs: ms(tlsAt === null || connectAt === null ? null : tlsAt - connectAt),
            firstByteMs: ms(connectedAt === null ? null : (firstByteAt ?? connectedAt) - connectedAt),
          },
        });
      };
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (readBody) chunks.push(chunk);
        if (size >= MAX_BODY_BYTES) {
          // Size cap: stop downloading; judge what was read.
          res.removeAllListeners("data");
          finish();
          res.destroy();
        }
      });
      res.once("end", finish);
      res.once("error", (err) => { if (!done) reject(err); });
      res.once("aborted", () => { if (!done) reject(new ProbeError("reset", "the connection closed mid-response")); });
    });
    req.end();
  });
}

export class HttpCheck<T extends "http" | "https"> implements CheckRunner<T> {
  readonly capabilities = { tls: true, http: true, phases: ["dnsMs", "connectMs", "tlsMs", "firstByteMs"] as (keyof Timing)[] };

  constructor(readonly type: T) {}

  describe(t: HttpTarget): string {
    return `${t.method} ${t.url}`;
  }

  async check(target: HttpTarget, signal: AbortSignal): Promise<CheckResult> {
    const start = performance.now();
    const readBody = target.keyword !== undefined && target.method !== "HEAD";
    let url = new URL(target.url);
    for (let hop = 0; ; hop++) {
      // Every hop is checked before any connection: scheme, credentials, literal address; then
      // resolveHost refuses names that resolve to a refused address.
      const refusal = urlRefusal(url.href);
      if (refusal) throw new ProbeError("blocked", hop === 0 ? refusal : `redirect to ${url.href} refused: ${refusal}`);
      const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
      const resolved = await resolveHost(url.hostname, signal, { port }).catch((err: unknown) => {
        if (hop > 0 && err instanceof ProbeError && err.errorClass === "blocked") throw new ProbeError("blocked", `redirect to ${url.href} refused: ${err.message}`);
        throw err;
      });
      const r = await requestOnce(url, target, signal, readBody, resolved.dnsMs, resolved.address, resolved.family);
      if (target.followRedirects && REDIRECT_STATUSES.has(r.statusCode) && r.location) {
        if (hop >= target.maxRedirects) return failResult("too_many_redirects", `more than ${target.maxRedirects} redirects`, { statusCode: r.statusCode, timing: r.timing, tls: r.tls, fingerprint: r.fingerprint });
        url = new URL(r.location, url);
        continue;
      }
      // The final answer's fingerprint, also on failures: a wrong status still says who answered.
      const common = { latencyMs: ms(performance.now() - start) ?? 0, statusCode: r.statusCode, timing: r.timing, tls: r.tls, fingerprint: r.fingerprint };
      const expiry = tlsExpiryProblem(r.tls, target.tlsMinDaysValid);
      if (expiry) return failResult("tls_error", expiry, common);
      const { min, max } = target.expectStatus;
      if (r.statusCode < min || r.statusCode > max) return failResult("http_status", `HTTP ${r.statusCode} (expected ${min}-${max})`, common);
      if (readBody && !(r.body ?? "").includes(target.keyword!)) {
        return failResult("keyword_missing", `"${target.keyword}" not found in the first ${Math.min(MAX_BODY_BYTES, Buffer.byteLength(r.body ?? ""))} bytes`, common);
      }
      return okResult(common);
    }
  }
}
