import { describe, expect, it } from "vitest";
import { specHash } from "@/lib/deploy";
import type { ServiceView } from "@/lib/inventory";
import { serviceSpec } from "./deployments";

const view: ServiceView = {
  id: "svc1",
  name: "web",
  image: "nginx:1.27",
  command: ["nginx", "-g", "daemon off;"],
  env: { TZ: "UTC" },
  ports: [{ container: 80, host: 8080, protocol: "tcp", hostIp: "127.0.0.1" }],
  volumes: [{ source: "data", target: "/data", readOnly: false }],
  healthcheck: null,
  restartPolicy: "unless-stopped",
  egress: "open",
  runtime: {},
  hostId: "host1",
  hostName: "nas",
  stackId: null,
  stackName: null,
  stackService: null,
  routeCount: 0,
  desiredState: "running",
  tags: [],
  groupName: null,
  createdAt: "2026-03-01T12:00:00.000Z",
  updatedAt: "2026-03-01T12:00:00.000Z",
};

/** The spec as the server built it before runtime options existed: exactly these ten keys. */
const specBeforeRuntime = {
  serviceId: "svc1",
  name: "web",
  image: "nginx:1.27",
  command: ["nginx", "-g", "daemon off;"],
  env: { TZ: "UTC" },
  ports: [{ container: 80, host: 8080, protocol: "tcp" as const, hostIp: "127.0.0.1" }],
  volumes: [{ source: "data", target: "/data", readOnly: false }],
  healthcheck: null,
  restartPolicy: "unless-stopped" as const,
  egress: "open" as const,
};

describe("serviceSpec", () => {
  it("a service without runtime options keeps the spec, and so the hash, it had before they existed", () => {
    expect(serviceSpec(view)).toEqual(specBeforeRuntime);
    expect(specHash(serviceSpec(view))).toBe(specHash(specBeforeRuntime));
  });

  it("options that say Docker's default (false, empty lists) do not change the hash either", () => {
    const defaults = serviceSpec({ ...view, runtime: { readOnly: false, init: false, capDrop: [], tmpfs: [], labels: {}, extraHosts: [] } });
    expect(defaults).toEqual(specBeforeRuntime);
    expect(specHash(defaults)).toBe(specHash(specBeforeRuntime));
  });

  it("each option that is set is spread into the spec and changes the hash", () => {
    const runtime = { memoryBytes: 64 * 1024 * 1024, cpus: 0.5, user: "1000:1000", readOnly: true, tmpfs: [{ target: "/tmp" }], capDrop: ["ALL" as const] };
    const spec = serviceSpec({ ...view, runtime });
    expect(spec).toEqual({ ...specBeforeRuntime, ...runtime });
    expect(specHash(spec)).not.toBe(specHash(specBeforeRuntime));
    expect(specHash(serviceSpec({ ...view, runtime: { ...runtime, cpus: 1 } }))).not.toBe(specHash(spec));
  });

  it("a stack's placement adds the stack and its networks", () => {
    const networks = [{ name: "immich-default", aliases: ["db"], internal: false }];
    const spec = serviceSpec(view, { stack: "immich", networks });
    expect(spec).toEqual({ ...specBeforeRuntime, stack: "immich", networks });
    expect(specHash(spec)).not.toBe(specHash(specBeforeRuntime));
  });
});
