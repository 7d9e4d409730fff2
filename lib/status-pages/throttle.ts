// Per-address rate limit of the public status pages (HTML and JSON): a token bucket of
// PUBLIC_BURST requests refilled at one per PUBLIC_REFILL_MS, in memory, bounded in addresses.
export const PUBLIC_BURST = 60;
export const PUBLIC_REFILL_MS = 500;
export const MAX_TRACKED = 10_000;

type GlobalWithBuckets = typeof globalThis & { __homeportStatusBuckets?: Map<string, { tokens: number; at: number }> };

function buckets(): Map<string, { tokens: number; at: number }> {
  const g = globalThis as GlobalWithBuckets;
  g.__homeportStatusBuckets ??= new Map();
  return g.__homeportStatusBuckets;
}

/** Spends one request of `ip`; returns the milliseconds to wait when none is left (0 = allowed). */
export function takePublicRequest(ip: string | null, now: number = Date.now()): number {
  const map = buckets();
  const key = ip ?? "unknown";
  const b = map.get(key);
  const tokens = b ? Math.min(PUBLIC_BURST, b.tokens + (now - b.at) / PUBLIC_REFILL_MS) : PUBLIC_BURST;
  if (tokens < 1) return Math.ceil((1 - tokens) * PUBLIC_REFILL_MS);
  map.delete(key);
  map.set(key, { tokens: tokens - 1, at: now });
  if (map.size > MAX_TRACKED) map.delete(map.keys().next().value!);
  return 0;
}
