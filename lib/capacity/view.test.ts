import { describe, expect, it } from "vitest";
import { sampleRun, step } from "@/test/capacity/run-fixture";
import { chartRows, formatBytes, headroom, heldStep, liveConcerns, niceAxis, runCharts, verdictLine } from "./view";

const live = (connected: number, containers = connected * 50) => ({ agents: { enrolled: connected, connected }, containers });

describe("verdictLine", () => {
  it.each([
    { desc: "held and collapsed", run: sampleRun(), want: "Held 1,000 agents × 50 containers; collapsed at 2,000: event loop" },
    { desc: "every step held", run: sampleRun({ steps: [step(100), step(250)], collapse: null }), want: "Held 250 agents × 50 containers; no collapse up to 250" },
    {
      desc: "nothing held",
      run: sampleRun({ steps: [step(100, { ok: false }), step(250, { ok: false })], collapse: { agents: 100, resource: "memory", detail: "" } }),
      want: "Did not hold the smallest step (100 agents × 50 containers); collapsed at 100: memory",
    },
    { desc: "no steps", run: sampleRun({ steps: [], collapse: null }), want: "No steps were measured" },
  ])("$desc", ({ run, want }) => {
    expect(verdictLine(run)).toBe(want);
  });

  it("takes the largest step that held, even when a larger one failed between two that held", () => {
    const run = sampleRun({ steps: [step(100), step(500, { ok: false }), step(250)], collapse: null });
    expect(heldStep(run)?.agents).toBe(250);
  });
});

describe("headroom", () => {
  it("says where this instance stands against what the machine held", () => {
    const h = headroom(sampleRun(), live(34));
    expect(h.text).toBe("34 of ~1,000 agents this machine held, 1,700 of ~50,000 containers (3 %)");
    expect(h.tone).toBe("ok");
  });
  it("warns near the held size and alarms beyond it", () => {
    expect(headroom(sampleRun(), live(800)).tone).toBe("warning");
    const beyond = headroom(sampleRun(), live(1200));
    expect(beyond.tone).toBe("danger");
    expect(beyond.text).toContain("beyond what the last run proved");
  });
  it("has nothing to compare with before a run", () => {
    expect(headroom(null, live(3))).toMatchObject({ tone: "unknown", share: null });
  });
});

describe("runCharts", () => {
  it("draws agents against each figure with the run's targets, in agent order", () => {
    const run = sampleRun({ steps: [step(500), step(100)] });
    const charts = runCharts(run);
    expect(charts.map((c) => c.id)).toEqual(["rss", "cpu", "event", "storm", "pages"]);
    const event = charts.find((c) => c.id === "event")!;
    expect(event.target).toBe(100);
    const rows = chartRows(run, event);
    expect(rows.map((r) => r.agents)).toEqual([100, 500]);
    expect(rows[1]!.values).toEqual({ p50: 20, p95: 20 + 500 / 15, p99: 40 + 500 / 8 });
  });
  it("keeps a figure the bench could not measure as a gap (null), not a zero", () => {
    const run = sampleRun({ steps: [step(100, { stormSettleSeconds: null })] });
    const storm = runCharts(run).find((c) => c.id === "storm")!;
    expect(chartRows(run, storm)[0]!.values.storm).toBeNull();
  });
});

describe("formatBytes", () => {
  it.each([
    [null, "unknown"],
    [512, "512 B"],
    [1536, "1.5 KiB"],
    [250 * 1024 * 1024, "250 MiB"],
    [1.25 * 1024 ** 3, "1.3 GiB"],
  ])("%s → %s", (bytes, want) => {
    expect(formatBytes(bytes)).toBe(want);
  });
});

describe("liveConcerns", () => {
  const calm = {
    at: "2026-12-01T10:00:00.000Z",
    agents: { enrolled: 3, connected: 3 },
    containers: 10,
    services: 4,
    checksPerMinute: 2,
    eventsPerSecond: 1,
    eventStreams: 1,
    eventsDroppedPerMinute: 0,
    process: { rssMb: 180, heapUsedMb: 90, cpuCores: 0.05, eventLoopLagP99Ms: 12, uptimeSeconds: 100 },
    database: { bytes: 1 << 20, writeP95Ms: 3 },
  };
  it("says nothing when every figure is calm", () => {
    expect(liveConcerns(calm)).toEqual([]);
  });
  it("leads with the worst: a lagging loop before dropped events", () => {
    const c = liveConcerns({ ...calm, eventsDroppedPerMinute: 40, process: { ...calm.process, eventLoopLagP99Ms: 820 } });
    expect(c.map((x) => x.tone)).toEqual(["danger", "warning"]);
    expect(c[0]!.text).toContain("820 ms");
    expect(c[1]!.text).toContain("40 live events were dropped");
  });
  it("flags a slow database write and a busy core", () => {
    const c = liveConcerns({ ...calm, database: { bytes: 1, writeP95Ms: 75 }, process: { ...calm.process, cpuCores: 0.93 } });
    expect(c.map((x) => x.text.slice(0, 20))).toEqual(["A database write tak", "The control plane us"]);
  });
});

describe("niceAxis", () => {
  it.each([
    { max: 2.3, want: [0, 0.5, 1, 1.5, 2, 2.5] },
    { max: 2000, want: [0, 500, 1000, 1500, 2000] },
    { max: 1290, want: [0, 500, 1000, 1500] },
    { max: 61, want: [0, 20, 40, 60, 80] },
    { max: 0, want: [0, 0.25, 0.5, 0.75, 1] },
  ])("covers $max with round ticks", ({ max, want }) => {
    expect(niceAxis(max)).toEqual(want);
  });
});
