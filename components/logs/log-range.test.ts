import { describe, expect, it } from "vitest";
import { rangeQuery, TAIL_LINES } from "./log-range";

describe("rangeQuery", () => {
  const now = Date.parse("2026-12-06T12:00:00Z");
  it("latest lines: a tail, following when asked", () => {
    expect(Object.fromEntries(rangeQuery({ preset: "tail", since: "", until: "" }, true, now))).toEqual({ tail: String(TAIL_LINES), follow: "true" });
  });
  it("a relative preset starts that long before now", () => {
    expect(rangeQuery({ preset: "15m", since: "", until: "" }, false, now).get("since")).toBe("2026-12-06T11:45:00.000Z");
  });
  it("an absolute range with an end never follows", () => {
    const q = rangeQuery({ preset: "custom", since: "2026-12-06T10:00", until: "2026-12-06T11:00" }, true, now);
    expect(q.get("follow")).toBe("false");
    expect(q.get("since")).toBe(new Date("2026-12-06T10:00").toISOString());
    expect(q.get("until")).toBe(new Date("2026-12-06T11:00").toISOString());
  });
});
