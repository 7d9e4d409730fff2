// Applies a plan to Caddy, one targeted admin call at a time, stopping at the first failure so
// Caddy's error names the change that caused it. Each call is a complete, valid config on its own.
import type { CaddyAdmin } from "./caddy-client";
import { CaddyConflictError, CaddyRejectedError, CaddyUnreachableError } from "./errors";
import type { IngressChange, IngressPlan } from "./types";

export interface ApplyFailure {
  change: IngressChange;
  error: CaddyRejectedError | CaddyUnreachableError | CaddyConflictError;
}

export interface ApplyResult {
  applied: IngressChange[];
  failed: ApplyFailure | null;
}

export async function applyIngressPlan(client: CaddyAdmin, plan: IngressPlan): Promise<ApplyResult> {
  const applied: IngressChange[] = [];
  for (const change of plan.changes) {
    try {
      for (const op of change.ops) {
        if (op.expectAbsent && (await client.getPath(op.expectAbsent)) !== null) throw new CaddyConflictError(op.expectAbsent);
        await client.send(op);
      }
    } catch (err) {
      if (err instanceof CaddyRejectedError || err instanceof CaddyUnreachableError || err instanceof CaddyConflictError) return { applied, failed: { change, error: err } };
      throw err;
    }
    applied.push(change);
  }
  return { applied, failed: null };
}
