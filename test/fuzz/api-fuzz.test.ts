// Property-based fuzz of the whole API over real HTTP (issue #13): the real server (production build)
// on a fresh data dir, set up, then seeded fast-check requests over every operation of the OpenAPI
// document plus /api/auth/*, /api/health and the document itself, with every credential kind and
// none: garbage path parameters, queries and bodies, wrong content types, truncated, oversize and deep
// JSON, wrong methods, unknown paths. No answer may be a 5xx other than an upstream being down, every
// error is JSON {error:{code,message}}, no body shows a stack trace, and the server is alive and
// healthy afterwards with no unhandled error in its log. The server and the client run in a network
// namespace with only loopback, so whatever a fuzzed setting points the server at stays on loopback.
// Replay a run with FUZZ_SEED=<seed printed below>.
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertNextBuild } from "../helpers/server-process";
import { createLoopbackNamespace, deleteNamespace, inNamespace, interfacesUp, removeStaleNamespaces } from "./netns";
import { NamespacedServer } from "./ns-server";

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** The checkout whose server is fuzzed (its own .next build); this one by default. */
const APP_DIR = process.env.FUZZ_APP_DIR ?? process.cwd();
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 90_000);
const MAX_REQUESTS = Number(process.env.FUZZ_MAX_REQUESTS ?? 6_000);
const CONCURRENCY = 4;
/** Requests below this mean the run did not really fuzz (e.g. credentials kept failing). */
const MIN_REQUESTS = 1_000;
/** Any port: nothing else listens inside the fresh namespace. */
const PORT = 3000;
const CLIENT_GRACE_MS = 120_000;

let ns = "";
let dataDir = "";
let server: NamespacedServer | undefined;

beforeAll(async () => {
  assertNextBuild(APP_DIR);
  removeStaleNamespaces();
  ns = createLoopbackNamespace();
  dataDir = mkdtempSync(join(tmpdir(), "hp-fuzz-"));
  server = await NamespacedServer.start({ ns, appDir: APP_DIR, dataDir, port: PORT });
}, 120_000);

afterAll(async () => {
  try {
    await server?.stop();
  } catch {
    server?.kill();
  }
  if (ns) deleteNamespace(ns);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

function runClient(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [cmd, ...prefix] = inNamespace(ns);
  const env: NodeJS.ProcessEnv = {
    ...process.env, FUZZ_BASE: `http://127.0.0.1:${PORT}`, FUZZ_DATA_DIR: dataDir, FUZZ_SEED: String(SEED), FUZZ_APP_DIR: APP_DIR,
    FUZZ_BUDGET_MS: String(BUDGET_MS), FUZZ_MAX_REQUESTS: String(MAX_REQUESTS), FUZZ_CONCURRENCY: String(CONCURRENCY), HOMEPORT_LOG_SILENT: "1",
  };
  const child = spawn(cmd!, [...prefix, process.execPath, "--import", "tsx", "test/fuzz/client.ts"], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), BUDGET_MS + CLIENT_GRACE_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

interface Summary {
  seed: number;
  requests: number;
  operations: number;
  operationsFuzzed: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, Record<string, number>>;
  probes: { sent: number; failed: unknown[] };
  seeds: { what: string; status: number }[];
  violationCount: number;
  violations: unknown[];
  healthAfter: { status: number; body: string };
  [k: string]: unknown;
}

it(`fuzzes every operation: no 5xx but upstreams, JSON errors, no stack traces, alive after (seed ${SEED})`, async () => {
  console.log(`api fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), namespace ${ns}`);
  expect(interfacesUp(ns), "the namespace has only loopback").toEqual(["lo"]);
  const run = await runClient();
  const line = run.stdout.split("\n").find((l) => l.startsWith("FUZZ_SUMMARY "));
  expect(line, `the client printed no summary (exit ${run.code}):\n${run.stderr.slice(-4000)}`).toBeDefined();
  const summary = JSON.parse(line!.slice("FUZZ_SUMMARY ".length)) as Summary;
  const { byOperation, ...rest } = summary;
  console.log(JSON.stringify(rest));
  console.log(JSON.stringify({ byOperation }));

  // The server's own account of what went wrong, shown with the violations.
  const serverErrors = server!.logs.filter((l) => l.level === "error").map((l) => `${l.msg}: ${String(l.error ?? "").slice(0, 300)}`);
  expect(summary.violations, `answers that break the contract (${summary.violationCount} in all, seed ${SEED}); server errors:\n${serverErrors.join("\n")}`).toEqual([]);
  expect(summary.violationCount).toBe(0);
  expect(summary.probes.failed, "the issue's cases").toEqual([]);
  expect(summary.probes.sent).toBeGreaterThan(50);
  expect(summary.requests).toBeGreaterThanOrEqual(MIN_REQUESTS);
  expect(summary.operationsFuzzed, "every operation got fuzzed requests").toBe(summary.operations);
  expect(Object.keys(summary.byStatus).filter((s) => s === "no answer" || (Number(s) >= 500 && ![502, 503, 504].includes(Number(s))))).toEqual([]);

  expect(summary.healthAfter.status, summary.healthAfter.body).toBe(200);
  expect(server?.alive(), "the server process is still running").toBe(true);
  const unhandled = server!.logs.filter((l) => /unhandled error|error page|uncaught|unhandledRejection/i.test(`${l.msg ?? ""} ${String(l.error ?? "")}`));
  expect(unhandled, "server log").toEqual([]);
  // A validator that throws is answered 422 by lib/api/validate.ts, but it is still a schema bug.
  expect(server!.logs.filter((l) => /validator threw/.test(l.msg ?? "")), "schemas whose checks threw").toEqual([]);
}, BUDGET_MS + CLIENT_GRACE_MS + 60_000);
