// How Settings → Capacity words a scale run: the verdict line, where this instance stands against
// what the machine held, and the chart series. Pure and browser-safe (no node imports).
import type { CapacityLive } from "./live-schema";
import type { CapacityRun, CapacityStep } from "./run-schema";

const count = (n: number) => n.toLocaleString("en-US");

/** The largest step that held every target, or null. */
export function heldStep(run: CapacityRun): CapacityStep | null {
  const held = run.steps.filter((s) => s.ok);
  return held.length === 0 ? null : held.reduce((a, b) => (b.agents > a.agents ? b : a));
}

/** "Held 1,000 agents × 50 containers; collapsed at 2,000: event loop". */
export function verdictLine(run: CapacityRun): string {
  const held = heldStep(run);
  const per = run.config.containersPerAgent;
  const heldText = held ? `Held ${count(held.agents)} agents × ${per} containers` : run.steps.length === 0 ? "No steps were measured" : `Did not hold the smallest step (${count(Math.min(...run.steps.map((s) => s.agents)))} agents × ${per} containers)`;
  if (run.collapse) return `${heldText}; collapsed at ${count(run.collapse.agents)}: ${run.collapse.resource}`;
  if (run.steps.length === 0) return heldText;
  return `${heldText}; no collapse up to ${count(Math.max(...run.steps.map((s) => s.agents)))}`;
}

export type HeadroomTone = "ok" | "warning" | "danger" | "unknown";

export interface Headroom {
  tone: HeadroomTone;
  text: string;
  /** Connected agents as a share of what the machine held (0–1+), null without a held step. */
  share: number | null;
}

/** Share of the held size at which the estimate turns amber. */
export const HEADROOM_WARN_SHARE = 0.75;

/** Where this instance stands against the run: "34 of ~1,000 agents this machine held". */
export function headroom(run: CapacityRun | null, live: Pick<CapacityLive, "agents" | "containers"> | null): Headroom {
  if (!run) return { tone: "unknown", text: "No scale run yet: run the bench to learn how many agents this machine carries.", share: null };
  const held = heldStep(run);
  if (!live) return { tone: "unknown", text: held ? `This machine held ${count(held.agents)} agents in the last run.` : "The last run held no step.", share: null };
  const agents = live.agents.connected;
  if (!held) return { tone: "danger", text: `${count(agents)} agents connected; the last run held no step, so there is no known headroom.`, share: null };
  const share = held.agents > 0 ? agents / held.agents : null;
  const containerNote = held.containers > 0 ? `, ${count(live.containers)} of ~${count(held.containers)} containers` : "";
  const text = `${count(agents)} of ~${count(held.agents)} agents this machine held${containerNote}`;
  const tone: HeadroomTone = share === null ? "unknown" : share >= 1 ? "danger" : share >= HEADROOM_WARN_SHARE ? "warning" : "ok";
  const suffix = share !== null && share >= 1 ? ": beyond what the last run proved" : share !== null ? ` (${Math.round(share * 100)} %)` : "";
  return { tone, text: text + suffix, share };
}

export interface SeriesDef {
  key: string;
  label: string;
  value: (s: CapacityStep) => number | null;
}

export interface ChartDef {
  id: string;
  title: string;
  unit: string;
  series: SeriesDef[];
  target: number | null;
  targetLabel: string | null;
  /** The series the target is a limit for (a value above it failed); the others are drawn for context. */
  limited: string[];
}

/** The run's charts: agents (x) against each measured figure, each with its target if it has one. */
export function runCharts(run: CapacityRun): ChartDef[] {
  const t = run.targets;
  return [
    { id: "rss", title: "Memory (RSS peak)", unit: "MiB", series: [{ key: "rss", label: "RSS", value: (s) => s.rssMbPeak }], target: t.rssMb, targetLabel: `target ${count(t.rssMb)} MiB`, limited: ["rss"] },
    { id: "cpu", title: "CPU", unit: "cores", series: [{ key: "cpu", label: "CPU", value: (s) => s.cpuCores }], target: run.machine.cpus, targetLabel: `${run.machine.cpus} cores in the machine`, limited: [] },
    {
      id: "event",
      title: "Event latency (die → browser)",
      unit: "ms",
      series: [
        { key: "p50", label: "p50", value: (s) => s.eventP50Ms },
        { key: "p95", label: "p95", value: (s) => s.eventP95Ms },
        { key: "p99", label: "p99", value: (s) => s.eventP99Ms },
      ],
      target: t.eventP95Ms,
      targetLabel: `p95 target ${count(t.eventP95Ms)} ms`,
      limited: ["p95"],
    },
    { id: "storm", title: "Reconnect storm settle time", unit: "s", series: [{ key: "storm", label: "settle", value: (s) => s.stormSettleSeconds }], target: t.stormSeconds, targetLabel: `target ${count(t.stormSeconds)} s`, limited: ["storm"] },
    {
      id: "pages",
      title: "Page server time",
      unit: "ms",
      series: [
        { key: "overview", label: "Overview", value: (s) => s.pages.overviewMs },
        { key: "hosts", label: "Hosts", value: (s) => s.pages.hostsMs },
        { key: "services", label: "Services", value: (s) => s.pages.servicesMs },
      ],
      target: t.pageMs,
      targetLabel: `target ${count(t.pageMs)} ms`,
      limited: ["overview", "hosts", "services"],
    },
  ];
}

