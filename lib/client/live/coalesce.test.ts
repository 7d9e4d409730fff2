import { describe, expect, it } from "vitest";
import { createCoalescer } from "./coalesce";
import { manualClock } from "./manual-clock";

describe("createCoalescer", () => {
  it("a burst of triggers is one run, after the settle time", () => {
    const clock = manualClock();
    const runs: number[] = [];
    const c = createCoalescer(() => runs.push(clock.now()), 300, clock);
    for (let i = 0; i < 20; i++) c.trigger(10_000);
    clock.advance(299);
    expect(runs).toEqual([]);
    clock.advance(1);
    expect(runs).toEqual([300]);
  });

  it("runs are at least the asked gap apart however often it is triggered", () => {
    const clock = manualClock();
    const runs: number[] = [];
    const c = createCoalescer(() => runs.push(clock.now()), 300, clock);
    for (let t = 0; t < 30_000; t += 1_000) {
      c.trigger(10_000);
      clock.advance(1_000);
    }
    expect(runs).toEqual([300, 10_300, 20_300]);
  });

  it("an urgent trigger moves a waiting run earlier, a lazy one never later", () => {
    const clock = manualClock();
    const runs: number[] = [];
    const c = createCoalescer(() => runs.push(clock.now()), 300, clock);
    c.trigger(0);
    clock.advance(1_000); // ran at 300
    c.trigger(10_000); // due at 10_300
    clock.advance(1_000);
    c.trigger(1_000); // status change: due at max(2_300, 1_300)
    c.trigger(10_000); // does not push it back
    clock.advance(5_000);
    expect(runs).toEqual([300, 2_300]);
  });

  it("cancel drops a waiting run", () => {
    const clock = manualClock();
    const runs: number[] = [];
    const c = createCoalescer(() => runs.push(clock.now()), 300, clock);
    c.trigger(0);
    c.cancel();
    clock.advance(10_000);
    expect(runs).toEqual([]);
  });
});
