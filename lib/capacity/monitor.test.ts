import { describe, expect, it } from "vitest";
import { EventBus, type LiveEvent } from "@/lib/events";
import type { Db } from "@/lib/db";
import { CapacityMonitor, CAPACITY_SLOT_MS, CAPACITY_WARMUP_MS, WRITE_PROBE_KEY, type EventCounters } from "./monitor";

const event = { type: "stream/ping" } as unknown as LiveEvent;

function setup(counters: Partial<EventCounters> = {}, upsert: () => Promise<unknown> = async () => ({}), warmupMs = 0) {
  let now = 1_000_000;
  const calls: unknown[] = [];
  const db = { setting: { upsert: async (a: unknown) => { calls.push(a); return upsert(); } } } as unknown as Db;
  const bus = new EventBus();
  const m = new CapacityMonitor(() => db, bus, { streams: counters.streams ?? (() => 2), droppedTotal: counters.droppedTotal ?? (() => null) }, () => now, warmupMs);
  m.start();
  return { m, bus, calls, advance: (ms: number) => { now += ms; }, stop: () => m.stop() };
}

describe("CapacityMonitor", () => {
  it("counts events per second over the closed slots of the last minute", () => {
    const { m, bus, advance, stop } = setup();
    for (let i = 0; i < 50; i++) bus.publish(event);
    advance(CAPACITY_SLOT_MS);
    m.tick();
    expect(m.reading().eventsPerSecond).toBe(10);
    // A quiet minute later the burst has rolled out of the window.
    for (let i = 0; i < 12; i++) { advance(CAPACITY_SLOT_MS); m.tick(); }
    expect(m.reading().eventsPerSecond).toBe(0);
    stop();
  });

  it("stops counting once stopped (no listener left on the bus)", () => {
    const { bus, stop } = setup();
    expect(bus.size).toBe(1);
    stop();
    expect(bus.size).toBe(0);
  });

  it("times a write to its own Setting row and reports the p95 of the last minute", async () => {
    const { m, calls, advance, stop } = setup();
    expect(m.reading().writeP95Ms).toBeNull();
    const ms = await m.probeWrite();
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(calls[0]).toMatchObject({ where: { key: WRITE_PROBE_KEY } });
    expect(m.reading().writeP95Ms).not.toBeNull();
    advance(61_000);
    expect(m.reading().writeP95Ms).toBeNull();
    stop();
  });

  it("a slow write shows in the p95", async () => {
    const { m, stop } = setup({}, () => new Promise((r) => setTimeout(r, 60)));
    await m.probeWrite();
    expect(m.reading().writeP95Ms).toBeGreaterThanOrEqual(50);
    stop();
  });

  it("reports dropped events over the last minute from the bus's cumulative counter, null when it has none", () => {
    let total = 100;
    const { m, advance, stop } = setup({ droppedTotal: () => total });
    expect(m.reading().eventsDroppedPerMinute).toBe(0);
    total = 130;
    advance(CAPACITY_SLOT_MS);
    m.tick();
    expect(m.reading().eventsDroppedPerMinute).toBe(30);
    stop();
    const none = setup();
    expect(none.m.reading().eventsDroppedPerMinute).toBeNull();
    none.stop();
  });

  it("measures CPU from the start reading on, and loop lag once a slot has closed", async () => {
    const { m, advance, stop } = setup();
    expect(m.reading().cpuCores).toBeNull();
    const until = Date.now() + 30;
    while (Date.now() < until) { /* keep the CPU busy */ }
    await new Promise((r) => setTimeout(r, 30));
    advance(CAPACITY_SLOT_MS);
    m.tick();
    const r = m.reading();
    expect(r.cpuCores).not.toBeNull();
    expect(r.cpuCores!).toBeGreaterThan(0);
    expect(r.eventStreams).toBe(2);
    stop();
  });

  it("leaves start-up out: no write latency, loop lag or CPU from the warm-up, events counted all along", async () => {
    const { m, bus, advance, stop } = setup({}, () => new Promise((r) => setTimeout(r, 40)), CAPACITY_WARMUP_MS);
    await m.probeWrite();
    bus.publish(event);
    const busyUntil = Date.now() + 30;
    while (Date.now() < busyUntil) { /* start-up work */ }
    advance(CAPACITY_SLOT_MS);
    m.tick();
    const during = m.reading();
    expect(during.writeP95Ms).toBeNull();
    expect(during.eventLoopLagP99Ms).toBeNull();
    expect(during.cpuCores).toBeNull();
    expect(during.eventsPerSecond).toBeGreaterThan(0);
    advance(CAPACITY_WARMUP_MS);
    await m.probeWrite();
    m.tick();
    expect(m.reading().writeP95Ms).toBeGreaterThanOrEqual(30);
    expect(m.reading().cpuCores).not.toBeNull();
    stop();
  });
});
