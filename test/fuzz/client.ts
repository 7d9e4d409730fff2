// The fuzz client, run inside the server's network namespace by api-fuzz.test.ts: sets the fresh
// server up, creates credentials and seed objects, sends the fixed probes, then seeded
// fast-check request plans over every operation until its budget is spent. Prints one line
// `FUZZ_SUMMARY {json}` (requests, outcomes by status and by operation, violations) and exits 0.
import { join } from "node:path";
import fc from "fast-check";
import { buildApiManifest } from "@/lib/api/gate";
import { Credentials, type CredentialKind } from "./credentials";
import { RawClient, type Answer } from "./http";
import { violations } from "./checks";
import { idsIn, operationsFrom, poolKeyFor, type Operation } from "./operations";
import { materialize, planArbitrary, type Plan } from "./requests";
import { seedObjects } from "./seed";
import { sweepRequests, type SweepRequest } from "./sweep";
import { fixedProbes, type ProbeResult } from "./probes";

const env = (name: string, fallback?: string): string => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
};

const BASE = env("FUZZ_BASE");
const DATA_DIR = env("FUZZ_DATA_DIR");
const SEED = Number(env("FUZZ_SEED"));
const BUDGET_MS = Number(env("FUZZ_BUDGET_MS", "90000"));
const MAX_REQUESTS = Number(env("FUZZ_MAX_REQUESTS", "4000"));
const CONCURRENCY = Number(env("FUZZ_CONCURRENCY", "4"));
/** Plans drawn from fast-check at a time (seed + batch number, so a run is reproducible batch by batch). */
const BATCH = 100;
/** Ids kept per collection. */
const MAX_POOL = 40;
/** Violations reported in full; the rest are counted. */
const MAX_REPORTED = 25;

interface Violation {
  label: string;
  method: string;
  path: string;
  cred: string;
  status: number;
  problems: string[];
  request: string;
  answer: string;
}

const http = new RawClient(BASE, CONCURRENCY);
const creds = new Credentials(http, BASE, DATA_DIR);
const pools = new Map<string, string[]>();
const byStatus: Record<string, number> = {};
const byOperation: Record<string, Record<string, number>> = {};
const upstream: Record<string, number> = {};
const reported: Violation[] = [];
let violationCount = 0;
let requests = 0;
const latencies: number[] = [];

function remember(op: Operation | null, status: number, text: string): void {
  if (!op || status < 200 || status >= 300 || !text) return;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return;
  }
  const last = /\/\{([^}]+)\}$/.exec(op.template);
  const key = last ? poolKeyFor(op.template, last[1]!) : op.template;
  const pool = pools.get(key) ?? [];
  for (const id of idsIn(json)) if (!pool.includes(id)) pool.push(id);
  pools.set(key, pool.slice(-MAX_POOL));
}

function record(label: string, method: string, path: string, cred: string, a: Answer, request: string): void {
  requests++;
  latencies.push(a.ms);
  const status = a.failure ? `no answer` : String(a.status);
  byStatus[status] = (byStatus[status] ?? 0) + 1;
  const op = (byOperation[label] ??= {});
  op[status] = (op[status] ?? 0) + 1;
  if (a.status >= 502 && a.status <= 504) {
    const msg = `${a.status} ${(JSON.parse(a.text || "{}") as { error?: { message?: string } }).error?.message ?? a.text.slice(0, 100)}`.replace(/\b[a-z0-9]{20,}\b/g, "<id>");
    upstream[msg] = (upstream[msg] ?? 0) + 1;
  }
  const problems = violations(method, a);
  if (problems.length === 0) return;
  violationCount++;
  if (reported.length < MAX_REPORTED) reported.push({ label, method, path: path.slice(0, 300), cred, status: a.status, problems, request: request.slice(0, 2000), answer: a.text.slice(0, 400) });
}

/** Sends one request with a credential, checks and counts the answer. */
async function call(label: string, op: Operation | null, cred: CredentialKind, method: string, path: string, body?: Buffer, contentType?: string): Promise<Answer> {
  const headers = await creds.headersFor(cred);
  if (contentType) headers["content-type"] = contentType;
  if (method !== "GET" && method !== "HEAD" && !headers.origin) headers.origin = BASE;
  const a = await http.send({ method, path, headers, body });
  creds.observe(cred, a.status, a.headers);
  record(label, method, path, cred, a, body ? body.subarray(0, 2000).toString("utf8") : "");
  remember(op, a.status, a.text);
  return a;
}

