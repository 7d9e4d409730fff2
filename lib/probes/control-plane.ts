// The control plane as a vantage point: loads the checks that run from "control-plane", runs them
// on the engine's scheduler, writes results in batches through ingestResults, and registers the
// background jobs (reload, automatic checks, deliveries, retention) on server.ts's Schedulers.
import type { Schedulers } from "@/lib/schedulers";
import { getDb, type Db } from "@/lib/db";
import { log } from "@/lib/log";
import { loadAdminEndpoints } from "@/lib/net/stored-admin-endpoints";
import { ProbeScheduler, type ScheduledCheck } from "./engine/scheduler";
import { parseProbeConfig, type ProbeConfig } from "./config";
import { ingestResults } from "./ingest";
import { ResultWriter } from "./writer";
import { CONTROL_PLANE_VANTAGE, ensureControlPlaneVantage, selectsVantage } from "./vantages";
import { syncAutoChecks } from "./auto-checks";
import { egressProbes, withEgressProbes } from "./egress-proof";
import { processDeliveries } from "./deliveries";
import { pruneProbeData } from "./retention";
import { checkRows } from "./rows";
import { specOf } from "./views";
import { onChecksChanged } from "./wake";
import { PUSH_SWEEP_INTERVAL_MS, sweepPushChecks } from "./push";

export const RELOAD_INTERVAL_MS = 30_000;
export const RELOAD_DEBOUNCE_MS = 250;
export const AUTO_CHECKS_INTERVAL_MS = 60_000;
export const DELIVERY_INTERVAL_MS = 5_000;
export const RETENTION_INTERVAL_MS = 3600_000;

/**
 * The checks that run from one vantage point, as a scheduler wants them. The control plane uses
 * it for itself; the agent hub can use it to push each agent its schedule.
 */
export async function loadChecksForVantage(db: Db, vantage: { id: string; kind: string }): Promise<ScheduledCheck[]> {
  const rows = await db.check.findMany({ where: { enabled: true, pausedAt: null }, select: { id: true, type: true, target: true, intervalSec: true, timeoutMs: true, vantages: true } });
  const out: ScheduledCheck[] = [];
  let probes: { targets: string[]; names: string[] } | undefined;
  for (const r of rows) {
    try {
      if (!selectsVantage(checkRows.columns({ id: r.id, vantages: r.vantages }).vantages, vantage)) continue;
      let spec = specOf(r);
      // The egress proof carries the settings' addresses and names to the agent.
      if (spec.type === "egress") spec = withEgressProbes(spec, (probes ??= await egressProbes(db)));
      out.push({ id: r.id, intervalMs: r.intervalSec * 1000, timeoutMs: r.timeoutMs, spec });
    } catch (err) {
      log.warn("probes", "skipping a check with an unreadable target or vantage list", { checkId: r.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

export interface ProbeRuntime {
  scheduler: ProbeScheduler;
  writer: ResultWriter;
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export async function createProbeRuntime(db: Db, config: ProbeConfig): Promise<ProbeRuntime> {
  await ensureControlPlaneVantage(db);
  // The admin APIs Homeport drives are refused as probe targets from the first probe on.
  await loadAdminEndpoints(db);
  const writer = new ResultWriter((vantageId, results) => ingestResults(vantageId, results, db));
  const scheduler = new ProbeScheduler({
    concurrency: config.concurrency,
    maxInitialDelayMs: config.maxInitialDelayMs,
    onResult: (run) => writer.add(CONTROL_PLANE_VANTAGE.id, { checkId: run.checkId, at: run.at.toISOString(), ...run.result }),
    onError: (err) => log.error("probes", "probe run failed", { error: err instanceof Error ? err.message : String(err) }),
  });
  const reload = async () => scheduler.replaceAll(await loadChecksForVantage(db, CONTROL_PLANE_VANTAGE));
  await reload();
  scheduler.start();
  return {
    scheduler,
    writer,
    reload,
    async stop() {
      onChecksChanged(undefined);
      await scheduler.stop();
      await writer.stop();
    },
  };
}

/**
 * Starts probing from the control plane and registers the probe jobs on `schedulers`. Never
 * rejects: failures are logged (probing is auxiliary to the rest of the server).
 */
export async function startProbes(schedulers: Schedulers, db: Db = getDb()): Promise<ProbeRuntime | null> {
  try {
    const config = parseProbeConfig(process.env);
    if (!config.enabled) {
      log.info("probes", "probing is disabled (HOMEPORT_PROBES=0)");
      return null;
    }
    await syncAutoChecks(db).catch((err: unknown) => log.warn("probes", "automatic checks not synced", { error: err instanceof Error ? err.message : String(err) }));
    const runtime = await createProbeRuntime(db, config);
    let pending: NodeJS.Timeout | null = null;
    onChecksChanged(() => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        void runtime.reload().catch((err: unknown) => log.warn("probes", "reload failed", { error: err instanceof Error ? err.message : String(err) }));
      }, RELOAD_DEBOUNCE_MS);
      pending.unref();
    });
    schedulers.every("probes-reload", RELOAD_INTERVAL_MS, runtime.reload);
    schedulers.onStop(() => runtime.stop());
    schedulers.every("probes-auto-checks", AUTO_CHECKS_INTERVAL_MS, async () => { await syncAutoChecks(db); });
    schedulers.every("probes-push", PUSH_SWEEP_INTERVAL_MS, async () => { await sweepPushChecks(db); });
    schedulers.every("probes-deliveries", DELIVERY_INTERVAL_MS, async () => { await processDeliveries(db); });
    schedulers.every("probes-retention", RETENTION_INTERVAL_MS, async () => {
      const s = await pruneProbeData(db, new Date(), config.retention);
      log.info("probes", "retention pass", { ...s });
    });
    log.info("probes", "probing started", { vantage: CONTROL_PLANE_VANTAGE.id, checks: runtime.scheduler.stats().checks, concurrency: config.concurrency });
    return runtime;
  } catch (err) {
    log.error("probes", "probing did not start", { error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}
