// GET /api/v1/checks/heartbeats through the real handler on a real database: the latest results per
// check and vantage point (bounded by `limit`, oldest first, newest last), uptime from raw results
// and aggregates, a route's checks by route id, refusals of oversized asks, and a fixed number of
// database calls whatever the number of checks (no query per check).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, issueToken, setupAdmin, type Auth } from "../helpers/api";
import * as bulk from "@/app/api/v1/checks/bulk/route";
import * as heartbeats from "@/app/api/v1/checks/heartbeats/route";
import { getHeartbeats, type Heartbeats } from "@/lib/probes";
import type { Db } from "@/lib/db";

let t: TestDb;
let reader: Auth;
let ids: string[] = [];
const NOW = Date.now();
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestDb();
  const admin = await setupAdmin(t.db);
  const writer: Auth = { bearer: (await issueToken(admin, ["write"])).token };
  reader = { bearer: (await issueToken(admin, ["read"])).token };
  const created = await call(bulk.POST, "/api/v1/checks/bulk", {
    body: { checks: Array.from({ length: 150 }, (_, i) => ({ name: `c${String(i).padStart(3, "0")}`, type: "tcp", target: { host: "192.0.2.10", port: 1000 + i }, intervalSec: 60 })) },
    auth: writer,
  });
  expect(created.status, created.text).toBe(201);
  ids = (created.body as { ids: string[] }).ids;
  // Check 0: 120 rounds from two vantage points; the newest round fails from "vps"; 10 of cp's fail.
  const rows = [];
  for (let i = 0; i < 120; i++) {
    const at = new Date(NOW - (119 - i) * MIN);
    rows.push({ checkId: ids[0]!, vantageId: "cp", at, ok: i % 12 !== 5, latencyMs: i % 12 !== 5 ? 10 + (i % 4) : null, errorClass: i % 12 !== 5 ? null : "timeout" });
    rows.push({ checkId: ids[0]!, vantageId: "vps", at: new Date(at.getTime() + 3000), ok: i !== 119, latencyMs: i !== 119 ? 40 : null, errorClass: i !== 119 ? null : "refused" });
  }
  // Check 1: one result. Check 2: "Run checks now" pressed 300 times in five minutes.
  rows.push({ checkId: ids[1]!, vantageId: "cp", at: new Date(NOW - 5000), ok: true, latencyMs: 3, errorClass: null });
  for (let i = 0; i < 300; i++) rows.push({ checkId: ids[2]!, vantageId: "cp", at: new Date(NOW - i * 1000), ok: true, latencyMs: 5, errorClass: null });
  await t.db.probeResult.createMany({ data: rows });
  // Check 0 three days ago: an hour of 60 probes, all failed (folded into an aggregate by retention).
  await t.db.probeAggregate.create({ data: { checkId: ids[0]!, vantageId: "cp", bucket: "hour", start: new Date(NOW - 3 * 24 * 60 * MIN), count: 60, okCount: 0 } });
  await t.db.check.update({ where: { id: ids[3]! }, data: { sourceKey: "route:routeabc123", pausedAt: new Date(NOW - MIN), pausedBy: "admin" } });
}, 60_000);
afterAll(async () => {
  await t.cleanup();
});

const get = async (qs: string, auth: Auth = reader) => call(heartbeats.GET, `/api/v1/checks/heartbeats?${qs}`, { auth });

