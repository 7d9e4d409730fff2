// What every answer of the API must satisfy, as a user or an attacker would see it: no 5xx except an
// upstream the user configured being down (502/503/504, JSON, naming it), every error as JSON
// `{ error: { code, message } }`, 405 with Allow, and no stack trace or source path in any body.
import type { Answer } from "./http";

export const STACK_MARKERS = ["    at ", ".ts:", "node_modules"];
export const UPSTREAM_STATUSES = [502, 503, 504];
/** A 502/503/504 message must say which upstream: an agent, Caddy, a DNS server or provider, a tunnel, a channel, an address. */
export const NAMES_AN_UPSTREAM = /\b(agent|caddy|dns|dnsmasq|bind|pi-?hole|adguard|technitium|cloudflare|tunnel|edge|provider|resolver|smtp|webhook|ntfy|upstream)\b|https?:\/\/|\b\d{1,3}(\.\d{1,3}){3}\b|\[[0-9a-f:]+\]/i;

export const isJsonType = (t: string) => /^application\/(json|[\w.+-]+\+json)\s*(;|$)/i.test(t.trim());

export interface ErrorBody {
  code: string;
  message: string;
}

export function errorIn(text: string): ErrorBody | null {
  try {
    const e = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    return e && typeof e.code === "string" && typeof e.message === "string" ? { code: e.code, message: e.message } : null;
  } catch {
    return null;
  }
}

/** The rules this answer breaks (empty when it keeps them all). */
export function violations(method: string, a: Answer): string[] {
  if (a.failure) return [`no answer (${a.failure})`];
  const out: string[] = [];
  const error = errorIn(a.text);
  const hasBody = method !== "HEAD";
  if (a.status >= 500) {
    if (!UPSTREAM_STATUSES.includes(a.status)) out.push(`${a.status}: a server error`);
    // A HEAD answer has no body to name it in (the GET's own answer is fuzzed and checked too).
    else if (hasBody && (!error || !NAMES_AN_UPSTREAM.test(error.message))) out.push(`${a.status} that does not name the upstream that is down`);
  }
  if (a.status >= 400) {
    if (!isJsonType(a.contentType)) out.push(`${a.status} answered as ${a.contentType || "no content type"}, not JSON`);
    if (hasBody && !error) out.push(`${a.status} without a JSON {error:{code,message}} body`);
  }
  if (a.status === 405 && !a.headers.allow) out.push("405 without Allow");
  for (const marker of STACK_MARKERS) if (a.text.includes(marker)) out.push(`body contains ${JSON.stringify(marker)} (a stack trace or source path)`);
  return out;
}
