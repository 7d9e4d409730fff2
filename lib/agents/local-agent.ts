// The local agent: with HOMEPORT_LOCAL_AGENT=1, the control plane enrolls the machine it runs on
// (once; credentials in <data dir>/agent/credentials.json, 0600) and keeps one agent process
// (agents/main.ts) running against the local Docker engine, restarting it if it exits.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { createEnrollmentToken, exchangeEnrollmentToken } from "./enrollment";

export const LOCAL_AGENT_RESTART_MS = 5_000;
const SYSTEM = { type: "system" as const, name: "local-agent" };
const META = { ip: "127.0.0.1", userAgent: "homeport-local-agent", secure: false };

const EnvSchema = z.object({ HOMEPORT_LOCAL_AGENT: z.enum(["0", "1", "true", "false"]).default("0") });

export function localAgentEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = EnvSchema.safeParse(env);
  return v.success && (v.data.HOMEPORT_LOCAL_AGENT === "1" || v.data.HOMEPORT_LOCAL_AGENT === "true");
}

function localHostName(): string {
  const label = hostname().toLowerCase().split(".")[0]?.replace(/[^a-z0-9-]/g, "-").replace(/^-+|-+$/g, "").slice(0, 63);
  return label || "local";
}

async function ensureCredentials(db: Db, stateDir: string, serverUrl: string): Promise<boolean> {
  const file = join(stateDir, "credentials.json");
  if (existsSync(file)) {
    const { agentId } = JSON.parse(readFileSync(file, "utf8")) as { agentId?: string };
    const host = agentId ? await db.host.findUnique({ where: { id: agentId } }) : null;
    if (host && !host.revokedAt) return true;
    log.warn("local-agent", "stored local agent credentials are no longer valid; enrolling again");
  }
  const name = localHostName();
  if (await db.host.findUnique({ where: { name } })) {
    log.warn("local-agent", "a host with this machine's name exists but its credentials are not here; not starting a local agent", { name });
    return false;
  }
  const { token } = await createEnrollmentToken(db, { name, ttlMinutes: 5 }, serverUrl, SYSTEM, META);
  const creds = await exchangeEnrollmentToken(db, { token, hostname: hostname(), agentVersion: "local" }, META);
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify({ ...creds, server: serverUrl, enrolledAt: new Date().toISOString() }, null, 2) + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  log.info("local-agent", "enrolled this machine as a host", { name, hostId: creds.agentId });
  return true;
}

/** Starts the local agent; returns a stop function. Never throws: failures are logged. */
export async function startLocalAgent(db: Db, opts: { dataDir: string; port: number }): Promise<() => void> {
  const stateDir = join(opts.dataDir, "agent");
  const serverUrl = `http://127.0.0.1:${opts.port}`;
  let child: ChildProcess | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    if (!(await ensureCredentials(db, stateDir, serverUrl))) return () => {};
  } catch (err) {
    log.error("local-agent", "could not enroll the local agent", { error: err instanceof Error ? err.message : String(err) });
    return () => {};
  }
  const launch = () => {
    // Homeport's own data (database, secret key) is never mountable, whatever folders the owner allows
    // (HOMEPORT_AGENT_ALLOW_BIND in the environment becomes the local agent's --allow-bind list).
    const args = [resolve("agents/main.ts"), "--server", serverUrl, "--state-dir", stateDir, "--deny-path", resolve(opts.dataDir)];
    child = spawn(process.execPath, ["--import", "tsx", ...args], {
      stdio: ["ignore", "inherit", "inherit"],
      env: process.env,
    });
    child.once("exit", (code, signal) => {
      if (stopped) return;
      log.warn("local-agent", "the local agent exited; restarting", { code, signal, inMs: LOCAL_AGENT_RESTART_MS });
      timer = setTimeout(launch, LOCAL_AGENT_RESTART_MS);
    });
  };
  launch();
  return () => {
    stopped = true;
    clearTimeout(timer);
    child?.kill("SIGTERM");
  };
}
