// Retry delays of the DNS reconciler: exponential from RETRY_BASE_MS, capped, with jitter, and
// never sooner than a provider's Retry-After.
export const RETRY_BASE_MS = 5_000;
export const RETRY_MAX_MS = 15 * 60_000;
const JITTER = 0.2;

/** Delay before retry number `failures` (1 = first retry). `random` is injectable for tests. */
export function retryDelayMs(failures: number, retryAfterS?: number, random: () => number = Math.random): number {
  const exp = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
  const jittered = Math.round(exp * (1 - JITTER + 2 * JITTER * random()));
  return Math.min(RETRY_MAX_MS, Math.max(jittered, (retryAfterS ?? 0) * 1000));
}
