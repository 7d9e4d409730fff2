// POST /api/v1/vantages/:id/results through the real handler: results only for checks assigned to
// that vantage point, never dated beyond the hub's clock-skew limit, never for the control plane,
// an agent's host or a disabled vantage point. A year-2999 "up" cannot freeze a check any more.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, issueToken, setupAdmin, type Auth } from "../helpers/api";
import * as checks from "@/app/api/v1/checks/route";
import * as checkItem from "@/app/api/v1/checks/[id]/route";
import * as vantages from "@/app/api/v1/vantages/route";
import * as vantageResults from "@/app/api/v1/vantages/[id]/results/route";
import { ensureControlPlaneVantage, MAX_CLOCK_SKEW_MS } from "@/lib/probes";

let t: TestDb;
let admin: Auth;
let writer: Auth;
let assigned: string;
let unassigned: string;
let disabled: string;

const result = (checkId: string, ok: boolean, at: Date) => ({
  checkId, at: at.toISOString(), ok, errorClass: ok ? null : "refused", message: ok ? null : "connection refused", latencyMs: ok ? 12 : null,
  timing: { dnsMs: null, connectMs: ok ? 1 : null, tlsMs: null, firstByteMs: null }, statusCode: null, tls: null, answers: null,
});
const post = (vantageId: string, results: unknown[]) => call(vantageResults.POST, `/api/v1/vantages/${vantageId}/results`, { body: { results }, auth: writer }, { id: vantageId });
const statusOf = async (id: string) => ((await call(checkItem.GET, `/api/v1/checks/${id}`, { auth: writer }, { id })).body as { status: string }).status;
async function createCheck(body: Record<string, unknown>): Promise<string> {
  const r = await call(checks.POST, "/api/v1/checks", { body: { type: "tcp", retries: 0, ...body }, auth: writer });
  expect(r.status, r.text).toBe(201);
  return (r.body as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
  writer = { bearer: (await issueToken(admin, ["write"])).token };
  await ensureControlPlaneVantage(t.db);
  for (const v of [{ id: "vps-1", name: "VPS", kind: "remote" }, { id: "old-laptop", name: "Old laptop", kind: "remote", enabled: false }]) {
    const r = await call(vantages.POST, "/api/v1/vantages", { body: v, auth: admin });
    expect(r.status, r.text).toBe(201);
  }
  assigned = await createCheck({ name: "web from away", target: { host: "192.0.2.80", port: 443 }, vantages: ["kind:remote"] });
  unassigned = await createCheck({ name: "nas at home", target: { host: "192.0.2.81", port: 445 }, vantages: ["control-plane"] });
  disabled = await createCheck({ name: "old", target: { host: "192.0.2.82", port: 22 }, vantages: ["vps-1"], enabled: false });
});
afterAll(async () => {
  await t.cleanup();
});

describe("results reported over HTTP", () => {
  it("a year-2999 'up' is refused (422) and a later real 'down' still moves the check", async () => {
    const future = await post("vps-1", [result(assigned, true, new Date("2999-01-01T00:00:00Z"))]);
    expect(future.status, future.text).toBe(422);
    expect(errorOf(future).message).toBe(`No results accepted: 1 result dated more than ${MAX_CLOCK_SKEW_MS / 60_000} min ahead of the control plane's clock`);
    expect(await t.db.probeResult.count({ where: { checkId: assigned } })).toBe(0);

    const down = await post("vps-1", [result(assigned, false, new Date())]);
    expect(down.status, down.text).toBe(200);
    expect(down.body).toMatchObject({ stored: 1, refused: 0, refusedReasons: [] });
    expect(await statusOf(assigned)).toBe("down");
  });

  it("a result within the skew limit is accepted", async () => {
    const r = await post("vps-1", [result(assigned, true, new Date(Date.now() + MAX_CLOCK_SKEW_MS / 2))]);
    expect(r.status, r.text).toBe(200);
    expect(await statusOf(assigned)).toBe("up");
  });

  it("results for a check not assigned to the vantage point are refused", async () => {
    const r = await post("vps-1", [result(unassigned, false, new Date())]);
    expect(r.status, r.text).toBe(422);
    expect(errorOf(r).message).toBe('No results accepted: 1 result for a check not assigned to vantage point "VPS"');
    expect(await t.db.checkState.count({ where: { checkId: unassigned } })).toBe(0);
    expect(await statusOf(unassigned)).toBe("unknown");
  });

  it("a mixed batch stores what is allowed and counts the rest with reasons", async () => {
    // After the previous test's result (dated ahead of this clock, within the limit).
    const r = await post("vps-1", [
      result(assigned, false, new Date(Date.now() + MAX_CLOCK_SKEW_MS * 0.75)),
      result(unassigned, true, new Date()),
      result(unassigned, true, new Date()),
      result(disabled, true, new Date()),
      result("no-such-check", true, new Date()),
      result(assigned, true, new Date("2999-01-01T00:00:00Z")),
    ]);
    expect(r.status, r.text).toBe(200);
    const body = r.body as { stored: number; refused: number; refusedReasons: { reason: string; count: number }[] };
    expect(body.stored).toBe(1);
    expect(body.refused).toBe(5);
    expect(body.refusedReasons).toEqual(expect.arrayContaining([
      { reason: 'for a check not assigned to vantage point "VPS"', count: 2 },
      { reason: "for a disabled check", count: 1 },
      { reason: "for a check that does not exist", count: 1 },
      { reason: `dated more than ${MAX_CLOCK_SKEW_MS / 60_000} min ahead of the control plane's clock`, count: 1 },
    ]));
    expect(await t.db.probeResult.count({ where: { checkId: { in: [unassigned, disabled] } } })).toBe(0);
    expect(await statusOf(assigned)).toBe("down");
  });

  const refusedVantages: { desc: string; setup: () => Promise<string>; status: number; mentions: string }[] = [
    { desc: "the control plane", setup: async () => "control-plane", status: 422, mentions: "the control plane stores its own results" },
    { desc: "an agent's host", setup: async () => {
      await t.db.host.create({ data: { id: "host-1", name: "nas" } });
      const r = await call(vantages.POST, "/api/v1/vantages", { body: { id: "host-1", name: "nas", kind: "remote" }, auth: admin });
      expect(r.status, r.text).toBe(201);
      return "host-1";
    }, status: 422, mentions: "an agent's host" },
    { desc: "a disabled vantage point", setup: async () => "old-laptop", status: 422, mentions: "is disabled" },
    { desc: "an unknown vantage point", setup: async () => "nobody", status: 404, mentions: "Vantage point" },
  ];
  for (const c of refusedVantages) {
    it(`refuses every result reported as ${c.desc}`, async () => {
      const id = await c.setup();
      const r = await post(id, [result(assigned, true, new Date())]);
      expect(r.status, r.text).toBe(c.status);
      expect(errorOf(r).message).toContain(c.mentions);
      expect(await t.db.probeResult.count({ where: { vantageId: id } })).toBe(0);
    });
  }
});
