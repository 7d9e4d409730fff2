import { describe, expect, it } from "vitest";
import { toMaintenanceView, windowCovers } from "./maintenance";

describe("what a maintenance window covers", () => {
  const check = { id: "c1", groupName: "media" };
  it("every check when no check or group is named", () => {
    expect(windowCovers({ checkIds: [], groups: [] }, check)).toBe(true);
    expect(windowCovers({ checkIds: [], groups: [] }, { id: "c2", groupName: null })).toBe(true);
  });
  it("named checks and whole groups, nothing else", () => {
    expect(windowCovers({ checkIds: ["c1"], groups: [] }, check)).toBe(true);
    expect(windowCovers({ checkIds: [], groups: ["media"] }, check)).toBe(true);
    expect(windowCovers({ checkIds: ["c9"], groups: ["storage"] }, check)).toBe(false);
    expect(windowCovers({ checkIds: [], groups: ["media"] }, { id: "c3", groupName: null })).toBe(false);
  });
  it("is scheduled before its start, active until its end, ended after", () => {
    const row = { id: "w", name: "w", startsAt: new Date("2030-01-01T10:00:00Z"), endsAt: new Date("2030-01-01T12:00:00Z"), checkIds: "[]", groups: '["media"]', createdBy: "ann", createdAt: new Date("2029-12-31T00:00:00Z") };
    expect(toMaintenanceView(row, new Date("2030-01-01T09:59:59Z")).state).toBe("scheduled");
    expect(toMaintenanceView(row, new Date("2030-01-01T10:00:00Z")).state).toBe("active");
    expect(toMaintenanceView(row, new Date("2030-01-01T12:00:00Z")).state).toBe("ended");
    expect(toMaintenanceView(row).all).toBe(false);
  });
});
