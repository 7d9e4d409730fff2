import { describe, expect, it } from "vitest";
import { EVENTS_PATH, streamUrl, wants } from "./filter";

describe("streamUrl", () => {
  it("narrows the page's stream to the host or service every subscriber names", () => {
    expect(streamUrl([{ hostId: "h1" }, { hostId: "h1", types: ["host/status"] }])).toBe(`${EVENTS_PATH}?hostId=h1`);
    expect(streamUrl([{ serviceId: "s 1" }])).toBe(`${EVENTS_PATH}?serviceId=s+1`);
  });
  it("is unfiltered when subscribers disagree or one wants everything", () => {
    expect(streamUrl([{ hostId: "h1" }, { hostId: "h2" }])).toBe(EVENTS_PATH);
    expect(streamUrl([{ hostId: "h1" }, { serviceId: "s1" }])).toBe(EVENTS_PATH);
    expect(streamUrl([{ hostId: "h1" }, {}])).toBe(EVENTS_PATH);
    expect(streamUrl([])).toBe(EVENTS_PATH);
  });
});

describe("stats samples", () => {
  const sample = { type: "stats/sample" as const, hostId: "h1", sample: { containerId: "c", serviceId: "s1", at: "2026-01-01T00:00:00.000Z", cpuPercent: 1, memoryBytes: 1, memoryLimitBytes: 1 } };
  it("an unscoped stream asks for them only when a subscriber wants them", () => {
    expect(streamUrl([{}, { hostId: "h1" }])).toBe(EVENTS_PATH);
    expect(streamUrl([{}, { serviceId: "s1", types: ["stats/sample"] }])).toBe(`${EVENTS_PATH}?stats=1`);
    expect(streamUrl([{ stats: true }])).toBe(`${EVENTS_PATH}?stats=1`);
    expect(streamUrl([{ serviceId: "s1" }, { serviceId: "s1", types: ["stats/sample"] }])).toBe(`${EVENTS_PATH}?serviceId=s1`);
  });
  it("go to subscribers with a scope or that asked, not to an unscoped one that did not", () => {
    expect(wants({}, sample)).toBe(false);
    expect(wants({ serviceId: "s1" }, sample)).toBe(true);
    expect(wants({ serviceId: "s2", types: ["stats/sample"] }, sample)).toBe(false);
    expect(wants({ types: ["stats/sample"] }, sample)).toBe(true);
  });
});

describe("wants", () => {
  it("applies the type list on top of the scope", () => {
    const e = { type: "checks/status" as const, checks: [] };
    expect(wants({ types: ["checks/status"] }, e)).toBe(true);
    expect(wants({ types: ["checks/results"] }, e)).toBe(false);
    expect(wants({}, e)).toBe(true);
    expect(wants({ hostId: "h1", types: ["checks/status"] }, e)).toBe(false);
  });
});