describe("GET /api/v1/checks/heartbeats", () => {
  it("answers the latest `limit` results per vantage point, oldest first, with the failing newest round last", async () => {
    const r = await get(`ids=${ids[0]}&limit=90`);
    expect(r.status, r.text).toBe(200);
    const [c] = (r.body as Heartbeats).checks;
    expect(c!.checkId).toBe(ids[0]);
    expect(c!.results).toHaveLength(180);
    expect(c!.results.filter((x) => x.vantageId === "cp")).toHaveLength(90);
    const times = c!.results.map((x) => Date.parse(x.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(c!.results.at(-1)).toMatchObject({ vantageId: "vps", ok: false, errorClass: "refused" });
    expect(Date.parse(c!.results[0]!.at)).toBe(NOW - 89 * MIN);
  });

  it("uptime counts every vantage point, and the aggregates in the longer windows", async () => {
    const [c] = ((await get(`ids=${ids[0]}`)).body as Heartbeats).checks;
    // 24 h: 240 probes, 10 of cp's and 1 of vps's failed.
    expect(c!.uptime["24h"]).toBeCloseTo((229 / 240) * 100, 2);
    // 7 d and 30 d add the failed hour three days ago.
    expect(c!.uptime["7d"]).toBeCloseTo((229 / 300) * 100, 2);
    expect(c!.uptime["30d"]).toBe(c!.uptime["7d"]);
  });

  it("uptime=24h (for lists) answers the 24 h figure alone", async () => {
    const [c] = ((await get(`ids=${ids[0]}&uptime=24h`)).body as Heartbeats).checks;
    expect(c!.uptime["24h"]).toBeCloseTo((229 / 240) * 100, 2);
    expect(c!.uptime["7d"]).toBeNull();
  });

  it("a check with one result answers that one result; a check without results answers none and no uptime", async () => {
    const { checks } = (await get(`ids=${ids[1]},${ids[4]}`)).body as Heartbeats;
    const one = checks.find((c) => c.checkId === ids[1])!;
    const none = checks.find((c) => c.checkId === ids[4])!;
    expect(one.results).toHaveLength(1);
    expect(one.uptime["24h"]).toBe(100);
    expect(none.results).toEqual([]);
    expect(none.uptime).toEqual({ "24h": null, "7d": null, "30d": null });
  });

  it("stays bounded when a check has far more results than asked for", async () => {
    const [c] = ((await get(`ids=${ids[2]}&limit=30`)).body as Heartbeats).checks;
    expect(c!.results).toHaveLength(30);
    expect(Date.parse(c!.results.at(-1)!.at)).toBe(NOW);
  });

  it("finds a route's checks by route id, with the paused time", async () => {
    const { checks } = (await get("routeId=routeabc123")).body as Heartbeats;
    expect(checks.map((c) => c.checkId)).toEqual([ids[3]]);
    expect(checks[0]).toMatchObject({ sourceKey: "route:routeabc123", pausedAt: new Date(NOW - MIN).toISOString() });
  });

  it("leaves out ids that do not exist (a check deleted meanwhile)", async () => {
    const { checks } = (await get(`ids=${ids[1]},nosuchcheck1`)).body as Heartbeats;
    expect(checks.map((c) => c.checkId)).toEqual([ids[1]]);
  });

  it("refuses oversized or malformed asks and anonymous callers", async () => {
    expect((await get(`ids=${ids[0]}&limit=101`)).status).toBe(400);
    expect((await get(`ids=${Array.from({ length: 201 }, (_, i) => `check${String(i).padStart(4, "0")}`).join(",")}`)).status).toBe(400);
    expect((await get("limit=10")).status).toBe(400);
    expect((await get(`ids=${ids[0]}&routeId=routeabc123`)).status).toBe(400);
    const bad = await get("ids=../../etc");
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe("bad_request");
    expect((await get(`ids=${ids[0]}`, null)).status).toBe(401);
  });

  it("reads the database a fixed number of times whatever the number of checks", async () => {
    const counting = (db: Db) => {
      let n = 0;
      const wrap = <T extends object>(o: T): T =>
        new Proxy(o, {
          get(target, prop, recv) {
            const v = Reflect.get(target, prop, recv) as unknown;
            if (typeof v === "function") return (...a: unknown[]) => (n++, (v as (...x: unknown[]) => unknown).apply(target, a));
            return v;
          },
        });
      const proxy = new Proxy(db, { get: (target, prop, recv) => {
        const v = Reflect.get(target, prop, recv) as unknown;
        return v && typeof v === "object" ? wrap(v) : v;
      } });
      return { db: proxy, calls: () => n };
    };
    const few = counting(t.db);
    const a = await getHeartbeats(few.db, { ids: ids.slice(0, 2), limit: 60, uptime: "all" });
    const many = counting(t.db);
    const b = await getHeartbeats(many.db, { ids, limit: 60, uptime: "all" });
    expect(a.checks).toHaveLength(2);
    expect(b.checks).toHaveLength(150);
    expect(many.calls()).toBe(few.calls());
    expect(many.calls()).toBeLessThanOrEqual(8);
  });
});
