// Shared plumbing of the HTTP providers: one request with a timeout, HTTP statuses mapped to
// typed errors (401/403 → unauthorized, 429 → rate_limited with Retry-After, 5xx and network
// failures → unavailable), and sequential apply with per-change outcomes.
import { DnsProviderError, reasonOf } from "../errors";
import type { ChangeOutcome, RecordChange } from "../types";

export const HTTP_TIMEOUT_MS = 10_000;
const MAX_ERROR_TEXT = 300;

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface HttpRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Who answers, for messages ("Pi-hole at http://pi.hole"). */
  what: string;
}

function retryAfterSeconds(h: Headers): number | undefined {
  const v = h.get("retry-after");
  if (!v) return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Sends a request; network failures and timeouts throw `unavailable`/`timeout`. Statuses are returned. */
export async function httpRequest(url: string, r: HttpRequest): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(HTTP_TIMEOUT_MS);
  const signal = r.signal ? AbortSignal.any([r.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, { method: r.method ?? "GET", headers: r.headers, body: r.body, signal, redirect: "manual" });
  } catch (err) {
    if (timeout.aborted) throw new DnsProviderError("timeout", `${r.what} did not answer within ${HTTP_TIMEOUT_MS / 1000} s`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new DnsProviderError("unavailable", `${r.what} could not be reached: ${cause?.code ?? cause?.message ?? reasonOf(err)}`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Throws the typed error for the statuses every API shares; `detail` extracts the vendor's message. */
export function throwForStatus(res: HttpResponse, what: string, detail: (res: HttpResponse) => string | undefined): void {
  if (res.status < 400) return;
  const msg = (detail(res) ?? res.text.trim()).slice(0, MAX_ERROR_TEXT) || `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403) throw new DnsProviderError("unauthorized", `${what} refused the credentials: ${msg}`);
  if (res.status === 429) {
    const retryAfterS = retryAfterSeconds(res.headers);
    throw new DnsProviderError("rate_limited", `${what} is rate-limiting requests${retryAfterS !== undefined ? ` (retry after ${retryAfterS} s)` : ""}: ${msg}`, { retryAfterS });
  }
  if (res.status >= 500) throw new DnsProviderError("unavailable", `${what} failed (HTTP ${res.status}): ${msg}`);
  throw new DnsProviderError("rejected", `${what} rejected the request (HTTP ${res.status}): ${msg}`);
}

const STOPS_EVERYTHING = new Set(["unavailable", "unauthorized", "rate_limited", "timeout"]);

/**
 * Applies changes one by one. A rejected change fails alone; a provider that stops answering
 * (down, credentials, rate limit) fails the rest — or, before anything was applied, the whole
 * apply, by throwing, so the caller keeps the desired state and retries later.
 */
export async function applySequentially(changes: RecordChange[], apply: (c: RecordChange) => Promise<void>): Promise<ChangeOutcome[]> {
  const outcomes: ChangeOutcome[] = [];
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    try {
      await apply(change);
      outcomes.push({ change, ok: true });
    } catch (err) {
      const stop = err instanceof DnsProviderError && STOPS_EVERYTHING.has(err.code);
      if (stop && outcomes.every((o) => !o.ok)) throw err;
      outcomes.push({ change, ok: false, error: reasonOf(err) });
      if (stop) {
        for (const rest of changes.slice(i + 1)) outcomes.push({ change: rest, ok: false, error: `not attempted: ${reasonOf(err)}` });
        break;
      }
    }
  }
  return outcomes;
}
