// Automatic checks: every Route gets an HTTPS check of its URL (run from the vantage points its
// exposure implies), every Service port published on a reachable address gets a TCP check.
// planAutoChecks is pure (table-driven tests); syncAutoChecks applies the plan.
import { routeRows } from "@/lib/routes/record";
import { isRemote, type Exposure } from "@/lib/routes/exposure";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { hostRows, serviceRows } from "@/lib/inventory";
import type { CheckSpec } from "./engine/schemas";
import { addressRefusal } from "./engine/safety";
import type { CheckExpectation, VantageSelector } from "./schemas";
import { checksChanged } from "./wake";
import { desiredEgressChecks, servicesWithEgressCheck } from "./egress-proof";

export const AUTO_INTERVAL_SEC = 60;
export const AUTO_TIMEOUT_MS = 10_000;
export const AUTO_RETRIES = 1;

export interface RouteFacts {
  id: string;
  hostname: string;
  exposure: Exposure;
  /** internal: Caddy's local CA (12-hour certificates Caddy renews itself); certificate: the user's own. */
  tlsMode?: string;
}

/** Warn this many days before a user-supplied certificate expires; Caddy renews its own. */
export const USER_CERT_MIN_DAYS = 7;

export interface ServiceFacts {
  id: string;
  name: string;
  ports: { container: number; host?: number; protocol?: string; hostIp?: string }[];
  hostAddresses: string[];
}

export interface DesiredCheck {
  sourceKey: string;
  source: "route" | "service";
  name: string;
  spec: CheckSpec;
  vantages: VantageSelector[];
  /** "unreachable" for exposure checks (a LAN-only route from away); absent = "reachable". */
  expectation?: CheckExpectation;
  /** Absent: AUTO_INTERVAL_SEC, AUTO_TIMEOUT_MS and AUTO_RETRIES (set when the check is created). */
  intervalSec?: number;
  timeoutMs?: number;
  retries?: number;
}

export interface ExistingAutoCheck {
  id: string;
  sourceKey: string;
  name: string;
  type: string;
  target: string;
  vantages: string;
  /** Absent (older callers) counts as "reachable". */
  expectation?: string;
}

export interface AutoCheckPlan {
  create: DesiredCheck[];
  update: { id: string; desired: DesiredCheck }[];
  remove: string[];
}

const EXPOSURE_VANTAGES: Record<string, VantageSelector[]> = { lan: ["kind:lan"], remote: ["kind:remote"], both: [] };

/** Which address a published port answers on, from outside its host; null if none (loopback only). */
function publishedAddress(hostIp: string | undefined, hostAddresses: string[]): string | null {
  const ip = hostIp ?? "0.0.0.0";
  if (ip.startsWith("127.")) return null;
  if (ip === "0.0.0.0") return hostAddresses.find((a) => addressRefusal(a) === null && !a.startsWith("127.")) ?? null;
  return addressRefusal(ip) === null ? ip : null;
}

export function desiredAutoChecks(routes: RouteFacts[], services: ServiceFacts[]): DesiredCheck[] {
  const out: DesiredCheck[] = [];
  for (const r of routes) {
    // Caddy's internal CA is usually not in the system store, so the chain is not verified; expiry
    // is always reported, and fails the check early only for a user-supplied certificate (Caddy's
    // own live 12 hours and are renewed by Caddy, offline).
    const tlsMinDaysValid = r.tlsMode === "certificate" ? USER_CERT_MIN_DAYS : 0;
    const spec: CheckSpec = { type: "https", target: { url: `https://${r.hostname}/`, method: "GET", expectStatus: { min: 200, max: 499 }, followRedirects: true, maxRedirects: 5, verifyTls: false, tlsMinDaysValid } };
    out.push({ sourceKey: `route:${r.id}`, source: "route", name: r.hostname, spec, vantages: EXPOSURE_VANTAGES[r.exposure] ?? [] });
    // A LAN-only route must not answer from away: the same request from remote vantages, expected to fail.
    if (!isRemote(r.exposure)) {
      out.push({ sourceKey: `route:${r.id}:exposure`, source: "route", name: `${r.hostname} (not reachable from away)`, spec, vantages: ["kind:remote"], expectation: "unreachable" });
    }
  }
  for (const s of services) {
    for (const p of s.ports) {
      if (p.host === undefined || (p.protocol ?? "tcp") !== "tcp") continue;
      const host = publishedAddress(p.hostIp, s.hostAddresses);
      if (!host) continue;
      out.push({
        sourceKey: `service:${s.id}:${p.host}`,
        source: "service",
        name: `${s.name} :${p.host}`,
        spec: { type: "tcp", target: { host, port: p.host } },
        vantages: ["kind:lan"],
      });
    }
  }
  return out;
}

