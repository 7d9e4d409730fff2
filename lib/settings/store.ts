// Reads and writes run-time settings. Each is one `Setting` row holding a JSON value; a missing or
// unreadable row yields the default, so a bad value in the database never breaks a caller.
import type { Db } from "@/lib/db";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { settingRows, settingValue } from "./rows";
import { SETTING_KEYS, type Settings, type SettingsPatch } from "./schemas";

type Name = keyof Settings;
const NAMES = Object.keys(SETTING_KEYS) as Name[];

export async function getSettings(db: Db): Promise<Settings> {
  const rows = await db.setting.findMany({ where: { key: { in: NAMES.map((n) => SETTING_KEYS[n].key) } } });
  const byKey = new Map(rows.map((r) => [r.key, settingRows.parse(r)]));
  const value = <K extends Name>(n: K): Settings[K] => settingValue(n, byKey.get(SETTING_KEYS[n].key));
  return {
    auditRetentionDays: value("auditRetentionDays"),
    imageUpdatesEnabled: value("imageUpdatesEnabled"),
    imageUpdatesIntervalHours: value("imageUpdatesIntervalHours"),
    registryMirror: value("registryMirror"),
    egressProofTargets: value("egressProofTargets"),
    egressProofNames: value("egressProofNames"),
    exposureScanIntervalHours: value("exposureScanIntervalHours"),
    exposureOldImageDays: value("exposureOldImageDays"),
    gamedayLocalNets: value("gamedayLocalNets"),
  };
}

export async function getSetting<K extends Name>(db: Db, name: K): Promise<Settings[K]> {
  const row = await db.setting.findUnique({ where: { key: SETTING_KEYS[name].key } });
  return settingValue(name, row ? settingRows.parse(row) : undefined);
}

/** Applies a validated patch and audits what changed (from → to), in one transaction. */
export async function updateSettings(db: Db, patch: SettingsPatch, actor: AuditActor, meta: AuditOrigin): Promise<Settings> {
  const before = await getSettings(db);
  const changes = NAMES.filter((n) => patch[n] !== undefined && JSON.stringify(patch[n]) !== JSON.stringify(before[n]));
  if (changes.length === 0) return before;
  await db.$transaction(async (tx) => {
    for (const name of changes) {
      const key = SETTING_KEYS[name].key;
      const value = JSON.stringify(patch[name]);
      await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    }
    const details = Object.fromEntries(changes.map((n) => [n, { from: before[n], to: patch[n] }]));
    await recordAudit(tx, { actor, action: "settings.update", target: { type: "settings" }, details, meta });
  });
  return getSettings(db);
}
