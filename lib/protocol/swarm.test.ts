import { describe, expect, it } from "vitest";
import { AgentEvents, Requests } from "./messages";
import { ScaleInputSchema, SwarmPlacementInputSchema } from "./swarm";

describe("swarm protocol", () => {
  it("no message type is both a request and an event (the receiver could not tell them apart)", () => {
    const both = Object.keys(AgentEvents).filter((t) => Object.hasOwn(Requests, t));
    expect(both).toEqual([]);
  });

  it("scale takes a whole number of replicas from 0 to 100", () => {
    expect(ScaleInputSchema.safeParse({ replicas: 0 }).success).toBe(true);
    expect(ScaleInputSchema.safeParse({ replicas: 100 }).success).toBe(true);
    for (const replicas of [-1, 101, 1.5, "3"]) expect(ScaleInputSchema.safeParse({ replicas }).success, String(replicas)).toBe(false);
  });

  it("placement input defaults to a safe rolling update (one at a time, rollback on failure)", () => {
    const p = SwarmPlacementInputSchema.parse({ mode: "swarm" });
    expect(p).toMatchObject({ replicas: 1, constraints: [], publishMode: "ingress", update: { parallelism: 1, failureAction: "rollback" } });
  });
});
