// The plan of a stack apply, before anything changes: for each Compose service whether its
// container is created, recreated (and why), left alone, or removed. Pure: it compares the
// desired services with the stack's current Service rows and what the host reports running.
import type { DesiredService } from "./desired";
import { dependencyLevels } from "./desired";

/** A stack service as it exists now (its Service row, and its container as last reported). */
export interface CurrentService {
  id: string;
  key: string;
  name: string;
  image: string;
  command: string[];
  env: Record<string, string>;
  ports: DesiredService["ports"];
  volumes: DesiredService["volumes"];
  healthcheck: DesiredService["healthcheck"];
  restartPolicy: DesiredService["restartPolicy"];
  egress: DesiredService["egress"];
  runtime: DesiredService["runtime"];
  networks: DesiredService["networks"];
  /** The running container's state, or null when the host reports none. */
  container: { state: string; health: string | null } | null;
  /** Whether the running container carries the spec this row describes (its hash matches). */
  containerCurrent: boolean;
}

export type PlanAction = "create" | "recreate" | "unchanged" | "remove";

export interface PlanStep {
  key: string;
  name: string;
  action: PlanAction;
  /** Why (recreate): the fields that differ, in words; env changes name the variables, never values. */
  reasons: string[];
  /** Rollout level (0 first); removals come after every level. */
  level: number;
  serviceId: string | null;
}

export interface StackPlan {
  steps: PlanStep[];
  levels: string[][];
  changes: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

function envReason(a: Record<string, string>, b: Record<string, string>): string | null {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
  if (keys.length === 0) return null;
  const shown = keys.slice(0, 6).join(", ");
  return `environment (${shown}${keys.length > 6 ? ` and ${keys.length - 6} more` : ""})`;
}

function runtimeReason(a: DesiredService["runtime"], b: DesiredService["runtime"]): string | null {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    .sort();
  return keys.length ? `options (${keys.join(", ")})` : null;
}

/** Why `cur` must be recreated to become `want`; empty when its configuration is the same. */
export function differences(want: DesiredService, cur: CurrentService): string[] {
  const out: string[] = [];
  if (want.image !== cur.image) out.push(`image (${cur.image} → ${want.image})`);
  if (!same(want.command, cur.command)) out.push("command");
  const env = envReason(want.env, cur.env);
  if (env) out.push(env);
  if (!same(want.ports, cur.ports)) out.push("ports");
  if (!same(want.volumes, cur.volumes)) out.push("volumes");
  if (!same(want.healthcheck, cur.healthcheck)) out.push("healthcheck");
  if (want.restartPolicy !== cur.restartPolicy) out.push(`restart policy (${cur.restartPolicy} → ${want.restartPolicy})`);
  if (want.egress !== cur.egress) out.push(`egress (${cur.egress} → ${want.egress})`);
  const rt = runtimeReason(want.runtime, cur.runtime);
  if (rt) out.push(rt);
  if (!same(want.networks, cur.networks)) out.push("networks");
  return out;
}

export function planStack(desired: DesiredService[], current: CurrentService[]): StackPlan {
  const levels = dependencyLevels(desired);
  const levelOf = new Map(levels.flatMap((l, i) => l.map((k) => [k, i] as const)));
  const byKey = new Map(current.map((c) => [c.key, c]));
  const steps: PlanStep[] = [];
  for (const want of desired) {
    const cur = byKey.get(want.key);
    const level = levelOf.get(want.key) ?? 0;
    if (!cur) {
      steps.push({ key: want.key, name: want.name, action: "create", reasons: [], level, serviceId: null });
      continue;
    }
    const reasons = differences(want, cur);
    if (reasons.length === 0 && !cur.container) reasons.push("its container is missing");
    else if (reasons.length === 0 && !cur.containerCurrent) reasons.push("its container runs an older spec");
    else if (reasons.length === 0 && cur.container && cur.container.state !== "running") reasons.push(`its container is ${cur.container.state}`);
    steps.push({ key: want.key, name: want.name, action: reasons.length ? "recreate" : "unchanged", reasons, level, serviceId: cur.id });
  }
  const wanted = new Set(desired.map((d) => d.key));
  for (const cur of current) {
    if (!wanted.has(cur.key)) steps.push({ key: cur.key, name: cur.name, action: "remove", reasons: ["no longer in the file"], level: levels.length, serviceId: cur.id });
  }
  steps.sort((a, b) => a.level - b.level || a.key.localeCompare(b.key));
  return { steps, levels, changes: steps.filter((s) => s.action !== "unchanged").length };
}
