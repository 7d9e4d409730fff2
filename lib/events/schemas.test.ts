import { describe, expect, it } from "vitest";
import { parseLiveEventData } from "./schemas";

describe("parseLiveEventData", () => {
  it("parses a known event", () => {
    expect(parseLiveEventData(JSON.stringify({ type: "incident/resolved", incidentId: "i1", checkId: "c1" }))).toEqual({ type: "incident/resolved", incidentId: "i1", checkId: "c1" });
  });
  it("drops malformed JSON, unknown types and wrong shapes instead of throwing", () => {
    expect(parseLiveEventData("{not json")).toBeNull();
    expect(parseLiveEventData(JSON.stringify({ type: "shell/exec", cmd: "rm -rf /" }))).toBeNull();
    expect(parseLiveEventData(JSON.stringify({ type: "incident/opened", incidentId: "i1", checkId: "c1", kind: "exploded" }))).toBeNull();
    expect(parseLiveEventData("null")).toBeNull();
  });
});
