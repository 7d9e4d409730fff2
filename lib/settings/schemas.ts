// zod schemas of run-time settings (the `Setting` key/value table), shared by the API, the OpenAPI
// document and the Settings page.
import { z } from "zod";

export const AUDIT_RETENTION_DEFAULT_DAYS = 365;
export const AUDIT_RETENTION_MIN_DAYS = 7;
export const AUDIT_RETENTION_MAX_DAYS = 3650;

export const AuditRetentionDaysSchema = z
  .number()
  .int("a whole number of days")
  .min(AUDIT_RETENTION_MIN_DAYS, `at least ${AUDIT_RETENTION_MIN_DAYS} days`)
  .max(AUDIT_RETENTION_MAX_DAYS, `at most ${AUDIT_RETENTION_MAX_DAYS} days`)
  .describe("Audit events older than this many days are deleted");

export const SettingsSchema = z.object({
  auditRetentionDays: AuditRetentionDaysSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.partial().strict().refine((p) => Object.keys(p).length > 0, "change at least one setting");
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Each setting's row key and default; the compiler notices a setting without one. */
export const SETTING_KEYS: { [K in keyof Settings]: { key: string; fallback: Settings[K] } } = {
  auditRetentionDays: { key: "audit.retentionDays", fallback: AUDIT_RETENTION_DEFAULT_DAYS },
};
