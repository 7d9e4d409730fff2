// Process configuration, read once from the environment through a zod schema. Invalid values
// stop start-up with a message that names the variable.
import { z } from "zod";
import { resolve, join } from "node:path";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  HOMEPORT_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().startsWith("file:", "must be a SQLite file: URL").optional(),
  HOMEPORT_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  HOMEPORT_TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0"),
  HOMEPORT_SECURE_COOKIES: z.enum(["auto", "always", "never"]).default("auto"),
  HOMEPORT_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  sessionTtlMs: number;
  trustProxy: boolean;
  secureCookies: "auto" | "always" | "never";
  logLevel: "debug" | "info" | "warn" | "error";
}

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.HOMEPORT_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${join(dataDir, "homeport.db")}`,
    sessionTtlMs: e.HOMEPORT_SESSION_TTL_HOURS * 3600_000,
    trustProxy: e.HOMEPORT_TRUST_PROXY === "1" || e.HOMEPORT_TRUST_PROXY === "true",
    secureCookies: e.HOMEPORT_SECURE_COOKIES,
    logLevel: e.HOMEPORT_LOG_LEVEL,
  };
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests change the environment and then drop the cached copy. */
export function resetConfigForTesting(): void {
  cached = undefined;
}
