// A small valid scale run for tests: steps at the given sizes, each holding unless it is listed as failing.
import type { CapacityRun, CapacityStep } from "@/lib/capacity/run-schema";

export function step(agents: number, over: Partial<CapacityStep> = {}): CapacityStep {
  return {
    agents,
    containers: agents * 50,
    connected: agents,
    connectSeconds: agents / 40,
    rssMbPeak: 200 + agents * 0.6,
    cpuCores: Math.min(2, agents / 600),
    eventLoopLagP99Ms: 5 + agents / 50,
    sqliteWriteP95Ms: 2 + agents / 500,
    eventP50Ms: 10 + agents / 50,
    eventP95Ms: 20 + agents / 15,
    eventP99Ms: 40 + agents / 8,
    eventsSent: agents * 3,
    eventsLost: 0,
    stormSettleSeconds: agents / 50,
    pages: { overviewMs: 40 + agents / 20, hostsMs: 30 + agents / 25, servicesMs: 25 + agents / 30 },
    ok: true,
    problems: [],
    ...over,
  };
}

export function sampleRun(over: Partial<CapacityRun> = {}): CapacityRun {
  return {
    version: 1,
    startedAt: "2026-12-01T10:00:00.000Z",
    finishedAt: "2026-12-01T10:42:00.000Z",
    machine: { cpus: 2, memoryGiB: 7.8, node: "v22.11.0" },
    config: { containersPerAgent: 50, statsIntervalSeconds: 10, churnPerAgentPerMinute: 1, probeResultsPerAgentPerMinute: 2, steadySeconds: 60 },
    targets: { rssMb: 1024, eventP95Ms: 100, stormSeconds: 30, pageMs: 300 },
    steps: [step(100), step(500), step(1000), step(2000, { ok: false, eventP95Ms: 240, eventLoopLagP99Ms: 410, problems: ["event p95 over 100 ms", "storm over 30 s"], stormSettleSeconds: 55 })],
    collapse: { agents: 2000, resource: "event loop", detail: "loop lag p99 410 ms; event p95 240 ms" },
    ...over,
  };
}
