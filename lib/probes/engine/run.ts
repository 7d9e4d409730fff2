// Runs one check with a timeout and turns every failure into a result: callers always get a
// CheckResult, never an exception.
import { performance } from "node:perf_hooks";
import { classifyError } from "./errors";
import { runnerFor } from "./registry";
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, type CheckResult, type CheckSpec } from "./schemas";
import { failResult, ms, type CheckRunner } from "./types";

export interface RunOptions {
  timeoutMs?: number;
  /** Aborts the probe early (shutdown); reported as a timeout. */
  signal?: AbortSignal;
}

export async function runCheck(spec: CheckSpec, opts: RunOptions = {}): Promise<CheckResult> {
  const timeoutMs = Math.min(Math.max(1, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS), MAX_TIMEOUT_MS);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onOuterAbort = () => controller.abort();
  opts.signal?.addEventListener("abort", onOuterAbort, { once: true });
  const start = performance.now();
  try {
    // The union of runners and targets is correlated by `type`; TypeScript cannot see that.
    const runner = runnerFor(spec.type) as CheckRunner<typeof spec.type> as { check(t: typeof spec.target, s: AbortSignal): Promise<CheckResult> };
    return await runner.check(spec.target, controller.signal);
  } catch (err) {
    const e = classifyError(err, controller.signal.aborted);
    const message = e.errorClass === "timeout" ? `no answer within ${timeoutMs} ms` : e.message;
    return failResult(e.errorClass, message.slice(0, 500), { latencyMs: e.errorClass === "timeout" ? null : ms(performance.now() - start) });
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onOuterAbort);
  }
}

export function describeCheck(spec: CheckSpec): string {
  const runner = runnerFor(spec.type) as { describe(t: typeof spec.target): string };
  return runner.describe(spec.target);
}
