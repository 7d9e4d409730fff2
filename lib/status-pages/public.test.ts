import { describe, expect, it } from "vitest";
import { overallOf, segmentOf } from "./public";
import { PublicStatusSchema, StatusPageInputSchema } from "./schemas";

describe("the public view's words", () => {
  it("an hour of results is up, partial, down or empty", () => {
    expect(segmentOf(6, 6)).toBe("up");
    expect(segmentOf(5, 6)).toBe("partial");
    expect(segmentOf(0, 6)).toBe("down");
    expect(segmentOf(0, 0)).toBe("none");
  });

  it("the headline: paused, maintenance and unknown checks neither alarm nor reassure", () => {
    expect(overallOf(["up", "up", "paused"])).toBe("operational");
    expect(overallOf(["up", "down"])).toBe("degraded");
    expect(overallOf(["up", "degraded"])).toBe("degraded");
    expect(overallOf(["down", "down", "maintenance"])).toBe("outage");
    expect(overallOf(["paused", "maintenance", "unknown"])).toBe("unknown");
  });

  it("the public schema refuses any field beyond its allow-list (an added column cannot slip out)", () => {
    const check = { name: "a", state: "up", uptime24h: 100, uptime30d: null, history: [], incidentsSince: [] };
    const base = { title: "t", description: "", overall: "operational", generatedAt: "2026-01-01T00:00:00.000Z" };
    expect(PublicStatusSchema.safeParse({ ...base, groups: [{ name: "g", checks: [check] }] }).success).toBe(true);
    expect(PublicStatusSchema.safeParse({ ...base, groups: [{ name: "g", checks: [{ ...check, target: "http://10.0.0.1/" }] }] }).success).toBe(false);
  });

  it("slugs are lower-case words with dashes", () => {
    for (const slug of ["home", "family-2"]) expect(StatusPageInputSchema.safeParse({ slug, title: "t", groups: ["g"] }).success).toBe(true);
    for (const slug of ["-home", "Home", "a", "../x", "home-"]) expect(StatusPageInputSchema.safeParse({ slug, title: "t", groups: ["g"] }).success, slug).toBe(false);
  });
});
