import { describe, expect, it } from "vitest";
import { countdown, experimentOf, formatMs, sideTone, type FormState } from "./gameday-model";

const form = (over: Partial<FormState>): FormState => ({ kind: "internet-down", target: "", container: "", delayMs: 0, lossPct: 0, durationSec: 60, ...over });

describe("game-day page helpers", () => {
  it("counts down to the deadline and stops at zero", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(countdown("2026-01-01T00:04:05Z", now)).toBe("4:05");
    expect(countdown("2026-01-01T00:00:00.400Z", now)).toBe("0:01");
    expect(countdown("2025-12-31T23:00:00Z", now)).toBe("0:00");
  });

  it("formats detect and recover times", () => {
    expect(formatMs(1500)).toBe("1.5 s");
    expect(formatMs(42_000)).toBe("42 s");
    expect(formatMs(185_000)).toBe("3 min 5 s");
    expect(formatMs(null)).toBe("—");
  });

  it("builds the experiment from the form, or says what is missing", () => {
    expect(experimentOf(form({}))).toEqual({ kind: "internet-down", hostId: null });
    expect(experimentOf(form({ target: "h1" }))).toEqual({ kind: "internet-down", hostId: "h1" });
    expect(experimentOf(form({ kind: "kill-service" }))).toBe("Pick a service");
    expect(experimentOf(form({ kind: "stop-dns", target: "h1" }))).toBe("Pick the DNS server's container");
    expect(experimentOf(form({ kind: "netem", target: "s1" }))).toBe("Set a delay or a loss");
    expect(experimentOf(form({ kind: "netem", target: "s1", lossPct: 5 }))).toEqual({ kind: "netem", serviceId: "s1", delayMs: 0, jitterMs: 0, lossPct: 5 });
  });

  it("colours what broke red and what held green", () => {
    expect(sideTone("down")).toBe("danger");
    expect(sideTone("unaffected")).toBe("success");
    expect(sideTone("n/a")).toBe("neutral");
  });
});
