import { describe, expect, it } from "vitest";
import { DEFAULT_HOST_POLICY, powerRefusals } from "@/lib/protocol/policy";
import { hostAllowsGpu, withGpu } from "./runtime-gpu";

const allowing = { agentPolicy: { ...DEFAULT_HOST_POLICY, allowGpus: true } };
const refusing = { agentPolicy: DEFAULT_HOST_POLICY };

describe("hostAllowsGpu", () => {
  it("is true only where the host's agent reported --allow-gpus", () => {
    expect(hostAllowsGpu(allowing)).toBe(true);
    expect(hostAllowsGpu(refusing)).toBe(false);
    expect(hostAllowsGpu({ agentPolicy: null })).toBe(false);
    expect(hostAllowsGpu(null)).toBe(false);
  });
});

describe("withGpu", () => {
  it("asks for the GPUs of an optional-GPU template only on a host that allows them", () => {
    expect(withGpu({ readOnly: true }, "optional", allowing)).toEqual({ readOnly: true, gpus: true });
    expect(withGpu({ readOnly: true, gpus: true }, "optional", refusing)).toEqual({ readOnly: true });
  });
  it("always asks for required GPUs (the deploy is refused where not allowed) and never for none", () => {
    expect(withGpu({}, "required", refusing)).toEqual({ gpus: true });
    expect(withGpu({ gpus: true }, "none", allowing)).toEqual({});
  });
});

describe("the GPU refusal", () => {
  it("tells the owner which agent flag allows GPUs, and is gone once it is given", () => {
    expect(powerRefusals({ gpus: true }, DEFAULT_HOST_POLICY)).toEqual(["GPU access is not allowed on this host (its agent runs without --allow-gpus)"]);
    expect(powerRefusals({ gpus: true }, allowing.agentPolicy)).toEqual([]);
  });
});
