// The egress proof on the control plane's side: one `egress` check per service meant to be fenced
// (egress offline), run only by the agent of the service's own host, hourly and right after every
// successful rollout; kept when the service is later opened (then it fails: a fenced service that
// is not), removed with the service. The addresses and names it tries come from the settings and
// are added to the check on its way to the agent.
import type { Db } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { log } from "@/lib/log";
import type { CheckResult, CheckSpec } from "./engine/schemas";
import type { DesiredCheck } from "./auto-checks";
import { ingestResults } from "./ingest";
import { specOf } from "./views";
import { checksChanged } from "./wake";

/** The proof runs this often on its schedule (and after every rollout). */
export const EGRESS_INTERVAL_SEC = 3600;
/** The whole proof: every connection and lookup is tried at once, each with its own shorter timeout. */
export const EGRESS_TIMEOUT_MS = 15_000;
/** An egress check's sourceKey: one per service. */
export const egressSourceKey = (serviceId: string): string => `egress:${serviceId}`;

export interface EgressServiceFacts {
  id: string;
  name: string;
  egress: string;
  hostId: string | null;
}

/**
 * The egress checks wanted: one for each placed service whose egress is offline, and one for each
 * placed service that already has one (it stays when the service is opened, and then fails).
 * Unplaced services get none: no agent could run it.
 */
export function desiredEgressChecks(services: EgressServiceFacts[], withCheck: ReadonlySet<string>): DesiredCheck[] {
  return services
    .filter((s) => s.hostId !== null && (s.egress === "offline" || withCheck.has(s.id)))
    .map((s) => ({
      sourceKey: egressSourceKey(s.id),
      source: "service" as const,
      name: `${s.name} has no egress`,
      spec: { type: "egress" as const, target: { serviceId: s.id } },
      vantages: [s.hostId!],
      intervalSec: EGRESS_INTERVAL_SEC,
      timeoutMs: EGRESS_TIMEOUT_MS,
      retries: 0,
    }));
}

/** The service ids of existing egress checks, from their sourceKeys. */
export function servicesWithEgressCheck(sourceKeys: (string | null)[]): Set<string> {
  return new Set(sourceKeys.filter((k): k is string => k?.startsWith("egress:") === true).map((k) => k.slice("egress:".length)));
}

/** The spec as the agent gets it: the settings' addresses and names, unless the check names its own. */
export function withEgressProbes(spec: CheckSpec, probes: { targets: string[]; names: string[] }): CheckSpec {
  if (spec.type !== "egress") return spec;
  const t = spec.target;
  return { type: "egress", target: { serviceId: t.serviceId, targets: t.targets?.length ? t.targets : probes.targets, names: t.names?.length ? t.names : probes.names } };
}

/** The settings' proof addresses and names. */
export async function egressProbes(db: Db): Promise<{ targets: string[]; names: string[] }> {
  const s = await getSettings(db);
  return { targets: s.egressProofTargets, names: s.egressProofNames };
}

/** Runs specs once on a host's agent (the hub's `probe/run`), one result per spec. */
export type RunOnHost = (hostId: string, checks: { spec: CheckSpec; timeoutMs: number }[]) => Promise<CheckResult[]>;

/**
 * Proves a service's fence now (after a successful rollout): the check is made first if the
 * service should have one, then run on its host's agent and stored like a scheduled result, so a
 * failure opens an incident and notifies. Returns the result, or null when there is nothing to prove.
 */
export async function proveEgressNow(db: Db, serviceId: string, run: RunOnHost): Promise<CheckResult | null> {
  const service = await db.service.findUnique({ where: { id: serviceId }, select: { id: true, name: true, egress: true, hostId: true } });
  if (!service?.hostId) return null;
  let check = await db.check.findUnique({ where: { sourceKey: egressSourceKey(serviceId) } });
  if (!check) {
    const [want] = desiredEgressChecks([service], new Set());
    if (!want) return null;
    check = await db.check.create({
      data: { name: want.name, type: "egress", target: JSON.stringify(want.spec.target), vantages: JSON.stringify(want.vantages), source: "service", sourceKey: want.sourceKey, intervalSec: EGRESS_INTERVAL_SEC, timeoutMs: EGRESS_TIMEOUT_MS, retries: 0 },
    });
    log.info("probes", "egress proof created", { serviceId, checkId: check.id });
    checksChanged();
  }
  if (!check.enabled || check.pausedAt) return null;
  const spec = withEgressProbes(specOf(check), await egressProbes(db));
  const at = new Date().toISOString();
  const [result] = await run(service.hostId, [{ spec, timeoutMs: check.timeoutMs }]);
  if (!result) return null;
  await ingestResults(service.hostId, [{ ...result, checkId: check.id, at }], db);
  return result;
}