async function runPlan(plan: Plan, ops: Operation[]): Promise<void> {
  const m = materialize(plan, ops, pools, { password: creds.password, setupCode: creds.setupCode });
  const op = plan.kind === "operation" ? ops[plan.op]! : null;
  const a = await call(m.label, op, plan.cred, m.request.method, m.request.path, m.request.body, m.contentType);
  if (op?.template === "/api/auth/password" && a.status === 200) {
    const next = (m.json as { newPassword?: unknown } | undefined)?.newPassword;
    if (typeof next === "string") creds.passwordChanged(next);
  }
}

async function runSweep(s: SweepRequest): Promise<void> {
  const cred: CredentialKind = s.op.template.startsWith("/api/auth/") ? "session" : "admin";
  const body = s.body === undefined ? undefined : Buffer.from(JSON.stringify(s.body));
  await call(`${s.op.method} ${s.op.template}`, s.op, cred, s.method, s.path, body, body ? "application/json" : undefined);
}

async function main(): Promise<void> {
  const started = Date.now();
  await creds.setUp();
  const docAnswer = await call("GET /api/v1/openapi.json", null, "none", "GET", "/api/v1/openapi.json");
  const ops = operationsFrom(buildApiManifest(join(env("FUZZ_APP_DIR", process.cwd()), "app")), JSON.parse(docAnswer.text) as Parameters<typeof operationsFrom>[1]);
  const opByTemplate = (method: string, template: string) => ops.find((o) => o.method === method && o.template === template) ?? null;

  const seeds = await seedObjects(async (method, path, body) => {
    const a = await call("seed objects", opByTemplate(method, path), "admin", method, path, Buffer.from(JSON.stringify(body)), "application/json");
    return { status: a.status, json: a.text ? (JSON.parse(a.text) as unknown) : null };
  });
  for (const op of ops.filter((o) => o.method === "GET" && o.params.length === 0 && o.template !== "/api/v1/events")) {
    await call(`${op.method} ${op.template}`, op, "admin", "GET", op.template);
  }
  const probes: ProbeResult[] = await fixedProbes(ops, (cred, method, path, body) =>
    call("issue probes", null, cred, method, path, body === undefined ? undefined : Buffer.from(JSON.stringify(body)), body === undefined ? undefined : "application/json"));

  // First every field and query parameter with hostile values, then random plans until the budget is spent.
  const sweep = sweepRequests(ops, pools, SEED);
  const sweepSize = sweep.length;
  const arb = planArbitrary(ops);
  const fuzzStart = Date.now();
  let batch = 0;
  let queue: Plan[] = [];
  let sent = 0;
  const next = (): (() => Promise<void>) | null => {
    if (sent >= MAX_REQUESTS || Date.now() - fuzzStart > BUDGET_MS) return null;
    sent++;
    const s = sweep.shift();
    if (s) return () => runSweep(s);
    if (queue.length === 0) queue = fc.sample(arb, { numRuns: BATCH, seed: SEED + batch++ });
    const plan = queue.shift()!;
    return () => runPlan(plan, ops);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let job = next(); job; job = next()) await job();
  }));
  const fuzzMs = Date.now() - fuzzStart;

  const health = await http.send({ method: "GET", path: "/api/health", headers: {} });
  latencies.sort((a, b) => a - b);
  const summary = {
    seed: SEED,
    requests,
    fuzzRequests: sent,
    sweepRequests: sweepSize,
    fuzzMs,
    totalMs: Date.now() - started,
    requestsPerSecond: Math.round((sent / fuzzMs) * 1000),
    latencyMs: { p50: latencies[Math.floor(latencies.length * 0.5)], p95: latencies[Math.floor(latencies.length * 0.95)], max: latencies[latencies.length - 1] },
    operations: ops.length,
    operationsFuzzed: Object.keys(byOperation).filter((k) => /^[A-Z]+ \/api/.test(k)).length,
    byStatus,
    byOperation,
    upstream5xx: upstream,
    seeds,
    probes: { sent: probes.length, failed: probes.filter((p) => !p.ok) },
    credentialRecoveries: creds.recoveries,
    idsKnown: Object.fromEntries([...pools].filter(([, v]) => v.length > 0).map(([k, v]) => [k, v.length])),
    violationCount,
    violations: reported,
    healthAfter: { status: health.status, body: health.text.slice(0, 300) },
  };
  process.stdout.write(`FUZZ_SUMMARY ${JSON.stringify(summary)}\n`);
  http.close();
  await creds.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`fuzz client failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
