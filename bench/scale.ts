// Benchmark (npm run bench:scale): how far one control plane carries simulated agents. Starts the
// real production server on a fresh temp data dir, then steps the fleet through SCALE_STEPS
// (default 100,250,500,1000; SCALE_PUSH=1 goes on 1500, 2000, 3000 … until a target breaks by a
// wide margin or RSS passes 2 GiB): each step connects the new agents, holds SCALE_STEADY_S of
// churn and stats while measuring, loads the pages, then drops every agent at once and times the
// storm. Writes the CapacityRun to SCALE_OUT (default data/capacity/last-run.json) and prints one
// JSON line with the headline figures last.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, resolve } from "node:path";
import { CAPACITY_RUN_VERSION, CapacityRunSchema, type CapacityRun, type CapacityStep } from "@/lib/capacity/run-schema";
import { ControlPlane } from "../sim/control-plane";
import { EventWatch } from "../sim/event-watch";
import { Fleet } from "../sim/fleet";
import { startLocalControlPlane } from "../sim/local-server";
import { measurePages, measureWindow } from "../sim/measure";
import { brokeWide, collapseOf, judge, TARGETS } from "../sim/verdict";
import { progress } from "./lib/stats";

const CONNECT_TIMEOUT_MS = 900_000;
const STORM_TIMEOUT_MS = 240_000;
const RSS_CEILING_MB = 2048;
/** Sizes SCALE_PUSH tries after the listed steps (then +1000 each). */
const PUSH_STEPS = [1500, 2000, 3000];
const MAX_PUSH_AGENTS = 20_000;

const envNum = (name: string, fallback: number): number => {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} wants a positive number, not "${v}"`);
  return n;
};

function listedSteps(): number[] {
  const raw = process.env.SCALE_STEPS ?? "100,250,500,1000";
  const steps = raw.split(",").map((s) => Number(s.trim()));
  if (steps.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`SCALE_STEPS wants sizes like 100,250,500; not "${raw}"`);
  return steps.sort((a, b) => a - b);
}

function* sizes(push: boolean): Generator<number> {
  const listed = listedSteps();
  yield* listed;
  if (!push) return;
  const top = listed[listed.length - 1] ?? 0;
  let n = top;
  for (const s of PUSH_STEPS) if (s > top) yield (n = s);
  for (n = Math.max(n, PUSH_STEPS[PUSH_STEPS.length - 1]!) + 1000; n <= MAX_PUSH_AGENTS; n += 1000) yield n;
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

async function main(): Promise<void> {
  const push = process.env.SCALE_PUSH === "1";
  const steadySeconds = envNum("SCALE_STEADY_S", 60);
  const containers = Math.floor(envNum("SCALE_CONTAINERS", 50));
  const statsIntervalSeconds = envNum("SCALE_STATS_S", 10);
  const churn = envNum("SCALE_CHURN", 2);
  const probes = envNum("SCALE_PROBES", 1);
  const sources = Math.floor(envNum("SCALE_SOURCES", 1));
  const out = resolve(process.env.SCALE_OUT ?? "data/capacity/last-run.json");
  const startedAt = new Date().toISOString();
  const local = await startLocalControlPlane();
  progress(`control plane at ${local.base} (pid ${local.pid}); steps ${[...sizes(false)].join(", ")}${push ? " then pushing" : ""}`);
  const cp = new ControlPlane(local.base, local.token);
  const watch = new EventWatch(local.base, { cookie: local.cookie });
  const fleet = new Fleet({ base: local.base, containers, statsIntervalSeconds, churnPerAgentPerMinute: churn, probeResultsPerAgentPerMinute: probes, sources });
  const steps: CapacityStep[] = [];
  /** Per step, the simulator's own event loop lag (p99, ms): a check on the figures, not a figure of the control plane. */
  const simLag: number[] = [];
  try {
    await watch.ready();
    for (const agents of sizes(push)) {
      const added = await fleet.grow(agents - fleet.agents.length, cp, "scale");
      const connectSeconds = round2(await fleet.waitAllBack(watch, fleet.lastStartedAt, CONNECT_TIMEOUT_MS, added));
      progress(`${agents} agents: ${fleet.connected} connected, new ones in ${connectSeconds ?? "—"} s; steady ${steadySeconds} s`);
      fleet.startLoad();
      const w = await measureWindow(fleet, watch, cp, local.pid, steadySeconds);
      const pages = await measurePages(local.base, local.cookie);
      progress(`${agents} agents: RSS ${w.rssMbPeak} MiB, CPU ${w.cpuCores}, event p95 ${w.eventP95Ms} ms (${w.eventsLost}/${w.eventsSent} lost, stream ${w.streamEventsPerSecond}/s, simulator's own lag p99 ${w.simLagP99Ms} ms), pages ${JSON.stringify(pages)}; storm`);
      const storm = round2(await fleet.waitAllBack(watch, fleet.storm(), STORM_TIMEOUT_MS));
      const { streamEventsPerSecond: _rate, simLagP99Ms: _own, ...figures } = w;
      const step = judge({ agents, containers: fleet.containerCount, connected: fleet.connected, connectSeconds, ...figures, stormSettleSeconds: storm, pages });
      steps.push(step);
      simLag.push(w.simLagP99Ms);
      progress(`${agents} agents: storm settled in ${storm ?? "—"} s; ${step.ok ? "every target held" : step.problems.join("; ")}`);
      if (fleet.connected < agents / 2) break; // most of the fleet cannot even connect: nothing further to learn
      if (push && brokeWide(step, RSS_CEILING_MB)) break;
    }
  } finally {
    fleet.stop();
    watch.stop();
    await local.close();
  }
  const anyScheduled = fleet.agents.some((a) => a.scheduledChecks.length > 0);
  const run: CapacityRun = CapacityRunSchema.parse({
    version: CAPACITY_RUN_VERSION,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version },
    config: {
      containersPerAgent: containers,
      statsIntervalSeconds,
      churnPerAgentPerMinute: churn,
      // Probe results go only for checks the hub scheduled on an agent; none scheduled = none sent.
      probeResultsPerAgentPerMinute: anyScheduled ? probes : 0,
      steadySeconds,
    },
    targets: TARGETS,
    steps,
    collapse: collapseOf(steps),
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(run, null, 2)}\n`);
  progress(`wrote ${out}`);
  const headline = {
    bench: "scale",
    out,
    steps: steps.map((s, i) => ({ simLagP99Ms: simLag[i], agents: s.agents, ok: s.ok, rssMb: s.rssMbPeak, cpu: s.cpuCores, lagP99Ms: s.eventLoopLagP99Ms, sqliteP95Ms: s.sqliteWriteP95Ms, eventP95Ms: s.eventP95Ms, eventP99Ms: s.eventP99Ms, lost: s.eventsLost, connectS: s.connectSeconds, stormS: s.stormSettleSeconds, pages: s.pages })),
    collapse: run.collapse,
    streamDrops: watch.drops,
    streamEventsDropped: watch.resyncDropped,
  };
  process.stdout.write(`${JSON.stringify(headline)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`[bench] ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
