// A new critical exposure finding is an incident, through the probes' own machinery: one system
// check goes down with a message naming the finding (and a delivery to each channel), the same
// finding in the next report does not reopen it, and a report without critical findings closes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { updateExposureIncident, EXPOSURE_CHECK_KEY } from "@/lib/exposure/incident";
import { sweepPushChecks } from "@/lib/probes/push";
import type { Finding } from "@/lib/exposure/schemas";

let t: TestDb;

const finding = (over: Partial<Finding> = {}): Finding => ({
  key: "admin-port-reachable|h1|2375|v1", rule: "admin-port-reachable", severity: "critical", category: "exposure",
  title: "the Docker API without TLS is reachable from away (port 2375)", detail: "", fix: "close it", hostId: "h1", hostName: "nas",
  port: 2375, vantage: { id: "v1", name: "vps", kind: "remote" }, isNew: true, ...over,
});

const incidents = async () => {
  const check = await t.db.check.findUniqueOrThrow({ where: { sourceKey: EXPOSURE_CHECK_KEY } });
  return t.db.incident.findMany({ where: { checkId: check.id }, orderBy: { startedAt: "asc" } });
};

beforeAll(async () => {
  t = await createTestDb();
  await t.db.notificationChannel.create({ data: { name: "ops", kind: "webhook", config: JSON.stringify({ url: "http://127.0.0.1:9/hook" }) } });
});
afterAll(async () => t?.cleanup());

describe("the exposure incident", () => {
  it("a report without critical findings and no history opens nothing", async () => {
    expect((await updateExposureIncident(t.db, [finding({ severity: "high" })])).action).toBe("none");
  });

  it("opens on a new critical finding, names it and notifies the channels", async () => {
    const r = await updateExposureIncident(t.db, [finding()], new Date("2026-06-01T10:00:00Z"));
    expect(r.action).toBe("opened");
    const [inc] = await incidents();
    expect(inc!.endedAt).toBeNull();
    expect(inc!.message).toMatch(/Docker API without TLS is reachable from away .*seen from vps/);
    expect(await t.db.delivery.count({ where: { incidentId: inc!.id } })).toBe(1);
    const check = await t.db.check.findUniqueOrThrow({ where: { sourceKey: EXPOSURE_CHECK_KEY } });
    expect(check.status).toBe("down");
  });

  it("the same finding in the next report does not reopen it, nor does the push sweep touch the check", async () => {
    expect((await updateExposureIncident(t.db, [finding({ isNew: false })], new Date("2026-06-01T11:00:00Z"))).action).toBe("none");
    expect(await sweepPushChecks(t.db, new Date(Date.now() + 90 * 86_400_000))).toBe(0);
    const list = await incidents();
    expect(list).toHaveLength(1);
    expect(list[0]!.endedAt).toBeNull();
  });

  it("closes when a report has no critical finding", async () => {
    expect((await updateExposureIncident(t.db, [finding({ severity: "medium", isNew: false })], new Date("2026-06-01T12:00:00Z"))).action).toBe("closed");
    const list = await incidents();
    expect(list).toHaveLength(1);
    expect(list[0]!.endedAt?.toISOString()).toBe("2026-06-01T12:00:00.000Z");
  });
});
