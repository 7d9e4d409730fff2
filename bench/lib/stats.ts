// Small statistics and rounding helpers shared by the benchmarks.

/** The p-th percentile (nearest rank) of xs; NaN when xs is empty. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

export const median = (xs: number[]): number => percentile(xs, 50);
export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
export const progress = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);
