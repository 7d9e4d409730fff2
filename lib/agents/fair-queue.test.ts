import { describe, expect, it } from "vitest";
import { FairQueue } from "./fair-queue";

describe("FairQueue", () => {
  it("takes jobs round robin across keys, so a busy key cannot starve a quiet one", async () => {
    const order: string[] = [];
    const q = new FairQueue(() => {}, 100);
    const job = (name: string) => async () => {
      await new Promise((r) => setTimeout(r, 1));
      order.push(name);
    };
    for (let i = 0; i < 10; i++) q.push("flood", job(`flood${i}`));
    q.push("quiet", job("quiet0"));
    q.push("quiet", job("quiet1"));
    await q.whenIdle();
    expect(order.indexOf("quiet0")).toBeLessThanOrEqual(2);
    expect(order.indexOf("quiet1")).toBeLessThanOrEqual(4);
    expect(order).toHaveLength(12);
  });
  it("refuses jobs beyond the per-key bound without touching other keys", async () => {
    const q = new FairQueue(() => {}, 3);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const results = Array.from({ length: 6 }, () => q.push("flood", () => gate));
    // The first job is taken off the queue at once (running), so three more fit.
    expect(results.filter(Boolean).length).toBeLessThanOrEqual(4);
    expect(results.at(-1)).toBe(false);
    expect(q.push("other", async () => {})).toBe(true);
    release();
    await q.whenIdle();
    expect(q.pending()).toBe(0);
  });
  it("reports a failing job and carries on", async () => {
    const errors: string[] = [];
    const q = new FairQueue((key) => errors.push(key));
    let ran = false;
    q.push("a", async () => { throw new Error("boom"); });
    q.push("b", async () => { ran = true; });
    await q.whenIdle();
    expect(errors).toEqual(["a"]);
    expect(ran).toBe(true);
  });
});
