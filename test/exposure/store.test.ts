// Exposure reports in the database: a report a killed process left `running` reads as failed
// (interrupted) at the next look or scan, the history keeps only the last MAX_REPORTS, and a
// corrupt JSON column never breaks the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { getLatestReport, getReport, listReports, MAX_REPORTS } from "@/lib/exposure";
import { INTERRUPTED_MESSAGE, pruneReports } from "@/lib/exposure/store";

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.cleanup());

describe("exposure report storage", () => {
  it("a report left running by a dead process is failed, not running forever", async () => {
    const row = await t.db.exposureReport.create({ data: { status: "running", actor: "alice", startedAt: new Date(Date.now() - 60_000) } });
    const latest = await getLatestReport(t.db);
    expect(latest).toMatchObject({ id: row.id, status: "failed", error: INTERRUPTED_MESSAGE, score: null });
    expect(latest?.finishedAt).not.toBeNull();
  });

  it("an unreadable findings column shows as no findings, not a 500", async () => {
    const row = await t.db.exposureReport.create({ data: { status: "done", findings: "{not json", scans: "[{\"bad\":1}]", diff: "null", score: 90 } });
    const v = await getReport(t.db, row.id);
    expect(v).toMatchObject({ status: "done", findings: [], scans: [], diff: null, score: 90 });
    await expect(getReport(t.db, "nosuchreport")).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps the newest MAX_REPORTS and pages them newest first", async () => {
    const base = Date.now() - 3_600_000;
    await t.db.exposureReport.createMany({ data: Array.from({ length: MAX_REPORTS + 5 }, (_, i) => ({ status: "done", score: 100, startedAt: new Date(base + i * 1000) })) });
    expect(await pruneReports(t.db)).toBe(7);
    expect(await t.db.exposureReport.count()).toBe(MAX_REPORTS);
    const first = await listReports(t.db, { limit: 30 });
    expect(first.items).toHaveLength(30);
    const second = await listReports(t.db, { limit: 30, cursor: first.nextCursor! });
    expect(Date.parse(second.items[0]!.startedAt)).toBeLessThan(Date.parse(first.items[29]!.startedAt));
  });
});
