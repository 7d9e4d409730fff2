// Liveness and database status for /api/health (no secrets, no counts of user data).
import { getDb } from "@/lib/db";

export const HEALTH_DB_TIMEOUT_MS = 2000;

export interface Health {
  status: "ok" | "degraded";
  version: string;
  uptimeSeconds: number;
  database: { status: "ok" | "error"; latencyMs?: number; error?: string };
}

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  let database: Health["database"];
  try {
    await Promise.race([
      getDb().$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), HEALTH_DB_TIMEOUT_MS).unref()),
    ]);
    database = { status: "ok", latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (err) {
    database = { status: "error", error: err instanceof Error ? err.message : "unknown" };
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    version: process.env.npm_package_version ?? "0.1.0",
    uptimeSeconds: Math.round(process.uptime()),
    database,
  };
}
