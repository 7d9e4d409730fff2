import { describe, expect, it } from "vitest";
import type Docker from "dockerode";
import { LABELS, OFFLINE_NETWORK, ServiceSpecSchema, type ServiceSpec } from "@/lib/protocol";
import { AgentError } from "./errors";
import { checkSpecNetworks, ensureNetwork } from "./networks";

const base: ServiceSpec = ServiceSpecSchema.parse({
  serviceId: "svc1", name: "web", image: "nginx:1.27", command: [], env: {}, ports: [], volumes: [],
  healthcheck: null, restartPolicy: "no", egress: "open", stack: "lab",
});
const net = (name: string, internal = false) => ({ name, aliases: [], internal });

function refusal(fn: () => unknown): AgentError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AgentError) return err;
    throw err;
  }
  throw new Error("not refused");
}

describe("checkSpecNetworks", () => {
  it("accepts the stack's own networks", () => {
    expect(() => checkSpecNetworks({ ...base, networks: [net("lab-default"), net("lab-backend", true)] })).not.toThrow();
    expect(() => checkSpecNetworks({ ...base, egress: "offline", networks: [net("lab-backend", true)] })).not.toThrow();
  });

  const refused: [string, Partial<ServiceSpec>, RegExp][] = [
    ["the host network by name (a way around the host-network policy)", { networks: [net("host")] }, /reserved/],
    ["Docker's default bridge", { networks: [net("bridge")] }, /reserved/],
    ["none", { networks: [net("none")] }, /reserved/],
    ["Homeport's shared offline network", { networks: [net(OFFLINE_NETWORK, true)] }, /reserved/],
    ["the same network twice", { networks: [net("lab-a"), net("lab-a")] }, /twice/],
    ["egress offline on a network with a route out", { egress: "offline", networks: [net("lab-backend", true), net("lab-default")] }, /lab-default has a route out/],
    ["networks beside the host network", { hostNetwork: true, networks: [net("lab-default")] }, /host network/],
  ];
  for (const [desc, over, why] of refused) {
    it(`refuses ${desc}`, () => {
      const e = refusal(() => checkSpecNetworks({ ...base, ...over }));
      expect(e.code).toBe("invalid_params");
      expect(e.message).toMatch(why);
    });
  }
});

/** A Docker engine that knows networks only, slow to create (so concurrent creations overlap). */
function fakeDocker(existing: Record<string, Partial<Docker.NetworkInspectInfo>> = {}) {
  const nets = new Map(Object.entries(existing).map(([name, n]) => [name, { Name: name, Id: `id-${name}`, Driver: "bridge", Internal: false, Labels: {}, ...n }]));
  const created: Docker.NetworkCreateOptions[] = [];
  const notFound = () => Object.assign(new Error("no such network"), { statusCode: 404 });
  const docker = {
    getNetwork: (name: string) => ({
      inspect: async () => {
        const n = nets.get(name);
        if (!n) throw notFound();
        return n;
      },
    }),
    createNetwork: async (o: Docker.NetworkCreateOptions) => {
      await new Promise((r) => setTimeout(r, 20));
      if (nets.has(o.Name)) throw Object.assign(new Error("already exists"), { statusCode: 409 });
      created.push(o);
      nets.set(o.Name, { Name: o.Name, Id: `id-${o.Name}`, Driver: o.Driver ?? "bridge", Internal: o.Internal ?? false, Labels: o.Labels ?? {} });
      return {};
    },
  };
  return { docker: docker as unknown as Docker, created };
}

describe("ensureNetwork", () => {
  it("creates a missing network as a managed bridge of its stack, internal when asked", async () => {
    const { docker, created } = fakeDocker();
    expect(await ensureNetwork(docker, net("lab-backend", true), "lab")).toBe("created");
    expect(created).toEqual([
      expect.objectContaining({ Name: "lab-backend", Driver: "bridge", CheckDuplicate: true, Internal: true, Labels: { [LABELS.managed]: "true", [LABELS.stack]: "lab" } }),
    ]);
  });

  it("two rollouts of one stack asking at once create the network once", async () => {
    const { docker, created } = fakeDocker();
    const results = await Promise.all([ensureNetwork(docker, net("lab-default"), "lab"), ensureNetwork(docker, net("lab-default"), "lab"), ensureNetwork(docker, net("lab-default"), "lab")]);
    expect(created).toHaveLength(1);
    expect(results.sort()).toEqual(["created", "existed", "existed"]);
  });

  it("joins a network Homeport made for the same stack", async () => {
    const { docker, created } = fakeDocker({ "lab-default": { Labels: { [LABELS.managed]: "true", [LABELS.stack]: "lab" } } });
    expect(await ensureNetwork(docker, net("lab-default"), "lab")).toBe("existed");
    expect(created).toHaveLength(0);
  });

  const conflicts: [string, Partial<Docker.NetworkInspectInfo>, boolean, RegExp][] = [
    ["one Homeport did not create", { Labels: {} }, false, /did not create/],
    ["another stack's", { Labels: { [LABELS.managed]: "true", [LABELS.stack]: "other" } }, false, /stack other/],
    ["one with a route out when an internal one is asked", { Labels: { [LABELS.managed]: "true", [LABELS.stack]: "lab" } }, true, /route out/],
    ["an internal one when a route out is asked", { Internal: true, Labels: { [LABELS.managed]: "true", [LABELS.stack]: "lab" } }, false, /internal/],
    ["one of another driver", { Driver: "macvlan", Labels: { [LABELS.managed]: "true", [LABELS.stack]: "lab" } }, false, /macvlan/],
  ];
  for (const [desc, existing, internal, why] of conflicts) {
    it(`refuses to join ${desc}`, async () => {
      const { docker, created } = fakeDocker({ "lab-x": existing });
      const err = await ensureNetwork(docker, net("lab-x", internal), "lab").then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AgentError);
      expect((err as AgentError).code).toBe("conflict");
      expect((err as AgentError).message).toMatch(why);
      expect(created).toHaveLength(0);
    });
  }
});
