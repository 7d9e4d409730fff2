import { describe, expect, it } from "vitest";
import { RowParseError } from "@/lib/db/rows";
import { hostRows, serviceRows } from "./rows";

const at = new Date("2026-03-01T12:00:00Z");

const serviceRow = {
  id: "svc1",
  name: "web",
  image: "nginx:1.27",
  command: '["nginx","-g","daemon off;"]',
  env: '{"TZ":"UTC"}',
  ports: '[{"container":80,"host":8080,"protocol":"tcp","hostIp":"127.0.0.1"}]',
  volumes: '[{"source":"data","target":"/data","readOnly":false}]',
  healthcheck: null,
  restartPolicy: "unless-stopped",
  egress: "offline",
  runtime: "{}",
  hostId: null,
  stackId: null,
  stackService: null,
  desiredState: "running",
  tags: "[]",
  groupName: null,
  createdAt: at,
  updatedAt: at,
};

const hostRow = {
  id: "host1",
  name: "nas",
  labels: "{}",
  addresses: '["192.168.1.10"]',
  role: "docker",
  vantage: "lan",
  version: "1.0.0",
  lastSeenAt: at,
  revokedAt: null,
  createdAt: at,
  updatedAt: at,
  agentSecretHash: null,
  hostname: "nas.lan",
  protocolVersion: 1,
  versionMismatch: null,
  dockerInfo: '{"serverVersion":"27.0","apiVersion":"1.46","os":"Debian","arch":"x86_64","containers":3,"images":5}',
  enrolledAt: at,
  bindRoots: '["/srv/media"]',
  agentPolicy: null,
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

describe("serviceRows", () => {
  it("parses a good row into the record the API shows", () => {
    const s = serviceRows.parse(serviceRow);
    expect(s).toMatchObject({ id: "svc1", command: ["nginx", "-g", "daemon off;"], env: { TZ: "UTC" }, egress: "offline", healthcheck: null });
    expect(s.ports).toEqual([{ container: 80, host: 8080, protocol: "tcp", hostIp: "127.0.0.1" }]);
    expect(s.volumes).toEqual([{ source: "data", target: "/data", readOnly: false }]);
  });

  it("a damaged JSON column is an error naming the service and the column", () => {
    expect(rowError(() => serviceRows.parse({ ...serviceRow, ports: '[{"container":80' }))).toMatchObject({ table: "Service", rowId: "svc1", column: "ports" });
    expect(rowError(() => serviceRows.parse({ ...serviceRow, healthcheck: '{"test":[]}' }))).toMatchObject({ column: "healthcheck" });
    // Stored JSON is checked like the API's input: a socket mount written by hand is refused on read too.
    expect(rowError(() => serviceRows.parse({ ...serviceRow, volumes: '[{"source":"/var/run/docker.sock","target":"/s"}]' }))).toMatchObject({ column: "volumes" });
    expect(rowError(() => serviceRows.parse({ ...serviceRow, tags: '["has space"]' }))).toMatchObject({ column: "tags" });
    expect(rowError(() => serviceRows.parse({ ...serviceRow, desiredState: "paused" }))).toMatchObject({ column: "desiredState" });
  });

  it("reads the desired state, tags and group a list filters by", () => {
    expect(serviceRows.parse({ ...serviceRow, desiredState: "stopped", tags: '["media","nas"]', groupName: "Media" })).toMatchObject({ desiredState: "stopped", tags: ["media", "nas"], groupName: "Media" });
  });

  it("parses the runtime options and the owning stack", () => {
    const s = serviceRows.parse({ ...serviceRow, runtime: '{"memoryBytes":67108864,"user":"1000:1000","tmpfs":[{"target":"/tmp"}]}', stackId: "stk1", stackService: "db" });
    expect(s.runtime).toEqual({ memoryBytes: 64 * 1024 * 1024, user: "1000:1000", tmpfs: [{ target: "/tmp" }] });
    expect(s).toMatchObject({ stackId: "stk1", stackService: "db" });
    expect(serviceRows.parse(serviceRow).runtime).toEqual({});
  });

  it("a runtime column written by hand is checked like the API's input", () => {
    // A reserved label or an unknown key would reach Docker if read through a cast.
    expect(rowError(() => serviceRows.parse({ ...serviceRow, runtime: '{"labels":{"homeport.managed":"false"}}' }))).toMatchObject({ rowId: "svc1", column: "runtime" });
    expect(rowError(() => serviceRows.parse({ ...serviceRow, runtime: '{"securityOpt":["seccomp=unconfined"]}' }))).toMatchObject({ column: "runtime" });
    expect(rowError(() => serviceRows.parse({ ...serviceRow, runtime: "{memory" }))).toMatchObject({ column: "runtime" });
  });

  it("an unknown restart policy or egress is an error, not a string passed along", () => {
    expect(rowError(() => serviceRows.parse({ ...serviceRow, restartPolicy: "sometimes" }))).toMatchObject({ rowId: "svc1", column: "restartPolicy" });
    expect(rowError(() => serviceRows.parse({ ...serviceRow, egress: "closed" }))).toMatchObject({ column: "egress" });
  });

  it("parses only the columns a query selected", () => {
    expect(serviceRows.columns({ id: "svc1", name: "web", ports: "[]" })).toEqual({ id: "svc1", name: "web", ports: [] });
  });
});

describe("hostRows", () => {
  it("parses a good row: addresses, bind roots and the agent's engine facts", () => {
    const h = hostRows.parse(hostRow);
    expect(h).toMatchObject({ addresses: ["192.168.1.10"], bindRoots: ["/srv/media"], role: "docker", vantage: "lan", agentPolicy: null, labels: {} });
    expect(h.dockerInfo).toMatchObject({ serverVersion: "27.0", containers: 3 });
  });

  it("parses the agent's reported policy", () => {
    const policy = JSON.stringify({ bindRoots: ["/srv"], allowPrivileged: false });
    expect(hostRows.parse({ ...hostRow, agentPolicy: policy }).agentPolicy).toMatchObject({ bindRoots: ["/srv"], allowPrivileged: false });
  });

  it("a damaged JSON column is an error naming the host and the column", () => {
    expect(rowError(() => hostRows.parse({ ...hostRow, bindRoots: "/srv/media" }))).toMatchObject({ table: "Host", rowId: "host1", column: "bindRoots" });
    expect(rowError(() => hostRows.parse({ ...hostRow, addresses: '["192.168.1.10", 7]' }))).toMatchObject({ column: "addresses" });
    expect(rowError(() => hostRows.parse({ ...hostRow, agentPolicy: '{"allowPrivileged":"yes"}' }))).toMatchObject({ column: "agentPolicy" });
    expect(rowError(() => hostRows.parse({ ...hostRow, dockerInfo: "{" }))).toMatchObject({ column: "dockerInfo" });
  });

  it("an unknown role or vantage is an error", () => {
    expect(rowError(() => hostRows.parse({ ...hostRow, role: "kubernetes" }))).toMatchObject({ rowId: "host1", column: "role" });
    expect(rowError(() => hostRows.parse({ ...hostRow, vantage: "moon" }))).toMatchObject({ column: "vantage" });
  });
});
