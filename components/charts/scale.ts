// Scales and units for the charts: "nice" axis tops with floors (3 ms of jitter or 0.3 MiB of noise
// is not drawn as a cliff), human byte units ("23.5 GiB", never "24105.3 MiB"), milliseconds,
// percentages and counted nouns ("1 sample").

/** The latency axis reaches at least this high, so a few ms of jitter stays a ripple. */
export const LATENCY_MIN_TOP_MS = 10;
/** The memory axis spans at least this much from 0. */
export const MEMORY_MIN_TOP_BYTES = 16 * 1024 * 1024;
/** Head room above the highest value, as a share of it. */
const HEADROOM = 0.15;

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above v (v > 0); 0 for v <= 0. */
export function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 0;
  const exp = Math.floor(Math.log10(v));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) {
    const c = m * base;
    if (c >= v * (1 - 1e-12)) return Number(c.toPrecision(12));
  }
  return 10 * base;
}

/** Same as niceCeil, in powers of two times 1, 1.5 (for bytes: 16 MiB, 24 MiB, 32 MiB…). */
export function niceCeilBytes(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 0;
  let p = 1;
  while (p < v) p *= 2;
  return p * 0.75 >= v ? p * 0.75 : p;
}

const finite = (values: readonly (number | null | undefined)[]) => values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));

/** Latency axis: from 0 to a nice top above the highest value, at least LATENCY_MIN_TOP_MS. */
export function latencyDomain(values: readonly (number | null | undefined)[]): [number, number] {
  const max = Math.max(0, ...finite(values));
  return [0, Math.max(LATENCY_MIN_TOP_MS, niceCeil(max * (1 + HEADROOM)))];
}

/** Memory axis: from 0 to a nice top above the highest value, at least MEMORY_MIN_TOP_BYTES. */
export function memoryDomain(values: readonly (number | null | undefined)[]): [number, number] {
  const max = Math.max(0, ...finite(values));
  return [0, Math.max(MEMORY_MIN_TOP_BYTES, niceCeilBytes(max * (1 + HEADROOM)))];
}

/** CPU axis: 0-100 % (of a core or of the limit), higher only when a sample is (several cores). */
export function cpuDomain(values: readonly (number | null | undefined)[]): [number, number] {
  const max = Math.max(0, ...finite(values));
  return [0, max <= 100 ? 100 : niceCeil(max)];
}

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

/** Bytes in the largest binary unit that keeps the number at or above 1: "23.5 GiB", "512 MiB", "0 B". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return "0 B";
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < BYTE_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 100 ? 0 : 1;
  return `${v.toFixed(digits).replace(/\.0$/, "")} ${BYTE_UNITS[u]}`;
}

/** A latency: "<1 ms", "23 ms", "1.25 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "—";
  if (ms < 1) return "<1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2).replace(/0$/, "")} s`;
}

/** A percentage with up to two decimals, trailing zeros dropped ("99.95 %", "100 %"); "—" without data. */
export function formatPercent(p: number | null | undefined, space = true): string {
  if (p == null || !Number.isFinite(p)) return "—";
  const s = p >= 99.995 && p < 100 ? "99.99" : p.toFixed(2).replace(/\.?0+$/, "");
  return `${s}${space ? " " : ""}%`;
}

/** "1 sample", "2 samples", "0 samples". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
