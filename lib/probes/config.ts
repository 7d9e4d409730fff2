// Probe settings, read once from the environment through a zod schema.
import { z } from "zod";
import { DEFAULT_RETENTION, HOUR_MS, DAY_MS, type RetentionPolicy } from "./retention";
import { DEFAULT_CONCURRENCY } from "./engine/scheduler";

const EnvSchema = z.object({
  HOMEPORT_PROBES: z.enum(["0", "1", "true", "false"]).default("1"),
  HOMEPORT_PROBE_CONCURRENCY: z.coerce.number().int().min(1).max(4096).default(DEFAULT_CONCURRENCY),
  HOMEPORT_PROBE_RAW_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(DEFAULT_RETENTION.rawMs / HOUR_MS),
  HOMEPORT_PROBE_HOURLY_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_RETENTION.hourlyMs / DAY_MS),
  HOMEPORT_PROBE_DAILY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_RETENTION.dailyMs / DAY_MS),
});

export interface ProbeConfig {
  enabled: boolean;
  concurrency: number;
  retention: RetentionPolicy;
  /** Spread of first runs after start (default: one interval). */
  maxInitialDelayMs?: number;
}

export class ProbeConfigError extends Error {}

export function parseProbeConfig(env: NodeJS.ProcessEnv): ProbeConfig {
  const r = EnvSchema.safeParse(env);
  if (!r.success) throw new ProbeConfigError(`Invalid probe configuration:\n${r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  const e = r.data;
  return {
    enabled: e.HOMEPORT_PROBES === "1" || e.HOMEPORT_PROBES === "true",
    concurrency: e.HOMEPORT_PROBE_CONCURRENCY,
    retention: {
      ...DEFAULT_RETENTION,
      rawMs: e.HOMEPORT_PROBE_RAW_RETENTION_HOURS * HOUR_MS,
      hourlyMs: e.HOMEPORT_PROBE_HOURLY_RETENTION_DAYS * DAY_MS,
      dailyMs: e.HOMEPORT_PROBE_DAILY_RETENTION_DAYS * DAY_MS,
    },
  };
}
