// Runs one exposure scan: refuses early what cannot run (a scan under way, no agent, a vantage
// whose owner turned scans off), then in the background reads every agent's container posture,
// has each vantage point's agent TCP-scan the managed hosts' addresses, derives the findings,
// scores and diffs them, keeps the history, updates the incident and audits the scan.
import type { Db } from "@/lib/db";
import { recordAudit, SYSTEM_ORIGIN, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { findAgentHub, type AgentSession } from "@/lib/agents";
import { DomainError } from "@/lib/errors";
import { getEventBus } from "@/lib/events";
import { log } from "@/lib/log";
import { scanRequestTimeoutMs, MAX_SCAN_TARGETS } from "@/lib/protocol";
import { getSetting } from "@/lib/settings";
import { labHosts, labIntent, type LabHost } from "./facts";
import { deriveFindings, type PostureFact, type ScanFact } from "./findings";
import { updateExposureIncident } from "./incident";
import { neededPorts } from "./intent";
import { scanPorts } from "./ports";
import { countBySeverity, diffFindings, scoreOf } from "./score";
import { failAbandonedReports, previousDoneReport, pruneReports, scanInProgress, setScanInProgress } from "./store";
import type { ExposureReportView, ScanRequest, ScanRow } from "./schemas";

/** Connection attempts per second each vantage point makes. */
export const SCAN_RATE_PER_SEC = 500;
/** How long one attempt waits before the port counts as filtered. */
export const SCAN_CONNECT_TIMEOUT_MS = 1_000;
/** How long an agent may take to read its containers' posture. */
export const POSTURE_TIMEOUT_MS = 30_000;

/** Holds the one-scan lock between the checks and the report row's creation. */
const STARTING = "starting";
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);
const DENIED = "exposure scans are turned off on this host by its owner (--deny-scan)";

interface Plan {
  hosts: LabHost[];
  vantages: LabHost[];
  denied: LabHost[];
  sessions: Map<string, AgentSession>;
}

function publish(id: string, status: ExposureReportView["status"], score: number | null) {
  getEventBus().publish({ type: "exposure/report", id, status, score });
}

/** What the scan will use, or the 4xx that says why it cannot run. */
async function plan(db: Db, input: ScanRequest): Promise<Plan> {
  const hub = findAgentHub();
  const hosts = await labHosts(db);
  const sessions = new Map<string, AgentSession>();
  for (const h of hosts) {
    const s = hub?.session(h.id);
    if (s) sessions.set(h.id, s);
  }
  if (input.vantageIds) {
    const chosen: LabHost[] = [];
    for (const id of new Set(input.vantageIds)) {
      const h = hosts.find((x) => x.id === id);
      if (!h) throw new DomainError("not_found", `No host ${id} to scan from`);
      if (!sessions.has(id)) throw new DomainError("conflict", `${h.name}'s agent is offline: it cannot scan now`);
      if (!h.allowScan) throw new DomainError("forbidden", `${h.name}: ${DENIED}`);
      chosen.push(h);
    }
    return { hosts, vantages: chosen, denied: [], sessions };
  }
  if (sessions.size === 0) throw new DomainError("conflict", "No agent is online: an exposure scan needs at least one connected agent");
  const online = hosts.filter((h) => sessions.has(h.id));
  return { hosts, vantages: online.filter((h) => h.allowScan), denied: online.filter((h) => !h.allowScan), sessions };
}

/** Starts a scan; the report row exists (status running) when this returns. */
export async function startExposureScan(db: Db, input: ScanRequest, actor: AuditActor, meta: AuditOrigin = SYSTEM_ORIGIN, trigger = "manual"): Promise<{ id: string; done: Promise<void> }> {
  if (scanInProgress()) throw new DomainError("conflict", "An exposure scan is already running; wait for its report");
  await failAbandonedReports(db);
  const p = await plan(db, input);
  if (scanInProgress()) throw new DomainError("conflict", "An exposure scan is already running; wait for its report");
  setScanInProgress(STARTING);
  let row: { id: string };
  try {
    row = await db.exposureReport.create({ data: { status: "running", trigger, actor: actor.name ?? actor.type } });
  } catch (err) {
    setScanInProgress(null);
    throw err;
  }
  setScanInProgress(row.id);
  publish(row.id, "running", null);
  const done = runScan(db, row.id, input, p, actor, meta).finally(() => setScanInProgress(null));
  return { id: row.id, done };
}

async function readPosture(p: Plan): Promise<{ facts: PostureFact[]; errors: string[] }> {
  const facts: PostureFact[] = [];
  const errors: string[] = [];
  await Promise.all(p.hosts.filter((h) => h.docker && p.sessions.has(h.id)).map(async (h) => {
    try {
      const r = await p.sessions.get(h.id)!.request("posture/read", {}, POSTURE_TIMEOUT_MS);
      facts.push({ hostId: h.id, hostName: h.name, containers: r.containers });
    } catch (err) {
      errors.push(`${h.name}: posture not read (${message(err)})`);
    }
  }));
  return { facts, errors };
}

