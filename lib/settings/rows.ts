// Setting rows as they leave the database: each row's JSON value parsed with its setting's own
// schema. A value that does not parse yields the setting's default (a bad value never breaks a
// caller) and is logged with the row's key and column, never passed along unchecked.
import { z } from "zod";
import { jsonColumn, rowParser, RowParseError, type RecordOf } from "@/lib/db/rows";
import { log } from "@/lib/log";
import { SETTING_KEYS, SettingsSchema, type Settings } from "./schemas";

type Name = keyof Settings;

const settingShape = {
  key: z.string(),
  /** JSON, checked by the setting's schema (settingValue). */
  value: z.string(),
  updatedAt: z.date(),
};
/** Setting rows, identified by their key. */
export const settingRows = rowParser("Setting", settingShape, { idColumn: "key" });
export type SettingRecord = RecordOf<typeof settingShape>;

/** Each setting's value column: its JSON through the setting's schema (the compiler notices a setting without one). */
const VALUE_COLUMNS: { [K in Name]: z.ZodType<Settings[K], string> } = {
  auditRetentionDays: jsonColumn(SettingsSchema.shape.auditRetentionDays),
  imageUpdatesEnabled: jsonColumn(SettingsSchema.shape.imageUpdatesEnabled),
  imageUpdatesIntervalHours: jsonColumn(SettingsSchema.shape.imageUpdatesIntervalHours),
  registryMirror: jsonColumn(SettingsSchema.shape.registryMirror),
  egressProofTargets: jsonColumn(SettingsSchema.shape.egressProofTargets),
  egressProofNames: jsonColumn(SettingsSchema.shape.egressProofNames),
  exposureScanIntervalHours: jsonColumn(SettingsSchema.shape.exposureScanIntervalHours),
  exposureOldImageDays: jsonColumn(SettingsSchema.shape.exposureOldImageDays),
  gamedayLocalNets: jsonColumn(SettingsSchema.shape.gamedayLocalNets),
};

/** The value a stored row gives `name`: its parsed value, or the default when there is no row or it does not parse. */
export function settingValue<K extends Name>(name: K, row: Pick<SettingRecord, "key" | "value"> | undefined): Settings[K] {
  const { fallback } = SETTING_KEYS[name];
  if (!row) return fallback;
  const r = VALUE_COLUMNS[name].safeParse(row.value);
  if (r.success) return r.data;
  const error = new RowParseError("Setting", row.key, "value", r.error.issues[0]?.message ?? "invalid");
  log.warn("settings", "a stored setting does not parse; using its default", { key: row.key, error: error.message, default: fallback });
  return fallback;
}
