// zod schemas of run-time settings (the `Setting` key/value table), shared by the API, the OpenAPI
// document and the Settings page.
import { z } from "zod";
import { CidrSchema } from "@/lib/protocol/gameday";

export const AUDIT_RETENTION_DEFAULT_DAYS = 365;
export const AUDIT_RETENTION_MIN_DAYS = 7;
export const AUDIT_RETENTION_MAX_DAYS = 3650;

export const AuditRetentionDaysSchema = z
  .number()
  .int("a whole number of days")
  .min(AUDIT_RETENTION_MIN_DAYS, `at least ${AUDIT_RETENTION_MIN_DAYS} days`)
  .max(AUDIT_RETENTION_MAX_DAYS, `at most ${AUDIT_RETENTION_MAX_DAYS} days`)
  .describe("Audit events older than this many days are deleted");

export const IMAGE_UPDATES_MIN_HOURS = 1;
export const IMAGE_UPDATES_MAX_HOURS = 24 * 7;
export const EGRESS_PROOF_MAX_TARGETS = 8;
export const EXPOSURE_SCAN_DEFAULT_HOURS = 24;
export const EXPOSURE_SCAN_MAX_HOURS = 24 * 7;
export const EXPOSURE_OLD_IMAGE_DEFAULT_DAYS = 180;
export const EXPOSURE_OLD_IMAGE_MIN_DAYS = 7;
export const EXPOSURE_OLD_IMAGE_MAX_DAYS = 3650;

/** A registry host as Docker names it: `host`, `host:port` (no scheme, no path). */
export const RegistryHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/, "a registry host such as 192.168.1.5:5000 or mirror.lan:5000 (no scheme, no path)");

/** An address the egress proof tries to reach from inside an offline service: `ip:port` or `name:port`. */
export const EgressTargetSchema = z
  .string()
  .trim()
  .max(260)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$/, "an address and port such as 1.1.1.1:443");

/** A public name the egress proof tries to resolve from inside an offline service. */
export const EgressNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, "a domain name such as example.com");

export const SettingsSchema = z.object({
  auditRetentionDays: AuditRetentionDaysSchema,
  imageUpdatesEnabled: z.boolean().describe("Ask the registries for newer images (the one job that uses the internet); off by default"),
  imageUpdatesIntervalHours: z
    .number()
    .int("a whole number of hours")
    .min(IMAGE_UPDATES_MIN_HOURS, `at least ${IMAGE_UPDATES_MIN_HOURS} hour`)
    .max(IMAGE_UPDATES_MAX_HOURS, `at most ${IMAGE_UPDATES_MAX_HOURS} hours`)
    .describe("How often the update check runs when it is on"),
  registryMirror: RegistryHostSchema.nullable().describe("A LAN pull-through registry (e.g. registry:2 as a proxy) that pulls go through; null: pull from each image's registry"),
  egressProofTargets: z.array(EgressTargetSchema).min(1, "at least one address").max(EGRESS_PROOF_MAX_TARGETS).describe("Addresses an offline service must not reach"),
  egressProofNames: z.array(EgressNameSchema).min(1, "at least one name").max(EGRESS_PROOF_MAX_TARGETS).describe("Public names an offline service must not resolve"),
  exposureScanIntervalHours: z
    .number()
    .int("a whole number of hours")
    .refine((h) => h === 0 || (h >= 1 && h <= EXPOSURE_SCAN_MAX_HOURS), `0 (off) or between 1 and ${EXPOSURE_SCAN_MAX_HOURS} hours`)
    .describe("How often an exposure scan runs on its own (hours since the last scan); 0 turns scheduled scans off"),
  exposureOldImageDays: z
    .number()
    .int("a whole number of days")
    .min(EXPOSURE_OLD_IMAGE_MIN_DAYS, `at least ${EXPOSURE_OLD_IMAGE_MIN_DAYS} days`)
    .max(EXPOSURE_OLD_IMAGE_MAX_DAYS, `at most ${EXPOSURE_OLD_IMAGE_MAX_DAYS} days`)
    .describe("An exposure scan reports a container whose image was built more than this many days ago"),
  gamedayLocalNets: z.array(CidrSchema).min(1, "at least one network").max(32).describe("LAN networks: what an internet-down game day keeps reachable (each LAN host's /24 and the control plane's own addresses are added)"),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.partial().strict().refine((p) => Object.keys(p).length > 0, "change at least one setting");
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Each setting's row key and default; the compiler notices a setting without one. */
export const SETTING_KEYS: { [K in keyof Settings]: { key: string; fallback: Settings[K] } } = {
  auditRetentionDays: { key: "audit.retentionDays", fallback: AUDIT_RETENTION_DEFAULT_DAYS },
  imageUpdatesEnabled: { key: "images.updatesEnabled", fallback: false },
  imageUpdatesIntervalHours: { key: "images.updatesIntervalHours", fallback: 24 },
  registryMirror: { key: "images.registryMirror", fallback: null },
  egressProofTargets: { key: "egress.proofTargets", fallback: ["1.1.1.1:443", "9.9.9.9:53", "8.8.8.8:443"] },
  egressProofNames: { key: "egress.proofNames", fallback: ["example.com"] },
  exposureScanIntervalHours: { key: "exposure.scanIntervalHours", fallback: EXPOSURE_SCAN_DEFAULT_HOURS },
  exposureOldImageDays: { key: "exposure.oldImageDays", fallback: EXPOSURE_OLD_IMAGE_DEFAULT_DAYS },
  gamedayLocalNets: { key: "gamedays.localNets", fallback: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fd00::/8", "fe80::/10"] },
};