export function planAutoChecks(desired: DesiredCheck[], existing: ExistingAutoCheck[]): AutoCheckPlan {
  const have = new Map(existing.map((e) => [e.sourceKey, e]));
  const want = new Set(desired.map((d) => d.sourceKey));
  const plan: AutoCheckPlan = { create: [], update: [], remove: existing.filter((e) => !want.has(e.sourceKey)).map((e) => e.id) };
  for (const d of desired) {
    const e = have.get(d.sourceKey);
    if (!e) plan.create.push(d);
    else if (e.name !== d.name || e.type !== d.spec.type || e.target !== JSON.stringify(d.spec.target) || e.vantages !== JSON.stringify(d.vantages) || (e.expectation ?? "reachable") !== (d.expectation ?? "reachable")) {
      plan.update.push({ id: e.id, desired: d });
    }
  }
  return plan;
}

export async function syncAutoChecks(db: Db): Promise<AutoCheckPlan> {
  const [routesRead, tlsRows, services, existing] = await Promise.all([
    db.route.findMany({ select: { id: true, hostname: true, exposure: true } }),
    db.proxyEntry.findMany({ where: { tlsMode: { not: "internal" } }, select: { routeId: true, tlsMode: true } }),
    db.service.findMany({ select: { id: true, name: true, ports: true, egress: true, hostId: true, host: { select: { addresses: true } } } }),
    db.check.findMany({ where: { source: { in: ["route", "service"] }, sourceKey: { not: null } }, select: { id: true, sourceKey: true, name: true, type: true, target: true, vantages: true, expectation: true } }),
  ]);
  const tlsMode = new Map(tlsRows.map((t) => [t.routeId, t.tlsMode]));
  const desired = desiredAutoChecks(
    routesRead.map((r) => ({ ...routeRows.columns(r), tlsMode: tlsMode.get(r.id) ?? "internal" })),
    services.map((s) => ({ id: s.id, name: s.name, ports: serviceRows.columns({ id: s.id, ports: s.ports }).ports, hostAddresses: s.host ? hostRows.columns({ addresses: s.host.addresses }).addresses : [] })),
  );
  desired.push(...desiredEgressChecks(services, servicesWithEgressCheck(existing.map((e) => e.sourceKey))));
  const plan = planAutoChecks(desired, existing.map((e) => ({ ...e, sourceKey: e.sourceKey! })));
  if (plan.create.length + plan.update.length + plan.remove.length === 0) return plan;
  const columns = (d: DesiredCheck) => ({ name: d.name, type: d.spec.type, target: JSON.stringify(d.spec.target), vantages: JSON.stringify(d.vantages), expectation: d.expectation ?? "reachable" });
  await db.$transaction(async (tx) => {
    if (plan.remove.length) await tx.check.deleteMany({ where: { id: { in: plan.remove } } });
    for (const u of plan.update) await tx.check.update({ where: { id: u.id }, data: columns(u.desired) });
    if (plan.create.length) {
      await tx.check.createMany({
        data: plan.create.map((d) => ({ ...columns(d), source: d.source, sourceKey: d.sourceKey, intervalSec: d.intervalSec ?? AUTO_INTERVAL_SEC, timeoutMs: d.timeoutMs ?? AUTO_TIMEOUT_MS, retries: d.retries ?? AUTO_RETRIES })),
      });
    }
  });
  log.info("probes", "automatic checks synced", { created: plan.create.length, updated: plan.update.length, removed: plan.remove.length });
  checksChanged();
  return plan;
}
