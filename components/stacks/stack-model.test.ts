// The stacks pages' pure logic: health counts and the status a user reads first, plan grouping by
// level with removals last, where a problem points (editor and line), the caret offset of a line,
// and a live rollout event never undone by a slower refetch.
import { describe, expect, it } from "vitest";
import type { RolloutStep, StackRolloutView } from "@/lib/stacks/schemas";
import { groupPlan, healthSummary, issueEditor, issueKey, issuesFromApi, laterRollout, lineOffset, planSummary, stackStatus, type StackServiceState } from "./stack-model";

const svc = (key: string, state: string | null, health: string | null = null): StackServiceState => ({ key, serviceId: `id-${key}`, name: `s-${key}`, image: "busybox", state, health, ports: [] });

const step = (key: string, action: RolloutStep["action"], level: number, status: RolloutStep["status"] = "pending"): RolloutStep => ({
  key, name: `s-${key}`, action, reasons: [], level, serviceId: null, status, message: null, deploymentId: null,
});

const rollout = (id: string, createdAt: string, status: StackRolloutView["status"], steps: RolloutStep[]): StackRolloutView => ({
  id, stackId: "st1", version: 1, status, steps, error: null, actorName: "admin", createdAt, finishedAt: null,
});

describe("health and status", () => {
  it("counts running, unhealthy and stopped (exited or no container)", () => {
    const h = healthSummary([svc("a", "running", "healthy"), svc("b", "running", "unhealthy"), svc("c", "exited"), svc("d", null), svc("e", "running")]);
    expect(h).toEqual({ running: 2, unhealthy: 1, stopped: 2, total: 5 });
  });

  it("says the worst thing first", () => {
    const base = { appliedVersion: 1, lastRollout: null, services: [svc("a", "running")] };
    expect(stackStatus(base).label).toBe("Running");
    expect(stackStatus({ ...base, services: [svc("a", "running"), svc("b", "exited")] }).label).toBe("Partly running");
    expect(stackStatus({ ...base, services: [svc("a", "running", "unhealthy")] }).label).toBe("Unhealthy");
    expect(stackStatus({ ...base, services: [svc("a", "exited")] }).label).toBe("Stopped");
    expect(stackStatus({ ...base, lastRollout: rollout("r", "2026-01-01T00:00:00Z", "failed", []) }).label).toBe("Last apply failed");
    expect(stackStatus({ ...base, lastRollout: rollout("r", "2026-01-01T00:00:00Z", "running", []) }).label).toBe("Applying");
    expect(stackStatus({ appliedVersion: null, lastRollout: null, services: [] }).label).toBe("Not applied yet");
  });
});

describe("plan grouping", () => {
  it("groups by level in order, sorts each level by key, and puts removals last", () => {
    const groups = groupPlan([step("web", "create", 1), step("old", "remove", 2), step("db", "recreate", 0), step("cache", "unchanged", 0), step("worker", "create", 1)]);
    expect(groups.map((g) => [g.title, g.steps.map((s) => s.key)])).toEqual([
      ["Level 1 (first)", ["cache", "db"]],
      ["Level 2", ["web", "worker"]],
      ["Then removed", ["old"]],
    ]);
  });

  it("calls a single level 'All services' and summarises only the counts that are not zero", () => {
    const steps = [step("a", "create", 0), step("b", "unchanged", 0)];
    expect(groupPlan(steps).map((g) => g.title)).toEqual(["All services"]);
    expect(planSummary(steps)).toBe("1 to create, 1 unchanged");
    expect(planSummary([])).toBe("no services");
  });
});

describe("problems and lines", () => {
  it("sends .env problems to the .env editor and the rest to the Compose editor", () => {
    expect(issueEditor({ path: ".env:DB_PASSWORD" })).toBe("env");
    expect(issueEditor({ path: ".env" })).toBe("env");
    expect(issueEditor({ path: "services.web.ports[0]" })).toBe("compose");
    expect(issueEditor({ path: ".envoy" })).toBe("compose");
    expect(issueKey({ path: ".env:DB_PASSWORD" })).toBe("DB_PASSWORD");
    expect(issueKey({ path: ".env" })).toBe("");
  });

  it("reads the line and key out of a refused save's issue paths", () => {
    expect(issuesFromApi([
      { path: "compose:9:services.app", message: "prots is not allowed" },
      { path: "compose:?:services.db", message: "no line" },
      { path: "compose:services.db.image", message: "required" },
      { path: "compose:3:.env:KEY", message: "bad line" },
      { path: "hostId", message: "unknown host" },
    ])).toEqual([
      { path: "services.app", line: 9, column: null, message: "prots is not allowed" },
      { path: "services.db", line: null, column: null, message: "no line" },
      { path: "services.db.image", line: null, column: null, message: "required" },
      { path: ".env:KEY", line: 3, column: null, message: "bad line" },
      { path: "", line: null, column: null, message: "unknown host" },
    ]);
  });

  it("finds where a line starts, and the end for a line past the last", () => {
    const text = "services:\n  web:\n    image: x\n";
    expect(lineOffset(text, 1)).toBe(0);
    expect(lineOffset(text, 2)).toBe(10);
    expect(text.slice(lineOffset(text, 3))).toBe("    image: x\n");
    expect(lineOffset(text, 4)).toBe(text.length);
    expect(lineOffset(text, 40)).toBe(text.length);
  });
});

describe("the latest rollout", () => {
  it("keeps the view further along for the same rollout, so a slow refetch never undoes an event", () => {
    const live = rollout("r1", "2026-01-01T00:00:00Z", "running", [step("db", "create", 0, "succeeded"), step("web", "create", 1, "running")]);
    const stale = rollout("r1", "2026-01-01T00:00:00Z", "running", [step("db", "create", 0, "running"), step("web", "create", 1, "pending")]);
    expect(laterRollout(live, stale)).toBe(live);
    expect(laterRollout(stale, live)).toBe(live);
    const done = { ...live, status: "succeeded" as const, steps: live.steps.map((s) => ({ ...s, status: "succeeded" as const })) };
    expect(laterRollout(live, done)).toBe(done);
  });

  it("takes a newer rollout over an older one, and whichever exists", () => {
    const old = rollout("r1", "2026-01-01T00:00:00Z", "failed", []);
    const fresh = rollout("r2", "2026-01-02T00:00:00Z", "running", [step("db", "create", 0)]);
    expect(laterRollout(old, fresh)).toBe(fresh);
    expect(laterRollout(fresh, old)).toBe(fresh);
    expect(laterRollout(null, old)).toBe(old);
    expect(laterRollout(old, null)).toBe(old);
    expect(laterRollout(undefined, null)).toBeNull();
  });
});
