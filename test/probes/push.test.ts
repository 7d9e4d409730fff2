// Push (heartbeat URL) checks through the real route handlers: the token shown once and stored as
// a digest, calls recorded through the ingest (status, msg, ping), unknown tokens a bare 404,
// guessing and floods rate-limited, paused checks ignored, and silence past the interval plus
// grace turned into a failure (and an incident) by the sweeper.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, issueToken, setupAdmin, type Auth } from "../helpers/api";
import * as checks from "@/app/api/v1/checks/route";
import * as pause from "@/app/api/v1/checks/[id]/pause/route";
import * as pushUrl from "@/app/api/v1/checks/[id]/push-url/route";
import * as push from "@/app/api/v1/push/[token]/route";
import { ensureControlPlaneVantage } from "@/lib/probes";
import { ProbeScheduler } from "@/lib/probes/engine";
import { CheckSpecSchema } from "@/lib/probes/engine/schemas";
import { PUSH_MISS_RATE, PUSH_TOKEN_RATE } from "@/lib/probes/push-throttle";
import { sweepPushChecks } from "@/lib/probes/push";

let t: TestDb;
let admin: Auth;
let writer: Auth;
let reader: Auth;
let ipSeq = 0;
/** A fresh test address per use, so rate limits of one test do not leak into another. */
const freshIp = () => `203.0.113.${++ipSeq}`;

beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
  writer = { bearer: (await issueToken(admin, ["write"])).token };
  reader = { bearer: (await issueToken(admin, ["read"])).token };
  await ensureControlPlaneVantage(t.db);
});
afterAll(async () => {
  await t.cleanup();
});

async function createPushCheck(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await call(checks.POST, "/api/v1/checks", { body: { name, type: "push", target: { graceSec: 0 }, intervalSec: 10, retries: 0, ...extra }, auth: writer });
  expect(r.status, r.text).toBe(201);
  return (r.body as { id: string }).id;
}

async function newToken(id: string): Promise<string> {
  const r = await call(pushUrl.POST, `/api/v1/checks/${id}/push-url`, { method: "POST", auth: writer }, { id });
  expect(r.status, r.text).toBe(201);
  const { token, path } = r.body as { token: string; path: string };
  expect(path).toBe(`/api/v1/push/${token}`);
  return token;
}

const pushCall = (token: string, query = "", o: { ip?: string; method?: string; raw?: string; contentType?: string } = {}) =>
  call(push.GET, `/api/v1/push/${token}${query}`, { ip: o.ip ?? freshIp(), method: o.method, raw: o.raw, contentType: o.contentType }, { token });

const results = (checkId: string) => t.db.probeResult.findMany({ where: { checkId }, orderBy: { id: "asc" } });

describe("the push URL", () => {
  it("is made by writers only, shown once, and stored as its SHA-256 alone", async () => {
    const id = await createPushCheck("backup job");
    expect((await call(pushUrl.GET, "", { auth: reader }, { id })).body).toEqual({ configured: false });
    expect((await call(pushUrl.POST, "", { method: "POST", auth: reader }, { id })).status).toBe(403);
    const token = await newToken(id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await call(pushUrl.GET, "", { auth: reader }, { id })).body).toEqual({ configured: true });
    const row = await t.db.check.findUniqueOrThrow({ where: { id } });
    expect(row.pushTokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await t.db.auditEvent.findMany({ where: { action: "check.push_token.create" } });
    expect(audit.map((a) => a.details).join()).not.toContain(token);
  });

  it("is refused for a check of another type", async () => {
    const r = await call(checks.POST, "/api/v1/checks", { body: { name: "web", type: "tcp", target: { host: "192.0.2.10", port: 80 } }, auth: writer });
    const id = (r.body as { id: string }).id;
    expect((await call(pushUrl.POST, "", { method: "POST", auth: writer }, { id })).status).toBe(409);
  });

  it("records up, and status=down with a message and a ping, through the ingest", async () => {
    const id = await createPushCheck("nightly");
    const token = await newToken(id);
    const up = await pushCall(token);
    expect(up.status, up.text).toBe(200);
    expect(up.body).toEqual({ ok: true, recorded: true });
    expect((await t.db.check.findUniqueOrThrow({ where: { id } })).status).toBe("up");
    const down = await pushCall(token, "?status=down&msg=disk%20full&ping=42");
    expect(down.status, down.text).toBe(200);
    const rows = await results(id);
    expect(rows.map((r) => [r.vantageId, r.ok, r.errorClass, r.message, r.latencyMs])).toEqual([
      ["control-plane", true, null, null, null],
      ["control-plane", false, "reported_down", "disk full", 42],
    ]);
    expect((await t.db.check.findUniqueOrThrow({ where: { id } })).status).toBe("down");
    expect(await t.db.incident.count({ where: { checkId: id, endedAt: null } })).toBe(1);
    // A POSTed form body works as well, and ends the incident.
    const form = await pushCall(token, "", { method: "POST", raw: "status=up&msg=ok", contentType: "application/x-www-form-urlencoded" });
    expect(form.status, form.text).toBe(200);
    expect((await t.db.check.findUniqueOrThrow({ where: { id } })).status).toBe("up");
    expect(await t.db.incident.count({ where: { checkId: id, endedAt: null } })).toBe(0);
  });

  it("answers an unknown, a malformed and a regenerated-away token with the same 404", async () => {
    const id = await createPushCheck("rotated");
    const old = await newToken(id);
    const fresh = await newToken(id);
    const ip = freshIp();
    const answers = await Promise.all([old, "A".repeat(32), "short", "../../etc/passwd"].map((tok) => pushCall(tok, "", { ip })));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(errorOf(a)).toEqual(errorOf(answers[0]!));
    }
    expect((await pushCall(fresh)).status).toBe(200);
  });

  it("refuses bad fields and bodies over 1 KiB", async () => {
    const id = await createPushCheck("fields");
    const token = await newToken(id);
    expect((await pushCall(token, "?status=sideways")).status).toBe(422);
    expect((await pushCall(token, `?msg=${"x".repeat(201)}`)).status).toBe(422);
    expect((await pushCall(token, "?ping=-1")).status).toBe(422);
    const big = await pushCall(token, "", { method: "POST", raw: `msg=${"x".repeat(2000)}`, contentType: "application/x-www-form-urlencoded" });
    expect(big.status).toBe(413);
  });

  it("is ignored while the check is paused", async () => {
    const id = await createPushCheck("paused");
    const token = await newToken(id);
    expect((await call(pause.POST, "", { body: { paused: true }, auth: writer }, { id })).status).toBe(200);
    const before = (await results(id)).length;
    const r = await pushCall(token);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, recorded: false, reason: "the check is paused" });
    expect((await results(id)).length).toBe(before);
    await sweepPushChecks(t.db, new Date(Date.now() + 3600_000));
    expect((await results(id)).length).toBe(before);
  });
});

