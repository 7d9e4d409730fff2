import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { AUDIT_RETENTION_DEFAULT_DAYS, SETTING_KEYS, SettingsPatchSchema } from "./schemas";
import { getSetting, getSettings, updateSettings } from "./store";
import { runAuditRetention } from "./audit-retention";

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.cleanup(); });
beforeEach(async () => { await t.db.setting.deleteMany(); await t.db.auditEvent.deleteMany(); });

const actor = { type: "user" as const, id: "u1", name: "admin" };
const meta = { ip: "192.0.2.1", userAgent: "vitest", secure: false };
const KEY = SETTING_KEYS.auditRetentionDays.key;

describe("settings store", () => {
  it("answers the defaults when nothing is stored, and for values it cannot read", async () => {
    expect(await getSettings(t.db)).toEqual({ auditRetentionDays: AUDIT_RETENTION_DEFAULT_DAYS, imageUpdatesEnabled: false, imageUpdatesIntervalHours: 24, registryMirror: null, egressProofTargets: ["1.1.1.1:443", "9.9.9.9:53", "8.8.8.8:443"], egressProofNames: ["example.com"], exposureScanIntervalHours: 24, exposureOldImageDays: 180, gamedayLocalNets: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fd00::/8", "fe80::/10"] });
    for (const bad of ["not json", "3", "\"90\"", "1", "99999", "12.5"]) {
      await t.db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: bad }, update: { value: bad } });
      expect(await getSetting(t.db, "auditRetentionDays"), bad).toBe(AUDIT_RETENTION_DEFAULT_DAYS);
    }
  });

  it("stores a change as JSON and audits it with from and to; an unchanged value writes nothing", async () => {
    expect(await updateSettings(t.db, { auditRetentionDays: 90 }, actor, meta)).toMatchObject({ auditRetentionDays: 90, imageUpdatesEnabled: false });
    expect(await t.db.setting.findUniqueOrThrow({ where: { key: KEY } })).toMatchObject({ value: "90" });
    const rows = await t.db.auditEvent.findMany({ where: { action: "settings.update" } });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.details!)).toEqual({ auditRetentionDays: { from: AUDIT_RETENTION_DEFAULT_DAYS, to: 90 } });
    await updateSettings(t.db, { auditRetentionDays: 90 }, actor, meta);
    expect(await t.db.auditEvent.count({ where: { action: "settings.update" } })).toBe(1);
  });

  it("validates patches: bounds, whole days, no unknown or empty patches", () => {
    const refused = [{}, { auditRetentionDays: 6 }, { auditRetentionDays: 3651 }, { auditRetentionDays: 30.5 }, { auditRetentionDays: "30" }, { auditRetentionDays: 30, other: 1 }];
    for (const p of refused) expect(SettingsPatchSchema.safeParse(p).success, JSON.stringify(p)).toBe(false);
    for (const p of [{ auditRetentionDays: 7 }, { auditRetentionDays: 3650 }]) expect(SettingsPatchSchema.safeParse(p).success).toBe(true);
  });

  it("the retention job prunes with the current setting", async () => {
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    await t.db.auditEvent.createMany({ data: [10, 40, 400].map((d) => ({ actorType: "system", action: `age.${d}`, at: daysAgo(d) })) });
    expect(await runAuditRetention(t.db, now)).toBe(1);
    await updateSettings(t.db, { auditRetentionDays: 30 }, actor, meta);
    expect(await runAuditRetention(t.db, now)).toBe(1);
    expect((await t.db.auditEvent.findMany({ where: { action: { startsWith: "age." } } })).map((r) => r.action)).toEqual(["age.10"]);
  });
});
