// A process-wide hook so API handlers (loaded in Next's bundles) can wake the scheduler that
// server.ts started, without importing it: both share globalThis.
type GlobalWithProbes = typeof globalThis & { __homeportProbesChanged?: () => void; __homeportProbesListeners?: Set<() => void> };

export function onChecksChanged(fn: (() => void) | undefined): void {
  (globalThis as GlobalWithProbes).__homeportProbesChanged = fn;
}

export function checksChanged(): void {
  (globalThis as GlobalWithProbes).__homeportProbesChanged?.();
  for (const fn of (globalThis as GlobalWithProbes).__homeportProbesListeners ?? []) fn();
}

/**
 * Another listener besides the control plane's own hook (the agent hub re-pushes schedules).
 * Returns the function that removes it.
 */
export function addChecksListener(fn: () => void): () => void {
  const g = globalThis as GlobalWithProbes;
  const set = (g.__homeportProbesListeners ??= new Set());
  set.add(fn);
  return () => set.delete(fn);
}
