// Fuzzed requests: a fast-check arbitrary of request plans (which operation, credential, path
// parameters, query and body, or an unknown path or a wrong method), made concrete at send time
// against the ids the server has handed out so far.
import fc from "fast-check";
import { CREDENTIAL_KINDS, type CredentialKind } from "./credentials";
import { bodyFor, NASTY_STRINGS, shaped } from "./arbitraries";
import { poolKeyFor, type Operation } from "./operations";
import type { RawRequest } from "./http";

/** Bodies over the API's 64 KiB cap. */
const OVERSIZE_BYTES = 70 * 1024;
const DEEP_NESTING = 5_000;

/** Path segments no id looks like: broken escapes, traversal, encoded slashes, overlong, unicode. */
export const BAD_SEGMENTS = [
  "%zz", "%", "%E2%82", "%C0%80", "%ED%A0%80", "%F0%9F%98%80", pct("😀ä"), "..", "%2e%2e", ".", "a%2Fb", "%2F", "..%2F..%2Fetc%2Fpasswd",
  "%5C..%5C", "%00", "null", "undefined", "0", "-1", "cmzzzzzzzzzzzzzzzzzzzzzzz", "'%20OR%201=1", "__proto__", "constructor", "x".repeat(3000), "%25zz",
];

/** Raw query strings a client might send, well-formed or not. */
const BAD_QUERIES = ["%zz", "a=%", "%ff=1", "limit=%E2%82", "q=%00", "limit=1&limit=2", "=&&=", "cursor=" + "A".repeat(3000), "__proto__[x]=1", "limit[]=1", "q=%25zz"];

const WEIRD_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "PURGE", "TRACE"];

export type ParamPlan = { pool: number } | { raw: string };
export type BodyPlan =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "typed"; contentType: string | null; text: string }
  | { kind: "truncated"; value: unknown; cut: number }
  | { kind: "bytes"; contentType: string; hex: string }
  | { kind: "oversize" }
  | { kind: "deep" };

export interface Plan {
  kind: "operation" | "wrong-method" | "unknown-path";
  op: number;
  cred: CredentialKind;
  params: ParamPlan[];
  query: string | null;
  body: BodyPlan;
  method?: string;
  extraPath?: string;
  /** Fill in real secrets (current password, setup code) where the body has such fields. */
  useRealSecrets: boolean;
}

/** %-encodes the UTF-8 bytes of a string (lone surrogates become U+FFFD instead of throwing, as encodeURIComponent would). */
export function pct(s: string): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) out += /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  return out;
}

const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BAD_SEGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).map(pct) },
);

function paramPlan(): fc.Arbitrary<ParamPlan> {
  return fc.oneof({ weight: 3, arbitrary: fc.nat().map((n) => ({ pool: n })) }, { weight: 2, arbitrary: segment.map((raw) => ({ raw })) });
}

const asQueryValue = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v) ?? "");

function queryPlan(op: Operation): fc.Arbitrary<string | null> {
  const declared = op.query.length === 0
    ? fc.constant("")
    : fc.record(Object.fromEntries(op.query.map((q) => [q.name, fc.oneof(shaped(q.schema), fc.constantFrom(...NASTY_STRINGS))])), { requiredKeys: [] })
      .map((o) => Object.entries(o).map(([k, v]) => `${pct(k)}=${pct(asQueryValue(v))}`).join("&"));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 4, arbitrary: declared },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_QUERIES) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }).map((o) => new URLSearchParams(o).toString()) },
  );
}

function bodyPlan(op: Operation): fc.Arbitrary<BodyPlan> {
  const json = bodyFor(op.body);
  const takesBody = op.method === "POST" || op.method === "PUT" || op.method === "PATCH";
  return fc.oneof(
    { weight: takesBody ? 12 : 1, arbitrary: json.map((value) => ({ kind: "json" as const, value })) },
    { weight: takesBody ? 1 : 6, arbitrary: fc.constant({ kind: "none" as const }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null, "application/json; charset=latin1", "application/xml"), json)
      .map(([contentType, v]) => ({ kind: "typed" as const, contentType, text: JSON.stringify(v) ?? "null" })) },
    { weight: 1, arbitrary: fc.tuple(json, fc.nat()).map(([value, cut]) => ({ kind: "truncated" as const, value, cut })) },
    { weight: 1, arbitrary: fc.constantFrom("ff fe 7b", "7b 22 61 22 3a 22 c3 28 22 7d", "00 00 00", "ef bb bf 7b 7d", "7b 22 5c 75 64 38 30 30 22 3a 31 7d").map((hex) => ({ kind: "bytes" as const, contentType: "application/json", hex })) },
    { weight: 1, arbitrary: fc.constantFrom({ kind: "oversize" as const }, { kind: "deep" as const }, { kind: "typed" as const, contentType: "application/json", text: "" }) },
  );
}

