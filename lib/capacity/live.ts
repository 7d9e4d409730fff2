// This instance's live headroom (`CapacityLive`): what it carries now from the database and the agent
// hub, and how the process copes from the capacity monitor (nulls where no monitor runs here).
import { stat } from "node:fs/promises";
import type { Db } from "@/lib/db";
import { findAgentHub } from "@/lib/agents";
import type { CapacityLive } from "./live-schema";
import type { MonitorReading } from "./monitor";
import { databaseFile } from "./data-dir";
import { round } from "./window";

const MB = 1024 * 1024;

/** Check rounds per minute of the enabled, unpaused checks, from their intervals. */
export async function checksPerMinute(db: Db): Promise<number> {
  const groups = await db.check.groupBy({ by: ["intervalSec"], where: { enabled: true, pausedAt: null }, _count: { _all: true } });
  return round(groups.reduce((sum, g) => sum + (g.intervalSec > 0 ? (g._count._all * 60) / g.intervalSec : 0), 0), 1);
}

/** The SQLite file plus its write-ahead log, in bytes; null when neither can be read. */
export async function databaseBytes(file = databaseFile()): Promise<number | null> {
  const sizes = await Promise.all([file, `${file}-wal`].map((f) => stat(f).then((s) => s.size, () => null)));
  return sizes.every((s) => s === null) ? null : sizes.reduce<number>((a, s) => a + (s ?? 0), 0);
}

async function agentCounts(db: Db): Promise<{ enrolled: number; connected: number }> {
  const hosts = await db.host.findMany({ where: { revokedAt: null, enrolledAt: { not: null } }, select: { id: true } });
  const hub = findAgentHub();
  return { enrolled: hosts.length, connected: hub ? hosts.filter((h) => hub.isOnline(h.id)).length : 0 };
}

export async function capacityLive(db: Db, reading: MonitorReading | null): Promise<CapacityLive> {
  const [agents, containers, services, perMinute, bytes] = await Promise.all([
    agentCounts(db),
    db.containerState.count(),
    db.service.count(),
    checksPerMinute(db),
    databaseBytes(),
  ]);
  const mem = process.memoryUsage();
  return {
    at: new Date().toISOString(),
    agents,
    containers,
    services,
    checksPerMinute: perMinute,
    eventsPerSecond: reading?.eventsPerSecond ?? 0,
    eventStreams: reading?.eventStreams ?? 0,
    eventsDroppedPerMinute: reading?.eventsDroppedPerMinute ?? null,
    process: {
      rssMb: round(mem.rss / MB, 1),
      heapUsedMb: round(mem.heapUsed / MB, 1),
      cpuCores: reading?.cpuCores ?? null,
      eventLoopLagP99Ms: reading?.eventLoopLagP99Ms ?? null,
      uptimeSeconds: Math.round(process.uptime()),
    },
    database: { bytes, writeP95Ms: reading?.writeP95Ms ?? null },
  };
}
