import { describe, expect, it } from "vitest";
import { RowParseError } from "@/lib/db/rows";
import { containerStateRows, deploymentRows } from "./rows";
import { toContainerStateView, toDeploymentView } from "./views";

const at = new Date("2026-03-01T12:00:00Z");

const containerRow = {
  id: "cs1",
  hostId: "host1",
  containerId: "0123456789ab",
  name: "web",
  image: "nginx:1.27",
  state: "running",
  status: "Up 3 minutes",
  health: "healthy",
  exitCode: null,
  managed: true,
  serviceId: "svc1",
  specHash: "abc",
  ports: '[{"container":80,"host":8080,"hostIp":"127.0.0.1","protocol":"tcp"}]',
  startedAt: at,
  observedAt: at,
};

const deploymentRow = {
  id: "dep1",
  serviceId: "svc1",
  hostId: "host1",
  specHash: "abc",
  status: "succeeded",
  log: "pulling nginx:1.27\nstarted",
  error: null,
  containerId: "0123456789ab",
  actorName: "admin",
  createdAt: at,
  finishedAt: at,
};

function rowError(fn: () => unknown): RowParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RowParseError) return err;
    throw err;
  }
  throw new Error("the row parsed");
}

describe("containerStateRows", () => {
  it("parses a good row, and the view shows it with ISO times and no row id", () => {
    expect(containerStateRows.parse(containerRow)).toMatchObject({ state: "running", health: "healthy", ports: [{ container: 80, host: 8080 }] });
    const view = toContainerStateView(containerRow);
    expect(view).toEqual({ ...containerRow, id: undefined, ports: [{ container: 80, host: 8080, hostIp: "127.0.0.1", protocol: "tcp" }], startedAt: at.toISOString(), observedAt: at.toISOString() });
    expect("id" in view).toBe(false);
  });

  it("damaged ports are an error naming the container row and the column", () => {
    expect(rowError(() => toContainerStateView({ ...containerRow, ports: "80:8080" }))).toMatchObject({ table: "ContainerState", rowId: "cs1", column: "ports" });
  });

  it("an unknown state or health is an error", () => {
    expect(rowError(() => containerStateRows.parse({ ...containerRow, state: "sleeping" }))).toMatchObject({ column: "state" });
    expect(rowError(() => containerStateRows.parse({ ...containerRow, health: "meh" }))).toMatchObject({ column: "health" });
  });
});

describe("deploymentRows", () => {
  it("parses a good row: the log becomes its lines (none for an empty log)", () => {
    expect(toDeploymentView(deploymentRow)).toMatchObject({ status: "succeeded", log: ["pulling nginx:1.27", "started"], createdAt: at.toISOString() });
    expect(deploymentRows.parse({ ...deploymentRow, log: "" }).log).toEqual([]);
  });

  it("an unknown status is an error naming the deployment", () => {
    expect(rowError(() => toDeploymentView({ ...deploymentRow, status: "done" }))).toMatchObject({ table: "Deployment", rowId: "dep1", column: "status" });
  });

  it("a wrongly typed column is an error", () => {
    expect(rowError(() => deploymentRows.parse({ ...deploymentRow, createdAt: "yesterday" }))).toMatchObject({ column: "createdAt" });
  });
});