describe("rate limits", () => {
  it("guessing tokens from one address is cut off, and then that address cannot push at all", async () => {
    const id = await createPushCheck("guarded");
    const token = await newToken(id);
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < PUSH_MISS_RATE.burst + 5; i++) statuses.push((await pushCall(`${String(i).padStart(4, "0")}${"B".repeat(28)}`, "", { ip })).status);
    expect(statuses.slice(0, PUSH_MISS_RATE.burst)).toEqual(Array(PUSH_MISS_RATE.burst).fill(404));
    expect(statuses.slice(PUSH_MISS_RATE.burst)).toEqual(Array(5).fill(429));
    const blocked = await pushCall(token, "", { ip });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // The real caller elsewhere is not locked out by the guesser.
    expect((await pushCall(token)).status).toBe(200);
  });

  it("one push URL called in a loop is limited", async () => {
    const id = await createPushCheck("runaway");
    const token = await newToken(id);
    const statuses: number[] = [];
    for (let i = 0; i < PUSH_TOKEN_RATE.burst + 3; i++) statuses.push((await pushCall(token)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(PUSH_TOKEN_RATE.burst);
    expect(statuses.slice(PUSH_TOKEN_RATE.burst)).toEqual([429, 429, 429]);
    expect((await results(id)).length).toBe(PUSH_TOKEN_RATE.burst);
  });
});

describe("silence", () => {
  it("no call within the interval plus grace is a failure and an incident, recorded once per interval", async () => {
    const id = await createPushCheck("cron", { intervalSec: 60, target: { graceSec: 30 } });
    const token = await newToken(id);
    expect((await pushCall(token)).status).toBe(200);
    const t0 = Date.now();
    // Other tests' push checks are swept too: count this check's results.
    const sweepAt = async (ms: number) => { await sweepPushChecks(t.db, new Date(t0 + ms)); return (await results(id)).length; };
    expect(await sweepAt(80_000)).toBe(1);
    expect(await sweepAt(95_000)).toBe(2);
    const last = (await results(id)).at(-1)!;
    expect(last).toMatchObject({ ok: false, errorClass: "no_heartbeat", vantageId: "control-plane" });
    expect(last.message).toMatch(/^no push for 9\d s \(allowed: 90 s\)$/);
    expect((await t.db.check.findUniqueOrThrow({ where: { id } })).status).toBe("down");
    expect(await t.db.incident.count({ where: { checkId: id, endedAt: null } })).toBe(1);
    expect(await sweepAt(100_000)).toBe(2);
    expect(await sweepAt(160_000)).toBe(3);
  });

  it("push checks are never probed by the scheduler", () => {
    const ran: string[] = [];
    const s = new ProbeScheduler({ concurrency: 1, onResult: () => undefined, run: (spec) => { ran.push(spec.type); return Promise.reject(new Error("not expected")); } });
    s.replaceAll([{ id: "p1", intervalMs: 10_000, timeoutMs: 1_000, spec: CheckSpecSchema.parse({ type: "push", target: {} }) }]);
    expect(s.has("p1")).toBe(false);
    expect(s.stats().checks).toBe(0);
  });
});