/** Mostly full rights, so that requests get past authorization into the handlers; every other kind too. */
const credential: fc.Arbitrary<CredentialKind> = fc.oneof(
  { weight: 5, arbitrary: fc.constant("admin" as const) },
  { weight: 4, arbitrary: fc.constant("session" as const) },
  { weight: 4, arbitrary: fc.constantFrom(...CREDENTIAL_KINDS) },
);

/** The arbitrary of all plans over these operations. */
export function planArbitrary(ops: Operation[]): fc.Arbitrary<Plan> {
  const forOp = (i: number, kind: Plan["kind"]) => {
    const op = ops[i]!;
    return fc.record({
      kind: fc.constant(kind),
      op: fc.constant(i),
      cred: credential,
      params: fc.tuple(...op.params.map(() => paramPlan())).map((t) => t as ParamPlan[]),
      query: queryPlan(op),
      body: bodyPlan(op),
      method: kind === "wrong-method" ? fc.constantFrom(...WEIRD_METHODS) : fc.constant(undefined),
      extraPath: kind === "unknown-path"
        ? fc.oneof(segment, fc.constantFrom("x", "v2", "V1", "..", "index.html", "route.ts", ".env", "~admin")).map((s) => `/${s}`)
        : fc.constant(undefined),
      useRealSecrets: fc.boolean(),
    });
  };
  const index = fc.integer({ min: 0, max: ops.length - 1 });
  // Operations that read a body have more to get wrong: they are drawn twice as often.
  const weighted = ops.flatMap((op, i) => (op.body ? [i, i] : [i]));
  const operation = fc.constantFrom(...weighted);
  return fc.oneof(
    { weight: 18, arbitrary: operation.chain((i) => forOp(i, "operation")) },
    { weight: 1, arbitrary: index.chain((i) => forOp(i, "wrong-method")) },
    { weight: 1, arbitrary: index.chain((i) => forOp(i, "unknown-path")) },
  );
}

export interface Secrets {
  password: string;
  setupCode: string;
}

function withSecrets(value: unknown, s: Secrets): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const o = { ...(value as Record<string, unknown>) };
  if ("currentPassword" in o) o.currentPassword = s.password;
  if ("password" in o && "code" in o) o.password = s.password;
  if ("setupCode" in o) o.setupCode = s.setupCode;
  if ("username" in o && "password" in o && !("setupCode" in o)) Object.assign(o, { username: "admin", password: s.password });
  return o;
}

function encodeBody(b: BodyPlan, secrets: Secrets | null): { body?: Buffer; contentType?: string; json?: unknown } {
  switch (b.kind) {
    case "none": return {};
    case "json": {
      const json = secrets ? withSecrets(b.value, secrets) : b.value;
      return { body: Buffer.from(JSON.stringify(json) ?? "null"), contentType: "application/json", json };
    }
    case "typed": return { body: Buffer.from(b.text), contentType: b.contentType ?? undefined };
    case "truncated": {
      const text = JSON.stringify(b.value) ?? "null";
      return { body: Buffer.from(text.slice(0, text.length > 1 ? b.cut % (text.length - 1) + 1 : 0)), contentType: "application/json" };
    }
    case "bytes": return { body: Buffer.from(b.hex.replace(/\s+/g, ""), "hex"), contentType: b.contentType };
    case "oversize": return { body: Buffer.from(JSON.stringify({ padding: "x".repeat(OVERSIZE_BYTES) })), contentType: "application/json" };
    case "deep": return { body: Buffer.from("[".repeat(DEEP_NESTING) + "]".repeat(DEEP_NESTING)), contentType: "application/json" };
  }
}

export interface Materialized {
  request: Omit<RawRequest, "headers">;
  contentType?: string;
  /** What the summary counts this request under. */
  label: string;
  /** The JSON value sent, when the body is JSON. */
  json?: unknown;
}

/** Makes a plan concrete: ids from the pools (a random bad segment when a pool is empty), the real secrets if asked. */
export function materialize(plan: Plan, ops: Operation[], pools: Map<string, string[]>, secrets: Secrets): Materialized {
  const op = ops[plan.op]!;
  let path = op.template;
  op.params.forEach((name, i) => {
    const p = plan.params[i] ?? { raw: "%zz" };
    const pool = pools.get(poolKeyFor(op.template, name)) ?? [];
    const value = "pool" in p ? (pool.length > 0 ? pct(pool[p.pool % pool.length]!) : BAD_SEGMENTS[p.pool % BAD_SEGMENTS.length]!) : p.raw;
    path = path.replace(`{${name}}`, value);
  });
  if (plan.extraPath) path += plan.extraPath;
  if (plan.query !== null) path += `?${plan.query}`;
  const method = plan.method ?? op.method;
  const { body, contentType, json } = encodeBody(plan.body, plan.useRealSecrets ? secrets : null);
  const label = plan.kind === "operation" ? `${op.method} ${op.template}` : plan.kind === "wrong-method" ? "any method on a known path" : "unknown path";
  const sendsBody = method !== "GET" && method !== "HEAD";
  return { request: { method, path, body: sendsBody ? body : undefined }, contentType: sendsBody ? contentType : undefined, label, json: sendsBody ? json : undefined };
}
