// Validation and normalisation of record sets: hostnames (RFC 1123, length, IDN → punycode), TTL
// ranges, and values per type (A needs IPv4, AAAA IPv6, CNAME a name). Browser-safe.
import { z } from "zod";
import { MAX_HOSTNAME_LENGTH, normalizeHostname } from "@/lib/inventory/names";
import { RECORD_TYPES, type RecordSet, type RecordType } from "./types";

/** TTL bounds every provider accepts (Cloudflare: 60-86400 or "auto"; BIND: any 32-bit). */
export const MIN_TTL = 60;
export const MAX_TTL = 86_400;
export const DEFAULT_TTL = 300;
/** Most values per record set (a LAN proxy rarely has more than a handful of addresses). */
export const MAX_VALUES = 16;

export const TtlSchema = z.number().int("a whole number of seconds").min(MIN_TTL, `at least ${MIN_TTL} seconds`).max(MAX_TTL, `at most ${MAX_TTL} seconds`);
export const RecordTypeSchema = z.enum(RECORD_TYPES);
const Ipv4Schema = z.ipv4();
const Ipv6Schema = z.ipv6();

/** Lower-cases and strips the trailing dot; IPv6 is written in its canonical compressed form. */
function canonicalIpv6(v: string): string {
  try {
    return new URL(`http://[${v}]/`).hostname.slice(1, -1);
  } catch {
    return v.toLowerCase();
  }
}

/** Already-normal names (lower-case ASCII labels, numeric-free TLD) skip the URL parser: applies of thousands of records. */
const NORMAL_NAME = /^(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?!-)(?=[a-z0-9-]*[a-z-])[a-z0-9-]{1,63}(?<!-)$/;

function normalizeName(raw: string): ReturnType<typeof normalizeHostname> {
  if (raw.length <= MAX_HOSTNAME_LENGTH && NORMAL_NAME.test(raw) && !raw.includes("xn--")) return { ok: true, value: raw };
  return normalizeHostname(raw);
}

/** Normalises one value of a type, or returns an error message. */
export function normalizeValue(type: RecordType, raw: string): { ok: true; value: string } | { ok: false; error: string } {
  const v = raw.trim();
  switch (type) {
    case "A":
      return Ipv4Schema.safeParse(v).success ? { ok: true, value: v } : { ok: false, error: `"${v}" is not an IPv4 address (an A record needs one)` };
    case "AAAA":
      return Ipv6Schema.safeParse(v).success ? { ok: true, value: canonicalIpv6(v) } : { ok: false, error: `"${v}" is not an IPv6 address (an AAAA record needs one)` };
    case "CNAME": {
      if (Ipv4Schema.safeParse(v).success || Ipv6Schema.safeParse(v).success) return { ok: false, error: `a CNAME points to a name, not an address ("${v}")` };
      const r = normalizeName(v);
      return r.ok ? r : { ok: false, error: `CNAME target: ${r.error}` };
    }
  }
}

export interface RecordIssue {
  path: string;
  message: string;
}

/**
 * Validates and normalises a record set (name, type, values, TTL). Returns the normalised set or
 * the list of problems; callers refuse to apply anything when one set has a problem.
 */
export function validateRecordSet(input: { name: string; type: string; values: string[]; ttl: number }, path = ""): { ok: true; value: RecordSet } | { ok: false; issues: RecordIssue[] } {
  const issues: RecordIssue[] = [];
  const p = (k: string) => (path ? `${path}.${k}` : k);
  const name = normalizeName(input.name);
  if (!name.ok) issues.push({ path: p("name"), message: `${input.name}: ${name.error}` });
  const type = RecordTypeSchema.safeParse(input.type);
  if (!type.success) issues.push({ path: p("type"), message: `record type must be one of ${RECORD_TYPES.join(", ")}` });
  const ttl = TtlSchema.safeParse(input.ttl);
  if (!ttl.success) issues.push({ path: p("ttl"), message: `TTL ${input.ttl}: ${ttl.error.issues[0]?.message ?? "invalid"}` });
  const values: string[] = [];
  if (input.values.length === 0) issues.push({ path: p("values"), message: "at least one value is required" });
  if (input.values.length > MAX_VALUES) issues.push({ path: p("values"), message: `at most ${MAX_VALUES} values` });
  if (type.success) {
    if (type.data === "CNAME" && input.values.length > 1) issues.push({ path: p("values"), message: "a CNAME has exactly one target" });
    input.values.forEach((raw, i) => {
      const r = normalizeValue(type.data, raw);
      if (r.ok) values.push(r.value);
      else issues.push({ path: p(`values.${i}`), message: r.error });
    });
  }
  if (issues.length > 0 || !name.ok || !type.success) return { ok: false, issues };
  return { ok: true, value: { name: name.value, type: type.data, values: [...new Set(values)].sort(), ttl: input.ttl } };
}

/** Whether `name` is the zone apex or inside the zone. */
export function inZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** Stable key of an RRset. */
export const setKey = (s: { name: string; type: string }) => `${s.name}|${s.type}`;
