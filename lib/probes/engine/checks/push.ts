// Push checks are not probed: a cron job or script calls their secret URL (lib/probes/push.ts)
// and silence past the interval is the failure. This runner exists so the registry is total; if
// a push check ever reaches a scheduler, it reports why it is not probed instead of guessing.
import type { CheckResult, PushTarget, Timing } from "../schemas";
import { failResult, type CheckRunner } from "../types";

export class PushCheck implements CheckRunner<"push"> {
  readonly type = "push" as const;
  readonly capabilities = { tls: false, http: false, phases: [] as (keyof Timing)[] };

  describe(t: PushTarget): string {
    return `push (heartbeat URL, ${t.graceSec} s grace)`;
  }

  check(): Promise<CheckResult> {
    return Promise.resolve(failResult("unsupported", "push checks are not probed: they wait for calls to their URL"));
  }
}
