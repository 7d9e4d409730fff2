// A service's state as lists show it: each state, a deliberate stop versus a crash, and the orders.
import { describe, expect, it } from "vitest";
import { compareServices, deriveServiceStatus, matchesState, pageAfter, type ObservedContainer, type StatusInput } from "./service-state";

const at = "2026-01-01T10:00:00.000Z";
const box = (c: Partial<ObservedContainer>): ObservedContainer => ({ state: "running", status: "Up 2 hours", health: null, exitCode: null, startedAt: "2026-01-01T08:00:00.000Z", observedAt: at, ...c });
const ok = { status: "succeeded" as const, error: null };
const input = (i: Partial<StatusInput>): StatusInput => ({ desiredState: "running", placed: true, container: box({}), latestDeployment: ok, ...i });

describe("deriveServiceStatus", () => {
  it("running: green, with uptime from startedAt and the latest stats", () => {
    const s = deriveServiceStatus(input({ stats: { cpuPercent: 3.2, memoryBytes: 50e6, memoryLimitBytes: 1e9 } }));
    expect(s).toMatchObject({ kind: "running", tone: "success", label: "Running", startedAt: "2026-01-01T08:00:00.000Z", cpuPercent: 3.2, memoryBytes: 50e6 });
    expect(deriveServiceStatus(input({ container: box({ health: "healthy" }) })).label).toBe("Running · healthy");
  });
  it("a deliberate stop is neutral, not a red exit code", () => {
    const s = deriveServiceStatus(input({ desiredState: "stopped", container: box({ state: "exited", exitCode: 137, startedAt: null }) }));
    expect(s).toMatchObject({ kind: "stopped", label: "Stopped", tone: "neutral", exitCode: 137, startedAt: null, cpuPercent: null });
  });
  it("an exit while it should run is red with its code", () => {
    const s = deriveServiceStatus(input({ container: box({ state: "exited", exitCode: 137, status: "Exited (137) 2 minutes ago" }) }));
    expect(s).toMatchObject({ kind: "exited", label: "Exited (137)", tone: "danger", exitCode: 137 });
    expect(deriveServiceStatus(input({ container: box({ state: "dead", exitCode: 1 }) })).label).toBe("Dead (1)");
  });
  it("a failed deploy is red even while the previous container still runs", () => {
    const s = deriveServiceStatus(input({ latestDeployment: { status: "failed", error: "image not found" } }));
    expect(s).toMatchObject({ kind: "failed", tone: "danger", label: "Deploy failed", detail: "image not found" });
  });
  it("restarting and unhealthy need attention; a starting health check does not yet", () => {
    expect(deriveServiceStatus(input({ container: box({ state: "restarting" }) })).kind).toBe("restarting");
    expect(deriveServiceStatus(input({ container: box({ health: "unhealthy" }) }))).toMatchObject({ kind: "unhealthy", tone: "danger" });
    expect(deriveServiceStatus(input({ container: box({ health: "starting" }) }))).toMatchObject({ kind: "starting", tone: "info" });
  });
  it("no container: not deployed before any rollout, red after one, stopped when removed on purpose", () => {
    expect(deriveServiceStatus(input({ container: null, latestDeployment: null }))).toMatchObject({ kind: "not-deployed", tone: "neutral" });
    expect(deriveServiceStatus(input({ placed: false, container: null, latestDeployment: null })).detail).toBe("Not placed on a host");
    expect(deriveServiceStatus(input({ container: null }))).toMatchObject({ kind: "no-container", tone: "danger" });
    expect(deriveServiceStatus(input({ container: null, desiredState: "stopped" })).kind).toBe("stopped");
  });
  it("a rollout in progress is deploying", () => {
    expect(deriveServiceStatus(input({ latestDeployment: { status: "running", error: null } })).kind).toBe("deploying");
  });
});

describe("ordering and filtering", () => {
  const row = (id: string, name: string, i: Partial<StatusInput>) => ({ id, name, status: deriveServiceStatus(input(i)) });
  const rows = [
    row("a1", "web", { stats: { cpuPercent: 1, memoryBytes: 10, memoryLimitBytes: 0 } }),
    row("a2", "db", { desiredState: "stopped", container: box({ state: "exited", exitCode: 0 }) }),
    row("a3", "api", { latestDeployment: { status: "failed", error: "boom" } }),
    row("a4", "cache", { container: box({ startedAt: "2026-01-01T09:59:00.000Z" }), stats: { cpuPercent: 50, memoryBytes: 5, memoryLimitBytes: 0 } }),
  ];
  const names = (sort: Parameters<typeof compareServices>[0]) => [...rows].sort(compareServices(sort)).map((r) => r.name);

  it("broken first, then the rest by name; stopped before running", () => {
    expect(names("attention")).toEqual(["api", "db", "cache", "web"]);
  });
  it("by name, CPU and memory (highest first, unknown last), uptime (newest start first), id", () => {
    expect(names("name")).toEqual(["api", "cache", "db", "web"]);
    expect(names("cpu")).toEqual(["cache", "web", "api", "db"]);
    expect(names("memory")).toEqual(["web", "cache", "api", "db"]);
    expect(names("uptime")[0]).toBe("cache");
    expect(names(undefined)).toEqual(["web", "db", "api", "cache"]);
  });
  it("the broken filter keeps what needs attention", () => {
    expect(rows.filter((r) => matchesState(r.status, "broken")).map((r) => r.name)).toEqual(["api"]);
    expect(rows.filter((r) => matchesState(r.status, "stopped")).map((r) => r.name)).toEqual(["db"]);
  });
  it("pages after the previous page's last id", () => {
    const p1 = pageAfter(rows, 3);
    expect(p1.items.map((r) => r.id)).toEqual(["a1", "a2", "a3"]);
    expect(p1.nextCursor).toBe("a3");
    expect(pageAfter(rows, 3, "a3")).toEqual({ items: [rows[3]], nextCursor: null });
  });
});
