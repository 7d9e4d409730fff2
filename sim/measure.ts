// Measuring the control plane from outside over a window of steady load: its memory and CPU (from
// /proc when its pid is known, else from its own capacity answer), event loop lag and SQLite write
// latency (capacity answer; null when the route is missing), die → event stream latencies, and the
// server time of the main pages, signed in.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { CAPACITY_WINDOW_MS } from "@/lib/capacity/monitor";
import { percentile } from "../bench/lib/stats";
import { cpuCoresBetween, pageTtfbMs, procSample, type ControlPlane, type ProcSample } from "./control-plane";
import type { EventWatch } from "./event-watch";
import type { Fleet } from "./fleet";

const PROC_SAMPLE_MS = 1_000;
const CAPACITY_SAMPLE_MS = 5_000;
/** How long a die may take to reach the stream before it counts as lost. */
export const DIE_GRACE_MS = 10_000;
/** Page loads per page (their median is kept): the first one also pays for cold caches. */
const PAGE_ROUNDS = 3;
export const PAGES = { overviewMs: "/", hostsMs: "/hosts", servicesMs: "/services" } as const;

export interface WindowFigures {
  rssMbPeak: number;
  cpuCores: number;
  eventLoopLagP99Ms: number | null;
  sqliteWriteP95Ms: number | null;
  eventP50Ms: number | null;
  eventP95Ms: number | null;
  eventP99Ms: number | null;
  eventsSent: number;
  eventsLost: number;
  /** Live events the stream carried per second over the window. */
  streamEventsPerSecond: number;
  /**
   * The simulator's own event loop lag (p99, ms): when it is high, the simulator (not the control
   * plane) is what delays sends and arrivals, and the latencies above are not to be trusted.
   */
  simLagP99Ms: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const maxOrNull = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
const pct = (xs: number[], p: number) => (xs.length ? round1(percentile(xs, p)) : null);

/**
 * The worst capacity figure among answers whose trailing window lies inside ours (taken at least
 * CAPACITY_WINDOW_MS after it began); when the window is shorter than that, the last answer, which
 * then also covers some seconds before the window (the connect phase).
 */
function inWindow(samples: { at: number; v: number }[], from: number): number | null {
  const inside = samples.filter((s) => s.at - from >= CAPACITY_WINDOW_MS).map((s) => s.v);
  return inside.length ? Math.max(...inside) : (samples.at(-1)?.v ?? null);
}

/**
 * Holds the load for `seconds` while sampling, then waits DIE_GRACE_MS (load still on) so the
 * last dies of the window can arrive, and returns the window's figures.
 */
export async function measureWindow(fleet: Fleet, watch: EventWatch, cp: ControlPlane, pid: number | null, seconds: number): Promise<WindowFigures> {
  const from = performance.now();
  const events0 = watch.events;
  const selfLag = monitorEventLoopDelay({ resolution: 10 });
  selfLag.enable();
  const procs: ProcSample[] = [];
  /** Capacity answers cover the last CAPACITY_WINDOW_MS: each kept with when it was taken. */
  const lags: { at: number; v: number }[] = [];
  const writes: { at: number; v: number }[] = [];
  const rssFromCapacity: number[] = [];
  const cpuFromCapacity: number[] = [];
  const sampleProc = () => {
    const s = pid === null ? null : procSample(pid);
    if (s) procs.push(s);
  };
  const sampleCapacity = async () => {
    const c = await cp.capacity();
    if (!c) return;
    const at = performance.now();
    if (c.process.eventLoopLagP99Ms !== null) lags.push({ at, v: c.process.eventLoopLagP99Ms });
    if (c.database.writeP95Ms !== null) writes.push({ at, v: c.database.writeP95Ms });
    rssFromCapacity.push(c.process.rssMb);
    if (c.process.cpuCores !== null) cpuFromCapacity.push(c.process.cpuCores);
  };
  sampleProc();
  const procTimer = setInterval(sampleProc, PROC_SAMPLE_MS);
  const capTimer = setInterval(() => void sampleCapacity(), CAPACITY_SAMPLE_MS);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const to = performance.now();
  const events1 = watch.events;
  selfLag.disable();
  await new Promise((r) => setTimeout(r, DIE_GRACE_MS));
  clearInterval(capTimer);
  await sampleCapacity();
  clearInterval(procTimer);
  sampleProc();
  const dies = fleet.dies(watch, from, to);
  const first = procs[0];
  const last = procs[procs.length - 1];
  return {
    rssMbPeak: round1(procs.length ? Math.max(...procs.map((p) => p.rssMb)) : (maxOrNull(rssFromCapacity) ?? 0)),
    cpuCores: Math.round((first && last && last !== first ? cpuCoresBetween(first, last) : (maxOrNull(cpuFromCapacity) ?? 0)) * 100) / 100,
    eventLoopLagP99Ms: inWindow(lags, from),
    sqliteWriteP95Ms: inWindow(writes, from),
    eventP50Ms: pct(dies.latenciesMs, 50),
    eventP95Ms: pct(dies.latenciesMs, 95),
    eventP99Ms: pct(dies.latenciesMs, 99),
    eventsSent: dies.sent,
    eventsLost: dies.lost,
    streamEventsPerSecond: round1((events1 - events0) / ((to - from) / 1000)),
    simLagP99Ms: round1(selfLag.percentile(99) / 1e6),
  };
}

/** Median server time to first byte of each main page, signed in; null for a page that failed. */
export async function measurePages(base: string, cookie: string | null): Promise<Record<keyof typeof PAGES, number | null>> {
  const out = { overviewMs: null, hostsMs: null, servicesMs: null } as Record<keyof typeof PAGES, number | null>;
  if (!cookie) return out;
  for (const [key, path] of Object.entries(PAGES) as [keyof typeof PAGES, string][]) {
    const times: number[] = [];
    for (let i = 0; i < PAGE_ROUNDS; i++) {
      const ms = await pageTtfbMs(base, path, cookie);
      if (ms !== null) times.push(ms);
    }
    out[key] = times.length === PAGE_ROUNDS ? round1(percentile(times, 50)) : null;
  }
  return out;
}
