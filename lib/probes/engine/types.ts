// The contract every check type implements (one object per type, registered in registry.ts).
import type { CheckResult, CheckType, TargetByType, Timing } from "./schemas";

export interface CheckCapabilities {
  /** Reports certificate expiry and issuer. */
  tls: boolean;
  /** Reports the HTTP status and can follow redirects. */
  http: boolean;
  /** Timing phases this type measures (others stay null). */
  phases: (keyof Timing)[];
}

export interface CheckRunner<T extends CheckType = CheckType> {
  readonly type: T;
  readonly capabilities: CheckCapabilities;
  /** A one-line human description of the target ("GET https://app.home.example/"). */
  describe(target: TargetByType[T]): string;
  /**
   * Probes the target once. Resolves with a result for every outcome the target causes
   * (down, refused, wrong status…); throws a ProbeError for failures, which runCheck turns into a
   * result. Must stop and reject promptly when `signal` aborts (the timeout), and must not
   * connect to a refused address, even after a redirect.
   */
  check(target: TargetByType[T], signal: AbortSignal): Promise<CheckResult>;
}

export const EMPTY_TIMING: Timing = { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null };

/** Rounds to 0.1 ms for storage and display. */
export const ms = (v: number | null | undefined): number | null => (v == null ? null : Math.round(v * 10) / 10);

export function okResult(partial: Partial<CheckResult> & { latencyMs: number }): CheckResult {
  return { ok: true, errorClass: null, message: null, timing: EMPTY_TIMING, statusCode: null, tls: null, answers: null, fingerprint: null, ...partial };
}

export function failResult(errorClass: NonNullable<CheckResult["errorClass"]>, message: string, partial: Partial<CheckResult> = {}): CheckResult {
  return { errorClass, message, latencyMs: null, timing: EMPTY_TIMING, statusCode: null, tls: null, answers: null, fingerprint: null, ...partial, ok: false };
}
