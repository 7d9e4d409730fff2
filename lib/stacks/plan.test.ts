import { describe, expect, it } from "vitest";
import { dependencyLevels, type DesiredService } from "./desired";
import { differences, planStack, type CurrentService } from "./plan";

function want(key: string, over: Partial<DesiredService> = {}): DesiredService {
  return {
    key, name: `lab-${key}`, image: "busybox:1", command: [], env: { A: "1" }, ports: [], volumes: [], healthcheck: null,
    restartPolicy: "unless-stopped", egress: "open", runtime: {}, networks: [{ name: "lab_default", aliases: [key], internal: false }], dependsOn: [],
    ...over,
  };
}
function cur(key: string, over: Partial<CurrentService> = {}): CurrentService {
  const { dependsOn: _d, ...base } = want(key);
  return { ...base, id: `id-${key}`, container: { state: "running", health: null }, containerCurrent: true, ...over };
}

describe("dependencyLevels", () => {
  it("orders by depends_on and groups independent services in one level", () => {
    const levels = dependencyLevels([
      want("web", { dependsOn: [{ service: "db", condition: "service_healthy", required: true }, { service: "cache", condition: "service_started", required: true }] }),
      want("worker", { dependsOn: [{ service: "db", condition: "service_started", required: true }] }),
      want("db"), want("cache"),
      want("proxy", { dependsOn: [{ service: "web", condition: "service_started", required: true }] }),
    ]);
    expect(levels).toEqual([["cache", "db"], ["web", "worker"], ["proxy"]]);
  });

  it("never loops on a cycle: the rest goes in one last level", () => {
    const levels = dependencyLevels([
      want("a", { dependsOn: [{ service: "b", condition: "service_started", required: true }] }),
      want("b", { dependsOn: [{ service: "a", condition: "service_started", required: true }] }),
      want("c"),
    ]);
    expect(levels).toEqual([["c"], ["a", "b"]]);
  });
});

describe("planStack", () => {
  it("creates new services, leaves identical ones, recreates changed ones with the reason, removes dropped ones", () => {
    const plan = planStack(
      [want("db"), want("web", { env: { A: "2", SECRET: "x" }, dependsOn: [{ service: "db", condition: "service_healthy", required: true }] }), want("worker")],
      [cur("db"), cur("web"), cur("old")],
    );
    expect(plan.steps.map((s) => [s.key, s.action, s.level])).toEqual([
      ["db", "unchanged", 0], ["worker", "create", 0], ["web", "recreate", 1], ["old", "remove", 2],
    ]);
    const web = plan.steps.find((s) => s.key === "web")!;
    // The changed variables are named, their values never shown.
    expect(web.reasons).toEqual(["environment (A, SECRET)"]);
    expect(JSON.stringify(plan)).not.toContain('"x"');
    expect(plan.changes).toBe(3);
  });

  it("recreates an unchanged service whose container is missing, stopped or older", () => {
    const plan = planStack([want("a"), want("b"), want("c")], [cur("a", { container: null }), cur("b", { container: { state: "exited", health: null } }), cur("c", { containerCurrent: false })]);
    expect(plan.steps.map((s) => [s.key, s.action, s.reasons[0]])).toEqual([
      ["a", "recreate", "its container is missing"], ["b", "recreate", "its container is exited"], ["c", "recreate", "its container runs an older spec"],
    ]);
  });

  it("names each kind of difference", () => {
    const base = cur("x");
    expect(differences(want("x", { image: "busybox:2" }), base)).toEqual(["image (busybox:1 → busybox:2)"]);
    expect(differences(want("x", { runtime: { memoryBytes: 64 * 1024 * 1024, user: "1000" } }), base)).toEqual(["options (memoryBytes, user)"]);
    expect(differences(want("x", { ports: [{ container: 80, host: 8080, protocol: "tcp", hostIp: "127.0.0.1" }] }), base)).toEqual(["ports"]);
    expect(differences(want("x", { restartPolicy: "always" }), base)).toEqual(["restart policy (unless-stopped → always)"]);
    expect(differences(want("x", { networks: [] }), base)).toEqual(["networks"]);
    // Key order does not count as a change.
    expect(differences(want("x", { env: { A: "1" } }), { ...base, env: { A: "1" } })).toEqual([]);
  });

  it("an environment change to many variables is summarised", () => {
    const env = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`V${i}`, "1"]));
    expect(differences(want("x", { env }), cur("x", { env: {} }))).toEqual(["environment (V0, V1, V2, V3, V4, V5 and 3 more)"]);
  });
});
