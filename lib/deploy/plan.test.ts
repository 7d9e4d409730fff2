import { describe, expect, it } from "vitest";
import type { ContainerSummary, ServiceSpec } from "@/lib/protocol";
import { planRollout } from "./plan";
import { specHash } from "./spec-hash";

const spec: ServiceSpec = {
  serviceId: "svc1",
  name: "web",
  image: "homeport-test/busybox:1",
  command: ["httpd", "-f", "-p", "8080"],
  env: { B: "2", A: "1" },
  ports: [{ container: 8080, host: 18080, protocol: "tcp", hostIp: "127.0.0.1" }],
  volumes: [],
  healthcheck: null,
  restartPolicy: "unless-stopped",
  egress: "open",
};

const container = (over: Partial<ContainerSummary>): ContainerSummary => ({
  id: "aaaaaaaaaaaa",
  name: "web",
  image: spec.image,
  state: "running",
  status: "Up",
  health: null,
  exitCode: null,
  managed: true,
  serviceId: "svc1",
  specHash: specHash(spec),
  ports: [{ container: 8080, host: 18080, hostIp: "127.0.0.1", protocol: "tcp" }],
  startedAt: null,
  ...over,
});

describe("specHash", () => {
  it("ignores key order and is stable", () => {
    expect(specHash({ ...spec, env: { A: "1", B: "2" } })).toBe(specHash(spec));
    expect(specHash(spec)).toMatch(/^[a-f0-9]{16}$/);
  });
  it("changes with the spec", () => {
    expect(specHash({ ...spec, command: ["httpd", "-f", "-p", "8081"] })).not.toBe(specHash(spec));
  });
});

describe("planRollout", () => {
  const h = specHash(spec);
  const table: { desc: string; observed: ContainerSummary[]; want: Record<string, unknown> }[] = [
    { desc: "nothing running → create", observed: [], want: { kind: "create", stopOldFirst: false } },
    { desc: "same hash running → unchanged", observed: [container({})], want: { kind: "unchanged", containerId: "aaaaaaaaaaaa" } },
    { desc: "same hash but exited → replace", observed: [container({ state: "exited", ports: [] })], want: { kind: "replace", stopOldFirst: false } },
    { desc: "other hash on the same port → stop old first", observed: [container({ specHash: "old" })], want: { kind: "replace", stopOldFirst: true } },
    { desc: "other hash, other port → overlap", observed: [container({ specHash: "old", ports: [{ container: 8080, host: 9999, hostIp: "127.0.0.1", protocol: "tcp" }] })], want: { kind: "replace", stopOldFirst: false } },
    { desc: "unmanaged containers are ignored", observed: [container({ managed: false, serviceId: null })], want: { kind: "create" } },
    { desc: "a leftover second container → replace (converge to one)", observed: [container({}), container({ id: "bbbbbbbbbbbb", name: "web-next-1" })], want: { kind: "replace" } },
  ];
  for (const c of table) it(c.desc, () => expect(planRollout(spec, h, c.observed)).toMatchObject(c.want));
});
