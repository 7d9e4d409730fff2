import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { FOLD_SPAN_MS, recordRefusal, type RefusalEntry } from "./fold";
import { listAuditEvents } from "./index";

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.cleanup(); });
beforeEach(async () => { await t.db.auditEvent.deleteMany(); });

const t0 = new Date("2026-03-01T14:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const refusal = (over: Partial<RefusalEntry> = {}): RefusalEntry => ({
  actor: { type: "anonymous" },
  action: "host.enroll.refused",
  reason: "unknown",
  details: { hostname: "box" },
  meta: { ip: "198.51.100.7", userAgent: "curl" },
  ...over,
});

describe("recordRefusal", () => {
  it("folds repeats from one address into one row whose count grows and lastAt moves", async () => {
    for (let i = 0; i < 37; i++) await recordRefusal(t.db, refusal(), at(i * 1000));
    const rows = await t.db.auditEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ count: 37, at: t0, lastAt: at(36_000), ip: "198.51.100.7", action: "host.enroll.refused" });
    expect(JSON.parse(rows[0]!.details!)).toEqual({ reason: "unknown", hostname: "box" });
    const page = await listAuditEvents({ limit: 10 }, t.db);
    expect(page.items[0]).toMatchObject({ count: 37, lastAt: at(36_000).toISOString() });
  });

  it("keeps different addresses, actors, reasons and actions apart", async () => {
    const cases: RefusalEntry[] = [
      refusal(),
      refusal({ meta: { ip: "198.51.100.8", userAgent: null } }),
      refusal({ reason: "expired" }),
      refusal({ action: "auth.setup.denied" }),
      refusal({ actor: { type: "anonymous", name: "admin" } }),
      refusal({ actor: { type: "anonymous", name: "root" } }),
    ];
    for (const c of cases) {
      await recordRefusal(t.db, c, t0);
      await recordRefusal(t.db, c, at(1000));
    }
    const rows = await t.db.auditEvent.findMany();
    expect(rows).toHaveLength(cases.length);
    expect(rows.every((r) => r.count === 2)).toBe(true);
  });

  it("starts a new row once the fold span has passed", async () => {
    await recordRefusal(t.db, refusal(), t0);
    await recordRefusal(t.db, refusal(), at(FOLD_SPAN_MS - 1));
    await recordRefusal(t.db, refusal(), at(FOLD_SPAN_MS + 1));
    const rows = await t.db.auditEvent.findMany({ orderBy: { at: "asc" } });
    expect(rows.map((r) => r.count)).toEqual([2, 1]);
    expect(rows[1]!.lastAt).toBeNull();
  });

  it("counts every one of many parallel refusals", async () => {
    await Promise.all(Array.from({ length: 25 }, () => recordRefusal(t.db, refusal(), t0)));
    const rows = await t.db.auditEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBe(25);
  });

  it("never folds into a row that is not a refusal of the same kind", async () => {
    await t.db.auditEvent.create({ data: { actorType: "anonymous", action: "host.enroll.refused", ip: "198.51.100.7", details: "not json", at: t0 } });
    await recordRefusal(t.db, refusal(), at(1000));
    expect((await t.db.auditEvent.findMany()).map((r) => r.count)).toEqual([1, 1]);
  });
});
