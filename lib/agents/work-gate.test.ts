import { describe, expect, it } from "vitest";
import { WorkGate } from "./work-gate";

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // synchronous work, as a SQLite call under Prisma is
  }
};

describe("WorkGate", () => {
  it("runs at most `limit` at once and lets timers in between, where a plain burst shuts them out", async () => {
    const gate = new WorkGate(3);
    let running = 0;
    let most = 0;
    let done = 0;
    let doneWhenTimerFired = -1;
    setTimeout(() => (doneWhenTimerFired = done), 0);
    await Promise.all(
      Array.from({ length: 40 }, () =>
        gate.run(async () => {
          running++;
          most = Math.max(most, running);
          busy(2);
          await Promise.resolve();
          busy(2);
          running--;
          done++;
        }),
      ),
    );
    expect(most).toBeLessThanOrEqual(3);
    expect(done).toBe(40);
    expect(doneWhenTimerFired).toBeGreaterThanOrEqual(0);
    expect(doneWhenTimerFired).toBeLessThan(40);

    // The same burst without the gate: the timer waits for all of it.
    let plainDone = 0;
    let plainWhenTimerFired = -1;
    setTimeout(() => (plainWhenTimerFired = plainDone), 0);
    await Promise.all(Array.from({ length: 40 }, async () => {
      busy(2);
      await Promise.resolve();
      busy(2);
      plainDone++;
    }));
    await new Promise((r) => setTimeout(r, 5));
    expect(plainWhenTimerFired).toBe(40);
  });

  it("a failing task frees its slot and its error reaches the caller", async () => {
    const gate = new WorkGate(1);
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.run(async () => 7)).resolves.toBe(7);
  });
});
