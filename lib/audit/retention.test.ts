import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { pruneAuditEvents } from "./retention";

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.cleanup(); });
beforeEach(async () => { await t.db.auditEvent.deleteMany(); });

const DAY = 86_400_000;
const now = new Date("2026-06-01T00:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);

async function seed(rows: { action: string; at: Date; lastAt?: Date }[]) {
  await t.db.auditEvent.createMany({ data: rows.map((r) => ({ actorType: "system", action: r.action, at: r.at, lastAt: r.lastAt ?? null })) });
}

describe("pruneAuditEvents", () => {
  it("deletes rows older than the retention period and keeps newer ones", async () => {
    await seed([
      { action: "old.1", at: daysAgo(400) },
      { action: "old.2", at: daysAgo(31) },
      { action: "edge.kept", at: daysAgo(29) },
      { action: "new", at: daysAgo(1) },
      // A folded row whose last repeat is recent stays, though it began long ago.
      { action: "folded.recent", at: daysAgo(90), lastAt: daysAgo(2) },
      { action: "folded.old", at: daysAgo(90), lastAt: daysAgo(60) },
    ]);
    expect(await pruneAuditEvents(t.db, 30, now)).toBe(3);
    const left = (await t.db.auditEvent.findMany({ orderBy: { action: "asc" } })).map((r) => r.action);
    expect(left).toEqual(["edge.kept", "folded.recent", "new"]);
  });

  it("works through a backlog in batches and stops after maxBatches", async () => {
    await seed(Array.from({ length: 230 }, (_, i) => ({ action: `backlog.${i}`, at: daysAgo(100 + (i % 7)) })));
    await seed([{ action: "keep", at: daysAgo(3) }]);
    expect(await pruneAuditEvents(t.db, 30, now, { batch: 50, maxBatches: 2 })).toBe(100);
    expect(await t.db.auditEvent.count()).toBe(131);
    expect(await pruneAuditEvents(t.db, 30, now, { batch: 50 })).toBe(130);
    expect((await t.db.auditEvent.findMany()).map((r) => r.action)).toEqual(["keep"]);
  });
});
