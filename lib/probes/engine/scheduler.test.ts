import { afterEach, describe, expect, it } from "vitest";
import { ProbeScheduler, type CompletedRun } from "./scheduler";
import type { CheckResult, CheckSpec } from "./schemas";
import { okResult } from "./types";

const spec: CheckSpec = { type: "tcp", target: { host: "127.0.0.1", port: 1 } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let sched: ProbeScheduler | undefined;
afterEach(async () => { await sched?.stop(); sched = undefined; });

describe("ProbeScheduler", () => {
  it("runs each check repeatedly at its interval", async () => {
    const runs: CompletedRun[] = [];
    sched = new ProbeScheduler({ onResult: (r) => runs.push(r), run: async () => okResult({ latencyMs: 1 }), jitterRatio: 0 });
    sched.upsert({ id: "a", intervalMs: 50, timeoutMs: 1000, spec });
    sched.upsert({ id: "b", intervalMs: 100, timeoutMs: 1000, spec });
    sched.start();
    await sleep(1000);
    const a = runs.filter((r) => r.checkId === "a").length;
    const b = runs.filter((r) => r.checkId === "b").length;
    // Generous bounds: shared CPUs can delay timers, but the grid must not stretch much.
    expect(a).toBeGreaterThanOrEqual(14);
    expect(a).toBeLessThanOrEqual(21);
    expect(b).toBeGreaterThanOrEqual(7);
    expect(b).toBeLessThanOrEqual(11);
  });

  it("never runs more than `concurrency` probes at once and never overlaps a check with itself", async () => {
    let running = 0;
    let peak = 0;
    const perCheck = new Map<string, number>();
    let overlap = false;
    sched = new ProbeScheduler({
      concurrency: 3,
      onResult: () => undefined,
      run: async (s) => {
        const id = JSON.stringify(s);
        running++;
        peak = Math.max(peak, running);
        perCheck.set(id, (perCheck.get(id) ?? 0) + 1);
        if ((perCheck.get(id) ?? 0) > 1) overlap = true;
        await sleep(80);
        perCheck.set(id, (perCheck.get(id) ?? 1) - 1);
        running--;
        return okResult({ latencyMs: 80 });
      },
    });
    for (let i = 0; i < 10; i++) sched.upsert({ id: `c${i}`, intervalMs: 20, timeoutMs: 1000, spec: { type: "tcp", target: { host: "127.0.0.1", port: i + 1 } } });
    sched.start();
    await sleep(500);
    expect(peak).toBe(3);
    expect(overlap).toBe(false);
    expect(sched.stats().skippedOverlaps).toBeGreaterThan(0);
  });

  it("removed checks stop; replaceAll keeps unchanged checks' phase", async () => {
    const seen: string[] = [];
    sched = new ProbeScheduler({ onResult: (r) => seen.push(r.checkId), run: async () => okResult({ latencyMs: 1 }) });
    sched.replaceAll([{ id: "x", intervalMs: 30, timeoutMs: 1000, spec }, { id: "y", intervalMs: 30, timeoutMs: 1000, spec }]);
    sched.start();
    await sleep(200);
    sched.replaceAll([{ id: "y", intervalMs: 30, timeoutMs: 1000, spec }]);
    const before = seen.filter((s) => s === "x").length;
    await sleep(200);
    expect(before).toBeGreaterThan(0);
    expect(seen.filter((s) => s === "x").length).toBe(before);
    expect(sched.has("x")).toBe(false);
    expect(sched.stats().checks).toBe(1);
  });

  it("stop() aborts probes in flight and waits for them", async () => {
    let aborted = false;
    sched = new ProbeScheduler({
      onResult: () => undefined,
      run: (_s, opts) => new Promise<CheckResult>((resolve) => {
        opts.signal?.addEventListener("abort", () => { aborted = true; resolve(okResult({ latencyMs: 0 })); });
      }),
    });
    sched.upsert({ id: "slow", intervalMs: 10, timeoutMs: 60_000, spec });
    sched.start();
    await sleep(100);
    await sched.stop();
    expect(aborted).toBe(true);
    expect(sched.stats().running).toBe(0);
  });
});
