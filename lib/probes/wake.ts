// A process-wide hook so API handlers (loaded in Next's bundles) can wake the scheduler that
// server.ts started, without importing it: both share globalThis.
type GlobalWithProbes = typeof globalThis & { __homeportProbesChanged?: () => void };

export function onChecksChanged(fn: (() => void) | undefined): void {
  (globalThis as GlobalWithProbes).__homeportProbesChanged = fn;
}

export function checksChanged(): void {
  (globalThis as GlobalWithProbes).__homeportProbesChanged?.();
}
