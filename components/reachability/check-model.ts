// The check form's state (text as typed) and the API payloads made from it. Pure: no React.
import { DNS_RECORD_TYPES, type CheckSpecInput } from "@/lib/probes/engine/schemas";
import type { CheckExpectation, CheckView } from "@/lib/probes/schemas";

/** What the type control offers; "http" covers http:// and https:// (the URL decides). */
export type CheckKind = "http" | "tcp" | "dns" | "tls";
export const CHECK_KINDS: { value: CheckKind; label: string }[] = [
  { value: "http", label: "HTTP(S)" },
  { value: "tcp", label: "TCP" },
  { value: "dns", label: "DNS" },
  { value: "tls", label: "TLS" },
];

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];
export { DNS_RECORD_TYPES };

export interface CheckModel {
  name: string;
  kind: CheckKind;
  // HTTP(S)
  url: string;
  method: HttpMethod;
  statusMin: string;
  statusMax: string;
  keyword: string;
  followRedirects: boolean;
  maxRedirects: string;
  // HTTP(S) and TLS
  verifyTls: boolean;
  tlsMinDaysValid: string;
  // TCP and TLS
  host: string;
  port: string;
  servername: string;
  // DNS
  resolver: string;
  dnsName: string;
  recordType: DnsRecordType;
  expect: string;
  // settings
  intervalSec: string;
  timeoutMs: string;
  retries: string;
  vantages: string[];
  channels: string[];
  enabled: boolean;
  /** "unreachable": an exposure check, up when the target does not answer. */
  expectation: CheckExpectation;
}

export const EXPECTATIONS: { value: CheckExpectation; label: string }[] = [
  { value: "reachable", label: "Reachable" },
  { value: "unreachable", label: "Unreachable (exposure check)" },
];

export function emptyModel(kind: CheckKind = "http"): CheckModel {
  return {
    name: "",
    kind,
    url: "",
    method: "GET",
    statusMin: "200",
    statusMax: "399",
    keyword: "",
    followRedirects: true,
    maxRedirects: "5",
    verifyTls: true,
    tlsMinDaysValid: "0",
    host: "",
    port: kind === "tls" ? "443" : "",
    servername: "",
    resolver: "",
    dnsName: "",
    recordType: "A",
    expect: "",
    intervalSec: "60",
    timeoutMs: "10000",
    retries: "1",
    vantages: [],
    channels: [],
    enabled: true,
    expectation: "reachable",
  };
}

export function kindOf(type: CheckView["type"]): CheckKind {
  return type === "https" ? "http" : type;
}

export function modelFromCheck(c: CheckView): CheckModel {
  const m: CheckModel = {
    ...emptyModel(kindOf(c.type)),
    name: c.name,
    intervalSec: String(c.intervalSec),
    timeoutMs: String(c.timeoutMs),
    retries: String(c.retries),
    vantages: [...c.vantages],
    channels: [...c.channels],
    enabled: c.enabled,
    expectation: c.expectation,
  };
  const t = c.target as Record<string, unknown>;
  const str = (v: unknown, fallback = "") => (v === undefined || v === null ? fallback : String(v));
  if (c.type === "http" || c.type === "https") {
    const status = (t.expectStatus ?? {}) as { min?: number; max?: number };
    Object.assign(m, {
      url: str(t.url),
      method: (t.method as HttpMethod | undefined) ?? "GET",
      statusMin: str(status.min, "200"),
      statusMax: str(status.max, "399"),
      keyword: str(t.keyword),
      followRedirects: t.followRedirects !== false,
      maxRedirects: str(t.maxRedirects, "5"),
      verifyTls: t.verifyTls !== false,
      tlsMinDaysValid: str(t.tlsMinDaysValid, "0"),
    });
  } else if (c.type === "tcp") {
    Object.assign(m, { host: str(t.host), port: str(t.port) });
  } else if (c.type === "tls") {
    Object.assign(m, { host: str(t.host), port: str(t.port, "443"), servername: str(t.servername), verifyTls: t.verifyTls !== false, tlsMinDaysValid: str(t.tlsMinDaysValid, "0") });
  } else {
    Object.assign(m, { resolver: str(t.resolver), dnsName: str(t.name), recordType: (t.recordType as DnsRecordType | undefined) ?? "A", expect: str(t.expect) });
  }
  return m;
}

/** A number as typed; blank stays undefined so the schema says "required" (or applies its default). */
function num(s: string): number | undefined {
  const t = s.trim();
  return t === "" ? undefined : Number(t);
}
const opt = (s: string) => (s.trim() === "" ? undefined : s);

/** The URL's scheme picks the check type: https:// → "https", anything else → "http" (the schema says why it is wrong). */
export function httpType(url: string): "http" | "https" {
  return url.trim().toLowerCase().startsWith("https:") ? "https" : "http";
}

/** `{ type, target }` for the engine's CheckSpecSchema. */
export function specFromModel(m: CheckModel): CheckSpecInput {
  switch (m.kind) {
    case "http":
      return {
        type: httpType(m.url),
        target: {
          url: m.url.trim(),
          method: m.method,
          expectStatus: { min: num(m.statusMin) as number, max: num(m.statusMax) as number },
          keyword: opt(m.keyword),
          followRedirects: m.followRedirects,
          maxRedirects: num(m.maxRedirects),
          verifyTls: m.verifyTls,
          tlsMinDaysValid: num(m.tlsMinDaysValid),
        },
      };
    case "tcp":
      return { type: "tcp", target: { host: m.host.trim(), port: num(m.port) as number } };
    case "tls":
      return { type: "tls", target: { host: m.host.trim(), port: num(m.port), servername: opt(m.servername.trim()), verifyTls: m.verifyTls, tlsMinDaysValid: num(m.tlsMinDaysValid) } };
    case "dns":
      return { type: "dns", target: { resolver: m.resolver.trim(), name: m.dnsName.trim(), recordType: m.recordType, expect: opt(m.expect) } };
  }
}

/** Interval, timeout, retries, channels and enabled: what an automatic check lets the user change. */
export function tuningFromModel(m: CheckModel) {
  return { intervalSec: num(m.intervalSec), timeoutMs: num(m.timeoutMs), retries: num(m.retries), channels: m.channels, enabled: m.enabled };
}

/** The whole check, for POST (and for PATCH of a manual check). */
export function payloadFromModel(m: CheckModel) {
  return { ...specFromModel(m), name: m.name, ...tuningFromModel(m), vantages: m.vantages, expectation: m.expectation };
}

/** Vantage selectors after ticking one box: "kind:lan" covers every LAN id, so those ids are dropped. */
export function toggleVantage(selected: string[], value: string, on: boolean, kindOfId: Record<string, "lan" | "remote">): string[] {
  let next = on ? [...new Set([...selected, value])] : selected.filter((v) => v !== value);
  if (on && (value === "kind:lan" || value === "kind:remote")) {
    const kind = value.slice(5);
    next = next.filter((v) => kindOfId[v] !== kind);
  }
  return next;
}
