// Shared plumbing of the HTTP providers: one bounded request (overall deadline, size cap — see
// lib/net/bounded-request), HTTP statuses mapped to typed errors (401/403 → unauthorized, 429 →
// rate_limited with Retry-After, 5xx, network failures and oversized answers → unavailable),
// answers checked against zod schemas (a garbage answer is a typed error, never a TypeError), and
// sequential apply with per-change outcomes.
import type { z } from "zod";
import { boundedRequest, BoundedRequestError, formatBytes, formatDuration, MIB } from "@/lib/net/bounded-request";
import { DnsProviderError, reasonOf } from "../errors";
import type { ChangeOutcome, RecordChange } from "../types";

/** One request, connect to last byte. */
export const HTTP_TIMEOUT_MS = 10_000;
/** Largest answer read: a whole zone listing (Technitium, Pi-hole's config) of tens of thousands of records fits. */
export const HTTP_MAX_RESPONSE_BYTES = 8 * MIB;
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

/** Sends a request; network failures, the deadline and oversized answers throw typed errors. Statuses are returned. */
export async function httpRequest(url: string, r: HttpRequest): Promise<HttpResponse> {
  let res;
  try {
    res = await boundedRequest(url, { method: r.method ?? "GET", headers: r.headers, body: r.body, signal: r.signal, deadlineMs: HTTP_TIMEOUT_MS, maxBytes: HTTP_MAX_RESPONSE_BYTES });
  } catch (err) {
    if (!(err instanceof BoundedRequestError)) throw new DnsProviderError("unavailable", `${r.what} could not be reached: ${reasonOf(err)}`);
    if (err.kind === "timeout") throw new DnsProviderError("timeout", `${r.what} did not answer within ${formatDuration(HTTP_TIMEOUT_MS)}`);
    if (err.kind === "too_large") throw new DnsProviderError("unavailable", `${r.what} sent an answer larger than ${formatBytes(HTTP_MAX_RESPONSE_BYTES)}; Homeport reads at most that much`);
    if (err.kind === "aborted") throw new DnsProviderError("unavailable", `the request to ${r.what} was cancelled`);
    throw new DnsProviderError("unavailable", `${r.what} could not be reached: ${err.code ?? err.message}`);
  }
  const text = res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** The answer checked against its schema; anything else is a typed `unavailable` naming the first mismatch. */
export function parseAnswer<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new DnsProviderError("unavailable", `${what} answered something that is not its API (${where}${issue?.message ?? "unexpected shape"})`);
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
