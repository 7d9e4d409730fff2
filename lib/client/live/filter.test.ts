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

describe("wants", () => {
  it("applies the type list on top of the scope", () => {
    const e = { type: "checks/status" as const, checks: [] };
    expect(wants({ types: ["checks/status"] }, e)).toBe(true);
    expect(wants({ types: ["checks/results"] }, e)).toBe(false);
    expect(wants({}, e)).toBe(true);
    expect(wants({ hostId: "h1", types: ["checks/status"] }, e)).toBe(false);
  });
});
