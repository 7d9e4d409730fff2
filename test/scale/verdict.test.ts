// The bench's verdict: which targets a step missed, and which resource is named as giving out.
import { describe, expect, it } from "vitest";
import { CapacityRunSchema } from "@/lib/capacity/run-schema";
import { brokeWide, collapseOf, judge, TARGETS, type StepFigures } from "@/sim/verdict";

const healthy: StepFigures = {
  agents: 100, containers: 5000, connected: 100, connectSeconds: 9, rssMbPeak: 400, cpuCores: 0.3,
  eventLoopLagP99Ms: 20, sqliteWriteP95Ms: 3, eventP50Ms: 10, eventP95Ms: 30, eventP99Ms: 60,
  eventsSent: 200, eventsLost: 0, stormSettleSeconds: 6, pages: { overviewMs: 120, hostsMs: 90, servicesMs: 80 },
};

describe("judging a bench step", () => {
  it("passes a step inside every target and names no collapse", () => {
    const s = judge(healthy);
    expect(s).toMatchObject({ ok: true, problems: [] });
    expect(collapseOf([s])).toBeNull();
  });

  it("lists each missed target in words", () => {
    const s = judge({ ...healthy, rssMbPeak: 1300, eventP95Ms: 184, stormSettleSeconds: 96, eventsLost: 3, pages: { overviewMs: 120, hostsMs: 450, servicesMs: null } });
    expect(s.ok).toBe(false);
    expect(s.problems).toEqual([
      "RSS 1300 MiB over 1024 MiB",
      "event p95 184 ms over 100 ms",
      "3 of 200 die events lost on the event stream",
      "storm settled in 96 s, over 30 s",
      "hosts page 450 ms over 300 ms",
      "a page failed to load",
    ]);
  });

  it("blames a saturated event loop, not the symptom, when events and storms are slow", () => {
    const steps = [judge(healthy), judge({ ...healthy, agents: 1000, cpuCores: 1.05, eventLoopLagP99Ms: 400, eventP95Ms: 184, stormSettleSeconds: 96 })];
    const c = collapseOf(steps);
    expect(c).toMatchObject({ agents: 1000, resource: "CPU/event loop" });
    expect(c?.detail).toContain("event loop p99 400 ms");
  });

  it("blames SQLite when its writes are slow and the process is not saturated", () => {
    const c = collapseOf([judge({ ...healthy, sqliteWriteP95Ms: 400, eventP95Ms: 150 })]);
    expect(c?.resource).toBe("SQLite");
  });

  it("blames the event stream when no cause is past its limit", () => {
    const c = collapseOf([judge({ ...healthy, eventP95Ms: 150, eventLoopLagP99Ms: null, sqliteWriteP95Ms: null })]);
    expect(c?.resource).toBe("the event stream");
  });

  it("blames memory when RSS is past its target furthest", () => {
    expect(collapseOf([judge({ ...healthy, rssMbPeak: 1900, cpuCores: 0.95 })])?.resource).toBe("memory");
  });

  it("stops a push only when a target breaks by a wide margin or RSS passes the ceiling", () => {
    expect(brokeWide(judge({ ...healthy, eventP95Ms: 150 }), 2048)).toBe(false);
    expect(brokeWide(judge({ ...healthy, eventP95Ms: 250 }), 2048)).toBe(true);
    expect(brokeWide(judge({ ...healthy, rssMbPeak: 2100 }), 2048)).toBe(true);
  });

  it("produces a run the capacity page can read", () => {
    const steps = [judge(healthy), judge({ ...healthy, agents: 250, connected: 250, eventP95Ms: 120 })];
    const run = { version: 1, startedAt: "2026-12-06T00:00:00Z", finishedAt: "2026-12-06T00:10:00Z", machine: { cpus: 2, memoryGiB: 8, node: "v20" },
      config: { containersPerAgent: 50, statsIntervalSeconds: 10, churnPerAgentPerMinute: 2, probeResultsPerAgentPerMinute: 0, steadySeconds: 60 },
      targets: TARGETS, steps, collapse: collapseOf(steps) };
    expect(CapacityRunSchema.parse(run).collapse).toMatchObject({ agents: 250, resource: "the event stream" });
  });
});
