// Homeport's one process: migrations, then Next.js and the agent WebSocket endpoint on one port,
// plus background schedulers. SIGTERM/SIGINT close everything in order.
import "@/lib/config/offline"; // first: nothing below may phone home
import { createServer, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import next from "next";
import { getConfig, ConfigError } from "@/lib/config";
import { databaseFileFromUrl, getDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { ensureSetupCode, needsSetup, pruneExpiredSessions, scheduleAuthHousekeeping, SETUP_CODE_FILE } from "@/lib/auth";
import { scheduleAuditRetention } from "@/lib/settings";
import { scheduleImageUpdates } from "@/lib/images";
import { scheduleCatalogFollowUps } from "@/lib/catalog";
import { startCapacityMonitor } from "@/lib/capacity";
import { CLIENT_IP_HEADER } from "@/lib/api/request-meta";
import { createApiGate } from "@/lib/api/gate";
import { Schedulers } from "@/lib/schedulers";
import { log } from "@/lib/log";
import { localAgentEnabled, startAgentHub, startLocalAgent, stopAgentHub } from "@/lib/agents";
import { getExecSessions, stopExecSessions } from "@/lib/agents/exec-sessions";
import { EXEC_WS_PATH } from "@/lib/agents/exec-tickets";
import { recoverStackRollouts } from "@/lib/stacks";
import { AGENT_WS_PATH } from "@/lib/protocol";
import { scheduleDnsReconciler } from "@/lib/dns";
import { scheduleRoutesReconciler } from "@/lib/routes";
import { scheduleGameDays } from "@/lib/gamedays";
import { scheduleExposureScans } from "@/lib/exposure";

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = getConfig();
  const migrated = migrateDatabase(databaseFileFromUrl(config.databaseUrl));
  log.info("server", "database ready", { applied: migrated.applied, alreadyApplied: migrated.alreadyApplied });

  const db = getDb();
  // A stack apply this process was running when it died is ended as failed, with the reason.
  await recoverStackRollouts(db);
  if (await needsSetup(db)) {
    const code = ensureSetupCode();
    log.info("server", "first run: open the dashboard and enter this setup code to create the admin account", {
      setupCode: code,
      file: `${config.dataDir}/${SETUP_CODE_FILE}`,
    });
  }

  const app = next({ dev: false, dir: process.cwd(), hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgradeNext = app.getUpgradeHandler();

  // /api requests: 400/404/405 in the JSON error shape before Next, and no HTML error pages after it.
  const apiGate = createApiGate();
  const server = createServer((req, res) => {
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
    if (apiGate(req, res)) return;
    void handle(req, res);
  });

  // Agents dial in on AGENT_WS_PATH; the hub authenticates them before the WebSocket exists.
  const agentHub = startAgentHub(getDb);
  const consoles = getExecSessions(getDb, (id) => agentHub.session(id));

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === AGENT_WS_PATH) {
      void agentHub.handleUpgrade(req, socket, head);
    } else if (path === EXEC_WS_PATH) {
      void consoles.handleUpgrade(req, socket, head); // browser consoles (admin, ticketed)
    } else {
      void upgradeNext(req, socket, head);
    }
  });

  const schedulers = new Schedulers();
  void (await import("@/lib/probes")).startProbes(schedulers);
  scheduleDnsReconciler(schedulers, getDb);
  // Retries route parts that failed or were left pending by a crash, and cleanups of deleted routes.
  scheduleRoutesReconciler(schedulers, getDb);
  scheduleGameDays(schedulers, getDb); // game days: the end at the deadline, and after a crash
  schedulers.every("prune-sessions", 10 * 60_000, async () => {
    const n = await pruneExpiredSessions(db);
    if (n > 0) log.info("auth", "pruned expired sessions", { count: n });
  });
  scheduleAuthHousekeeping(schedulers, getDb);
  scheduleAuditRetention(schedulers, getDb);
  scheduleExposureScans(schedulers, getDb); // exposure scans every N hours (the setting; 0 = off)
  scheduleImageUpdates(schedulers, getDb); // the opt-in image update check (off by default)
  scheduleCatalogFollowUps(schedulers, getDb); // an installed app's route and checks, once its stack is healthy
  startCapacityMonitor(schedulers, getDb); // loop lag, CPU, write latency and event rate for Settings → Capacity

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  log.info("server", "Homeport is listening", { url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`, dataDir: config.dataDir });

  // HOMEPORT_LOCAL_AGENT=1: enroll this machine and run its agent against the local Docker engine.
  const stopLocalAgent = localAgentEnabled() ? await startLocalAgent(db, { dataDir: config.dataDir, port: config.port }) : () => {};

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("server", "shutting down", { signal });
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    force.unref();
    await schedulers.stop();
    stopLocalAgent();
    await stopExecSessions();
    await stopAgentHub();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await db.$disconnect();
    log.info("server", "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    log.error("server", "failed to start", { error: err instanceof Error ? err.message : String(err) });
  }
  process.exit(1);
});