/** One chart's points, sorted by agents. */
export function chartRows(run: CapacityRun, chart: ChartDef): { agents: number; values: Record<string, number | null> }[] {
  return [...run.steps]
    .sort((a, b) => a.agents - b.agents)
    .map((s) => ({ agents: s.agents, values: Object.fromEntries(chart.series.map((d) => [d.key, d.value(s)])) }));
}

/** Bytes as people read them: "812 KiB", "23.5 MiB", "1.2 GiB". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "unknown";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${i === 0 ? v : v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** Live figures past which the page says something is strained (the targets of the scale issue). */
export const LIVE_LIMITS = {
  loopLagWarnMs: 100,
  loopLagDangerMs: 500,
  /** JavaScript runs on one core: near it, every request and event waits. */
  cpuWarnCores: 0.8,
  writeWarnMs: 50,
  writeDangerMs: 250,
  rssWarnMb: 1024,
} as const;

export interface Concern {
  tone: "warning" | "danger";
  text: string;
}

/** What is strained right now, worst first (the page leads with it). */
export function liveConcerns(live: CapacityLive): Concern[] {
  const out: Concern[] = [];
  const lag = live.process.eventLoopLagP99Ms;
  if (lag !== null && lag >= LIVE_LIMITS.loopLagWarnMs) out.push({ tone: lag >= LIVE_LIMITS.loopLagDangerMs ? "danger" : "warning", text: `The event loop lags ${Math.round(lag)} ms (p99): pages, API answers and live events wait that long.` });
  const write = live.database.writeP95Ms;
  if (write !== null && write >= LIVE_LIMITS.writeWarnMs) out.push({ tone: write >= LIVE_LIMITS.writeDangerMs ? "danger" : "warning", text: `A database write takes ${Math.round(write)} ms (p95): SQLite is busy.` });
  const dropped = live.eventsDroppedPerMinute;
  if (dropped !== null && dropped > 0) out.push({ tone: "warning", text: `${count(dropped)} live events were dropped for slow browsers in the last minute (they refetched).` });
  const cpu = live.process.cpuCores;
  if (cpu !== null && cpu >= LIVE_LIMITS.cpuWarnCores) out.push({ tone: "warning", text: `The control plane uses ${cpu.toFixed(2)} cores; its JavaScript runs on one.` });
  if (live.process.rssMb >= LIVE_LIMITS.rssWarnMb) out.push({ tone: "warning", text: `The control plane holds ${formatBytes(live.process.rssMb * 1024 * 1024)} of memory (RSS).` });
  return out.sort((a, b) => (a.tone === b.tone ? 0 : a.tone === "danger" ? -1 : 1));
}

/** 1, 2, 2.5 or 5 × 10^k at or above v (v > 0). */
function niceStep(v: number): number {
  const base = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * base >= v * (1 - 1e-9)) return Number((m * base).toPrecision(12));
  return 10 * base;
}

/** An axis from 0 that covers `max` with 4 to 6 round ticks (0, 0.5 … 2.5; 0, 500 … 2,000), the tightest such. */
export function niceAxis(max: number): number[] {
  const m = max > 0 && Number.isFinite(max) ? max : 1;
  let best: number[] = [];
  for (const n of [4, 5, 6]) {
    const step = niceStep(m / n);
    const ticks = Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
    while (ticks.length > 2 && ticks.at(-2)! >= m) ticks.pop();
    if (best.length === 0 || ticks.at(-1)! < best.at(-1)!) best = ticks;
  }
  return best;
}
