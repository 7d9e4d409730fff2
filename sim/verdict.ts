// Judging a bench step against the targets, and naming what gave out from the figures:
// the resource whose measurement stands furthest past its limit (memory, CPU/event loop, SQLite,
// the event stream, agent connections, page rendering).
import type { CapacityRun, CapacityStep } from "@/lib/capacity/run-schema";

export const TARGETS: CapacityRun["targets"] = { rssMb: 1024, eventP95Ms: 100, stormSeconds: 30, pageMs: 300 };
/** One Node process's main thread is saturated near one core (GC threads add a little). */
export const CPU_SATURATED_CORES = 0.9;
/** Event loop lag (p99) past which everything the process does waits. */
export const LAG_LIMIT_MS = 100;
/** A small SQLite write slower than this (p95) holds up every event that writes. */
export const SQLITE_WRITE_LIMIT_MS = 50;
/** Past this many times a target, a step broke "by a wide margin" (SCALE_PUSH stops). */
export const WIDE_MARGIN = 2;

export type StepFigures = Omit<CapacityStep, "ok" | "problems">;

const over = (v: number | null, limit: number) => (v === null ? 0 : v / limit);

/** The targets this step missed, in words. */
export function problemsOf(s: StepFigures, t = TARGETS): string[] {
  const out: string[] = [];
  if (s.connected < s.agents) out.push(`${s.agents - s.connected} of ${s.agents} agents not connected`);
  if (s.rssMbPeak > t.rssMb) out.push(`RSS ${s.rssMbPeak} MiB over ${t.rssMb} MiB`);
  if (s.eventP95Ms !== null && s.eventP95Ms > t.eventP95Ms) out.push(`event p95 ${s.eventP95Ms} ms over ${t.eventP95Ms} ms`);
  if (s.eventsLost > 0) out.push(`${s.eventsLost} of ${s.eventsSent} die events lost on the event stream`);
  if (s.stormSettleSeconds === null) out.push("the reconnect storm did not settle");
  else if (s.stormSettleSeconds > t.stormSeconds) out.push(`storm settled in ${s.stormSettleSeconds} s, over ${t.stormSeconds} s`);
  for (const [name, ms] of Object.entries(s.pages)) if (ms !== null && ms > t.pageMs) out.push(`${name.replace(/Ms$/, "")} page ${ms} ms over ${t.pageMs} ms`);
  if (Object.values(s.pages).some((ms) => ms === null)) out.push("a page failed to load");
  return out;
}

export function judge(s: StepFigures, t = TARGETS): CapacityStep {
  const problems = problemsOf(s, t);
  return { ...s, ok: problems.length === 0, problems };
}

/** How far past its limit each resource is at this step (1 = at the limit). */
export function pressures(s: StepFigures, t = TARGETS): Record<string, number> {
  const pageWorst = Math.max(...Object.values(s.pages).map((ms) => over(ms, t.pageMs)));
  return {
    memory: s.rssMbPeak / t.rssMb,
    "CPU/event loop": Math.max(s.cpuCores / CPU_SATURATED_CORES, over(s.eventLoopLagP99Ms, LAG_LIMIT_MS)),
    SQLite: over(s.sqliteWriteP95Ms, SQLITE_WRITE_LIMIT_MS),
    "the event stream": Math.max(over(s.eventP95Ms, t.eventP95Ms), s.eventsLost > 0 ? WIDE_MARGIN : 0),
    "agent connections": s.stormSettleSeconds === null || s.connected < s.agents ? WIDE_MARGIN : s.stormSettleSeconds / t.stormSeconds,
    "page rendering": pageWorst,
  };
}

const fmt = (v: number | null, unit: string) => (v === null ? "n/a" : `${v}${unit}`);

/**
 * The first step that missed a target, and the resource under the most pressure there. A symptom
 * (event latency, storm time, pages) is blamed on a cause (CPU, SQLite, memory) when that cause is
 * itself past its limit at the same step.
 */
export function collapseOf(steps: readonly CapacityStep[], t = TARGETS): CapacityRun["collapse"] {
  const s = steps.find((x) => !x.ok);
  if (!s) return null;
  const p = pressures(s, t);
  const causes = ["memory", "CPU/event loop", "SQLite"].filter((k) => (p[k] ?? 0) >= 1);
  const pool = causes.length ? causes : Object.keys(p);
  const resource = pool.reduce((a, b) => ((p[b] ?? 0) > (p[a] ?? 0) ? b : a));
  const detail =
    `${s.problems.join("; ")}. Measured: RSS ${s.rssMbPeak} MiB, CPU ${s.cpuCores} cores, event loop p99 ${fmt(s.eventLoopLagP99Ms, " ms")}, ` +
    `SQLite write p95 ${fmt(s.sqliteWriteP95Ms, " ms")}, event p95 ${fmt(s.eventP95Ms, " ms")}, storm ${fmt(s.stormSettleSeconds, " s")}.`;
  return { agents: s.agents, resource, detail };
}

/** True when a step is past a target by WIDE_MARGIN or more (or RSS past `rssCeilingMb`). */
export function brokeWide(s: CapacityStep, rssCeilingMb: number, t = TARGETS): boolean {
  if (s.rssMbPeak > rssCeilingMb) return true;
  const p = pressures(s, t);
  return ["memory", "the event stream", "agent connections", "page rendering"].some((k) => (p[k] ?? 0) >= WIDE_MARGIN);
}
