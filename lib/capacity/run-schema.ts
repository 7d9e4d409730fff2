// The capacity run file: what the scale bench (bench/scale.ts, sim/) measured, step by step as the
// number of simulated agents grew, and where the control plane gave out. The bench writes it to
// `<data dir>/capacity/last-run.json` (beside the database); Settings → Capacity charts it.
import { z } from "zod";

export const CAPACITY_RUN_VERSION = 1;
export const CAPACITY_RUN_FILE = "last-run.json";

const ms = z.number().nonnegative().nullable();

export const CapacityStepSchema = z.object({
  agents: z.number().int().nonnegative(),
  containers: z.number().int().nonnegative(),
  /** Agents connected and reporting at the end of the step (every one of `agents` when it held). */
  connected: z.number().int().nonnegative(),
  /** Seconds for this step's new agents to connect and send their first snapshot. */
  connectSeconds: z.number().nonnegative().nullable(),
  /** Control plane process: resident memory (MiB) peak and mean CPU (cores) over the step's steady state. */
  rssMbPeak: z.number().nonnegative(),
  cpuCores: z.number().nonnegative(),
  eventLoopLagP99Ms: ms,
  /** SQLite write latency as the control plane saw it (a small timed write during the step). */
  sqliteWriteP95Ms: ms,
  /** A simulated Docker `die` to the browser's event stream (/api/v1/events). */
  eventP50Ms: ms,
  eventP95Ms: ms,
  eventP99Ms: ms,
  eventsSent: z.number().int().nonnegative(),
  eventsLost: z.number().int().nonnegative(),
  /** All agents dropped at once and came back: seconds until every one was connected again. */
  stormSettleSeconds: z.number().nonnegative().nullable(),
  /** Server time of pages (first byte, signed in), ms. */
  pages: z.object({ overviewMs: ms, hostsMs: ms, servicesMs: ms }),
  /** True when every target held at this size. */
  ok: z.boolean(),
  /** What went wrong at this size, if anything ("RSS over 1 GiB", "event p95 over 100 ms", …). */
  problems: z.array(z.string()),
});
export type CapacityStep = z.infer<typeof CapacityStepSchema>;

export const CapacityRunSchema = z.object({
  version: z.literal(CAPACITY_RUN_VERSION),
  startedAt: z.string(),
  finishedAt: z.string(),
  machine: z.object({ cpus: z.number().int().positive(), memoryGiB: z.number().positive(), node: z.string() }),
  config: z.object({
    containersPerAgent: z.number().int().positive(),
    statsIntervalSeconds: z.number().positive(),
    /** Container state changes (start/stop/die/restart) per agent per minute. */
    churnPerAgentPerMinute: z.number().nonnegative(),
    probeResultsPerAgentPerMinute: z.number().nonnegative(),
    steadySeconds: z.number().positive(),
  }),
  targets: z.object({ rssMb: z.number(), eventP95Ms: z.number(), stormSeconds: z.number(), pageMs: z.number() }),
  steps: z.array(CapacityStepSchema),
  /** The first size at which something gave out, and what: null when every step held. */
  collapse: z.object({ agents: z.number().int(), resource: z.string(), detail: z.string() }).nullable(),
});
export type CapacityRun = z.infer<typeof CapacityRunSchema>;
