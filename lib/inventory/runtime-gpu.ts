// GPU access by host: whether a host lets services use its GPUs, from the policy its agent last
// reported (the owner starts the agent with --allow-gpus). The catalog asks for a GPU (`gpu:
// optional` templates) only where this is true; the agent refuses a GPU request anywhere else.
// Browser-safe.
import type { HostPolicy } from "@/lib/protocol/policy";
import type { ServiceRuntime } from "./runtime";

/** What the owner of a host must do to let its services use the GPUs. */
export const GPU_POLICY_HINT = "start the host's agent with --allow-gpus to let its services use the GPUs";

/** True only when the host's agent said it allows GPUs (an agent that reported no policy allows none). */
export function hostAllowsGpu(host: { agentPolicy: HostPolicy | null } | null | undefined): boolean {
  return host?.agentPolicy?.allowGpus === true;
}

/**
 * A runtime with GPU access set as a template wants it: "required" always asks (the deploy is then
 * refused where the host does not allow it), "optional" asks only where the host allows it, "none"
 * never asks.
 */
export function withGpu(runtime: ServiceRuntime, want: "required" | "optional" | "none", host: { agentPolicy: HostPolicy | null } | null | undefined): ServiceRuntime {
  const gpus = want === "required" || (want === "optional" && hostAllowsGpu(host));
  const { gpus: _drop, ...rest } = runtime;
  return gpus ? { ...rest, gpus: true } : rest;
}
