import { describe, expect, it } from "vitest";
import { LABELS, SwarmServiceSpecSchema } from "@/lib/protocol";
import { dockerServiceSpec, SWARM_SPEC_HASH, SWARM_TASK_LABEL, swarmInfoOf, swarmSpecHash } from "./swarm";

type Container = { HealthCheck?: Record<string, unknown>; Labels?: Record<string, string> };
const containerOf = (s: ReturnType<typeof dockerServiceSpec>) => (s.TaskTemplate as { ContainerSpec?: Container } | undefined)?.ContainerSpec;

const spec = SwarmServiceSpecSchema.parse({
  serviceId: "svc1",
  name: "web",
  image: "nginx:1.27",
  command: ["httpd", "-f"],
  env: { A: "1" },
  ports: [{ target: 8080, published: 18080 }],
  replicas: 3,
  constraints: ["node.role == manager"],
  update: { parallelism: 2, delaySeconds: 4, failureAction: "rollback", monitorSeconds: 10 },
  healthcheck: { test: ["wget", "-q", "http://127.0.0.1:8080/"], intervalSeconds: 2, timeoutSeconds: 1, retries: 3 },
});

describe("swarm spec", () => {
  it("maps Homeport's health gate and rollout settings onto Swarm's update and rollback config", () => {
    const s = dockerServiceSpec(spec, "dep1");
    expect(s.UpdateConfig).toMatchObject({ Parallelism: 2, Delay: 4e9, FailureAction: "rollback", Monitor: 10e9, MaxFailureRatio: 0 });
    expect(s.RollbackConfig).toMatchObject({ Parallelism: 2, FailureAction: "pause" });
    expect(containerOf(s)?.HealthCheck).toMatchObject({ Test: ["CMD", "wget", "-q", "http://127.0.0.1:8080/"], Interval: 2e9, Retries: 3 });
    expect(s.TaskTemplate?.Placement?.Constraints).toEqual(["node.role == manager"]);
    expect(s.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(s.EndpointSpec?.Ports).toEqual([{ Protocol: "tcp", TargetPort: 8080, PublishedPort: 18080, PublishMode: "ingress" }]);
  });

  it("labels the service as Homeport's and its task containers apart from managed containers", () => {
    const s = dockerServiceSpec(spec, "dep1");
    expect(s.Labels).toMatchObject({ [LABELS.managed]: "true", [LABELS.serviceId]: "svc1", [SWARM_SPEC_HASH]: swarmSpecHash(spec) });
    const taskLabels = containerOf(s)?.Labels ?? {};
    expect(taskLabels[SWARM_TASK_LABEL]).toBe("svc1");
    expect(taskLabels[LABELS.managed]).toBeUndefined();
  });

  it("scaling alone does not change the spec hash; any other change does", () => {
    expect(swarmSpecHash({ ...spec, replicas: 9 })).toBe(swarmSpecHash(spec));
    expect(swarmSpecHash({ ...spec, env: { A: "2" } })).not.toBe(swarmSpecHash(spec));
  });

  it("refuses what Swarm would not take: bad constraints, too many replicas", () => {
    expect(SwarmServiceSpecSchema.safeParse({ ...spec, constraints: ["rm -rf /"] }).success).toBe(false);
    expect(SwarmServiceSpecSchema.safeParse({ ...spec, replicas: 101 }).success).toBe(false);
    expect(SwarmServiceSpecSchema.safeParse({ ...spec, replicas: -1 }).success).toBe(false);
  });
});

describe("swarmInfoOf", () => {
  it("reports a manager, a worker, and no swarm", () => {
    expect(swarmInfoOf({ Swarm: { NodeID: "n1", LocalNodeState: "active", ControlAvailable: true, Nodes: 3, Managers: 1 } })).toMatchObject({ manager: true, nodes: 3, managers: 1, state: "active" });
    expect(swarmInfoOf({ Swarm: { NodeID: "n2", LocalNodeState: "active", ControlAvailable: false } })).toMatchObject({ manager: false });
    expect(swarmInfoOf({ Swarm: { LocalNodeState: "inactive" } })).toBeNull();
    expect(swarmInfoOf({})).toBeNull();
  });
});
