// The egress proof is run by the service's host's agent, inside the container's network namespace
// (agents/egress-proof.ts). This runner exists so the registry is total: anywhere else (the
// control plane, a remote vantage point) it says why it cannot run instead of guessing.
import type { CheckResult, EgressTarget, Timing } from "../schemas";
import { failResult, type CheckRunner } from "../types";

export class EgressCheck implements CheckRunner<"egress"> {
  readonly type = "egress" as const;
  readonly capabilities = { tls: false, http: false, phases: [] as (keyof Timing)[] };

  describe(t: EgressTarget): string {
    const tries = [...(t.targets ?? []), ...(t.names ?? [])];
    return tries.length > 0 ? `no egress from the service (tries ${tries.join(", ")})` : "no egress from the service";
  }

  check(): Promise<CheckResult> {
    return Promise.resolve(failResult("unsupported", "the egress proof runs only on the service's own host's agent"));
  }
}
