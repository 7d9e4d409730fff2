import { describe, expect, it } from "vitest";
import { LABELS } from "@/lib/protocol";
import { agentIdentity, ownedByThisAgent, setAgentIdentity } from "./identity";
import { containerLabels } from "./docker/create-options";

const spec = { serviceId: "svc1", name: "web", image: "busybox", egress: "open" } as Parameters<typeof containerLabels>[0];

describe("agent identity on containers", () => {
  it("stamps the agent's id on what it creates and serves only its own (or unstamped) containers", () => {
    expect(agentIdentity()).toBeNull();
    expect(containerLabels(spec, { hash: "h", deploymentId: "d", name: "web" })[LABELS.agent]).toBeUndefined();
    expect(ownedByThisAgent({ [LABELS.agent]: "someone" }, LABELS.agent)).toBe(true); // no identity yet: everything, as before

    setAgentIdentity("agent-a");
    expect(containerLabels(spec, { hash: "h", deploymentId: "d", name: "web" })[LABELS.agent]).toBe("agent-a");
    expect(ownedByThisAgent({ [LABELS.agent]: "agent-a" }, LABELS.agent)).toBe(true);
    expect(ownedByThisAgent({ [LABELS.agent]: "agent-b" }, LABELS.agent)).toBe(false);
    expect(ownedByThisAgent({ [LABELS.managed]: "true" }, LABELS.agent)).toBe(true);
  });
});
