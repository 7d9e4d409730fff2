// Where a Homeport stack apply spends its time, from what the control plane publishes while it
// runs: the rollout's step changes (stack/rollout events, timed as they happen) and the agent's
// deploy log lines (timed by the agent), plus each container's first passing healthcheck as Docker
// recorded it. Per service (ms): rows (the control plane writes the service and opens its
// deployment), prepare (the request reaches the agent: policy, container list, image check),
// create (networks, volumes, the container), start, health (until Docker's first passing check;
// without a healthcheck, the agent's grace), promote (noticing it, then rename), report (the result
// back to the rollout). Per level: when it started and ended.
import type Docker from "dockerode";
import type { EventBus, LiveEvent } from "@/lib/events";
import { median, round1 } from "./stats";

export const PHASES = ["rows", "prepare", "create", "start", "health", "promote", "report", "total"] as const;
export type Phase = (typeof PHASES)[number];
/** Phase durations of one service in one apply (ms); null when the phase does not apply. */
export type ServiceProfile = { key: string; level: number; healthcheck: boolean } & Record<Phase, number | null>;
export interface ApplyProfile {
  services: ServiceProfile[];
  /** Per level: when its first service started and its last one ended, from the apply's start (ms). */
  levels: { level: number; start: number; end: number }[];
  /** From the apply's start to the first step running, and from the last step to `finished`. */
  before: number;
  after: number;
}

interface Trace {
  level: number;
  deploymentId: string | null;
  running?: number;
  done?: number;
  health?: Promise<{ configured: boolean; passedAt: number | null }>;
}

const LINE = {
  applying: /^applying spec /,
  created: /^created container /,
  started: /^started; checking health/,
  healthy: /^healthy; container /,
};

/** Records one apply; `stop()` unsubscribes and returns the profile. */
export class ApplyRecorder {
  private readonly traces = new Map<string, Trace>();
  private readonly logs = new Map<string, { at: number; line: string }[]>();
  private readonly opened = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private readonly t0 = Date.now();

  constructor(bus: EventBus, private readonly docker: Docker, private readonly stackName: string) {
    this.unsubscribe = bus.subscribe((e) => this.onEvent(e));
  }

  private onEvent(e: LiveEvent): void {
    const now = Date.now();
    if (e.type === "deploy/status") {
      if (!this.opened.has(e.deployment.id)) this.opened.set(e.deployment.id, now);
      return;
    }
    if (e.type === "deploy/log") {
      const list = this.logs.get(e.deploymentId) ?? [];
      list.push({ at: Date.parse(e.at), line: e.line });
      this.logs.set(e.deploymentId, list);
      return;
    }
    if (e.type !== "stack/rollout" || !e.rollout.steps.length || !e.rollout.steps[0]!.name.startsWith(`${this.stackName}-`)) return;
    for (const s of e.rollout.steps) {
      const t = this.traces.get(s.key) ?? { level: s.level, deploymentId: null };
      this.traces.set(s.key, t);
      t.deploymentId ??= s.deploymentId;
      if (s.status === "running") t.running ??= now;
      if ((s.status === "succeeded" || s.status === "failed") && t.done === undefined) {
        t.done = now;
        t.health = this.firstPass(s.name);
      }
    }
  }

  /** Docker keeps a container's last five healthcheck results: read them right after the step. */
  private async firstPass(name: string): Promise<{ configured: boolean; passedAt: number | null }> {
    const info = await this.docker.getContainer(name).inspect().catch(() => null);
    const health = info?.State.Health;
    const pass = health?.Log?.find((l) => l.ExitCode === 0);
    return { configured: Boolean(info?.Config.Healthcheck?.Test?.length), passedAt: pass ? Date.parse(pass.End) : null };
  }

  async stop(finishedAt: number): Promise<ApplyProfile> {
    this.unsubscribe();
    const services: ServiceProfile[] = [];
    for (const [key, t] of this.traces) {
      const lines = (t.deploymentId && this.logs.get(t.deploymentId)) || [];
      const at = (re: RegExp) => lines.find((l) => re.test(l.line))?.at ?? null;
      const [applying, created, started, healthy] = [at(LINE.applying), at(LINE.created), at(LINE.started), at(LINE.healthy)];
      const opened = t.deploymentId ? (this.opened.get(t.deploymentId) ?? null) : null;
      const health = (await t.health) ?? { configured: false, passedAt: null };
      const d = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : b - a);
      const passed = health.configured ? health.passedAt : null;
      services.push({
        key, level: t.level, healthcheck: health.configured,
        rows: d(t.running, opened), prepare: d(opened, applying), create: d(applying, created), start: d(created, started),
        health: d(started, passed ?? healthy), promote: passed === null ? null : d(passed, healthy),
        report: d(healthy, t.done), total: d(t.running, t.done),
      });
    }
    services.sort((a, b) => a.level - b.level || a.key.localeCompare(b.key));
    const levels = [...new Set([...this.traces.values()].map((t) => t.level))].sort((a, b) => a - b).map((level) => {
      const ts = [...this.traces.values()].filter((t) => t.level === level);
      return { level, start: Math.min(...ts.map((t) => (t.running ?? NaN) - this.t0)), end: Math.max(...ts.map((t) => (t.done ?? NaN) - this.t0)) };
    });
    const runs = [...this.traces.values()].map((t) => t.running ?? Infinity);
    const dones = [...this.traces.values()].map((t) => t.done ?? -Infinity);
    return { services, levels, before: Math.min(...runs) - this.t0, after: finishedAt - Math.max(...dones) };
  }
}

/** Medians over rounds: per service and phase, per level, and the apply's own overhead. */
export function summarise(profiles: ApplyProfile[]) {
  const med = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
    return v.length ? round1(median(v)) : null;
  };
  const keys = profiles[0]?.services.map((s) => s.key) ?? [];
  const services = keys.map((key) => {
    const all = profiles.map((p) => p.services.find((s) => s.key === key)).filter((s): s is ServiceProfile => Boolean(s));
    const first = all[0]!;
    return { key, level: first.level, healthcheck: first.healthcheck, ...Object.fromEntries(PHASES.map((ph) => [ph, med(all.map((s) => s[ph]))])) } as ServiceProfile;
  });
  const levelIds = profiles[0]?.levels.map((l) => l.level) ?? [];
  const levels = levelIds.map((level) => {
    const ls = profiles.map((p) => p.levels.find((l) => l.level === level)!);
    return { level, start: med(ls.map((l) => l.start)), end: med(ls.map((l) => l.end)), span: med(ls.map((l) => l.end - l.start)) };
  });
  return { services, levels, before: med(profiles.map((p) => p.before)), after: med(profiles.map((p) => p.after)) };
}

/** The summary as a table for people (stderr). */
export function profileTable(s: ReturnType<typeof summarise>): string {
  const cell = (v: number | null | undefined) => (v == null ? "-" : String(Math.round(v))).padStart(8);
  const rows = [`${"service".padEnd(10)} lvl hc ${PHASES.map((p) => p.padStart(8)).join("")}`];
  for (const sv of s.services) rows.push(`${sv.key.padEnd(10)} ${String(sv.level).padStart(3)} ${sv.healthcheck ? "y " : "n "}${PHASES.map((p) => cell(sv[p])).join("")}`);
  for (const l of s.levels) rows.push(`level ${l.level}: ${cell(l.start)} → ${cell(l.end)} ms from the apply's start (span ${Math.round(l.span ?? NaN)} ms)`);
  rows.push(`before the first step: ${Math.round(s.before ?? NaN)} ms; after the last step: ${Math.round(s.after ?? NaN)} ms`);
  return rows.join("\n");
}