/** One vantage point's scan of every other host's addresses (a LAN agent also scans its own host). */
async function scanFrom(p: Plan, v: LabHost, ports: number[]): Promise<{ rows: ScanRow[]; facts: ScanFact[] }> {
  const targets = p.hosts.filter((h) => v.kind === "lan" || h.id !== v.id).flatMap((h) => h.addresses.map((address) => ({ host: h, address })));
  const rows: ScanRow[] = [];
  const facts: ScanFact[] = [];
  const vantage = { id: v.id, name: v.name, kind: v.kind };
  for (let i = 0; i < targets.length; i += MAX_SCAN_TARGETS) {
    const chunk = targets.slice(i, i + MAX_SCAN_TARGETS);
    const params = { targets: chunk.map((t) => t.address), ports, ratePerSec: SCAN_RATE_PER_SEC, connectTimeoutMs: SCAN_CONNECT_TIMEOUT_MS };
    try {
      const r = await p.sessions.get(v.id)!.request("scan/tcp", params, scanRequestTimeoutMs(params));
      for (const t of chunk) {
        const res = r.results.find((x) => x.address === t.address);
        const open = res?.open ?? [];
        rows.push({ vantageId: v.id, vantageName: v.name, vantageKind: v.kind, hostId: t.host.id, hostName: t.host.name, address: t.address, portsTried: ports.length, open, error: res ? null : "the agent did not report this address", durationMs: r.durationMs });
        facts.push({ vantage, hostId: t.host.id, hostName: t.host.name, address: t.address, open });
      }
    } catch (err) {
      for (const t of chunk) rows.push({ vantageId: v.id, vantageName: v.name, vantageKind: v.kind, hostId: t.host.id, hostName: t.host.name, address: t.address, portsTried: ports.length, open: [], error: message(err), durationMs: 0 });
    }
  }
  return { rows, facts };
}

async function runScan(db: Db, id: string, input: ScanRequest, p: Plan, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  const started = Date.now();
  try {
    const intent = await labIntent(db, p.hosts);
    const posture = await readPosture(p);
    const published = posture.facts.flatMap((f) => f.containers.flatMap((c) => c.ports.filter((x) => x.protocol === "tcp").map((x) => x.hostPort)));
    const needed = [...neededPorts(intent).values()].map((n) => n.port);
    const ports = scanPorts(input.ports, [...published, ...intent.services.flatMap((s) => s.ports.map((x) => x.host ?? 0))], needed);
    const results = await Promise.all(p.vantages.map((v) => scanFrom(p, v, ports)));
    const scans: ScanRow[] = [
      ...results.flatMap((r) => r.rows),
      ...p.denied.map((h) => ({ vantageId: h.id, vantageName: h.name, vantageKind: h.kind, hostId: h.id, hostName: h.name, address: "", portsTried: 0, open: [], error: DENIED, durationMs: 0 })),
    ];
    const notes = [...posture.errors];
    if (!p.hosts.some((h) => h.addresses.length > 0)) notes.unshift("No host has an IP address yet, so nothing was scanned: give each host its addresses (PATCH /api/v1/hosts/:id)");
    const raw = deriveFindings({ intent, scans: results.flatMap((r) => r.facts), posture: posture.facts, now: new Date(), oldImageDays: await getSetting(db, "exposureOldImageDays") });
    const { findings, diff } = diffFindings(raw, await previousDoneReport(db, id));
    const counts = countBySeverity(findings);
    const score = scoreOf(counts);
    await db.exposureReport.update({
      where: { id },
      data: { status: "done", finishedAt: new Date(), score, ...counts, findings: JSON.stringify(findings), scans: JSON.stringify(scans), diff: JSON.stringify(diff), error: notes.length ? notes.join("; ").slice(0, 2000) : null },
    });
    await recordAudit(db, { actor, action: "exposure.scan", target: { type: "exposure-report", id }, meta, details: { status: "done", score, ...counts, newCount: diff.newCount, resolved: diff.resolved.length, vantages: p.vantages.map((v) => v.name), ports: ports.length, durationMs: Date.now() - started } });
    await pruneReports(db).catch((err: unknown) => log.warn("exposure", "old reports not pruned", { error: message(err) }));
    await updateExposureIncident(db, findings).catch((err: unknown) => log.error("exposure", "the exposure incident was not updated", { error: message(err) }));
    publish(id, "done", score);
  } catch (err) {
    log.error("exposure", "exposure scan failed", { id, error: message(err) });
    await db.exposureReport.update({ where: { id }, data: { status: "failed", finishedAt: new Date(), error: message(err) } }).catch(() => undefined);
    await recordAudit(db, { actor, action: "exposure.scan", target: { type: "exposure-report", id }, meta, details: { status: "failed", error: message(err) } }).catch(() => undefined);
    publish(id, "failed", null);
  }
}
