// Durations the bed's scenarios measure ("apply" → "both sides green" and the like): printed as
// one JSON line each on stdout and merged into .tmp/testbed-timings.json for the lead to quote.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Measured durations, printed as JSON lines and merged into .tmp/testbed-timings.json. */
export const timings = {
  file: join(process.cwd(), ".tmp", "testbed-timings.json"),
  start(): () => number {
    const t0 = performance.now();
    return () => Math.round(performance.now() - t0);
  },
  record(name: string, ms: number, extra: Record<string, unknown> = {}): void {
    const entry = { testbed: name, ms, at: new Date().toISOString(), ...extra };
    process.stdout.write(`${JSON.stringify(entry)}\n`);
    mkdirSync(join(process.cwd(), ".tmp"), { recursive: true });
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(readFileSync(timings.file, "utf8")) as Record<string, unknown>;
    } catch {
      // First measurement.
    }
    all[name] = entry;
    writeFileSync(timings.file, `${JSON.stringify(all, null, 2)}\n`);
  },
};
