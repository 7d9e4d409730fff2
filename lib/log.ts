// Structured JSON logs on stdout/stderr: one object per line with level, module and fields.
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const env = process.env.HOMEPORT_LOG_LEVEL as Level | undefined;
  return ORDER[env && env in ORDER ? env : "info"];
}

function write(level: Level, module: string, msg: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < threshold() || process.env.HOMEPORT_LOG_SILENT === "1") return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, module, msg, ...fields });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const log = {
  debug: (m: string, msg: string, f?: Record<string, unknown>) => write("debug", m, msg, f),
  info: (m: string, msg: string, f?: Record<string, unknown>) => write("info", m, msg, f),
  warn: (m: string, msg: string, f?: Record<string, unknown>) => write("warn", m, msg, f),
  error: (m: string, msg: string, f?: Record<string, unknown>) => write("error", m, msg, f),
};
