// Reads the scale bench's last run (`<data dir>/capacity/last-run.json`) for Settings → Capacity:
// parsed with the run schema; a missing file or a damaged one is a DomainError naming the file and
// what to do, never a 500.
import { readFile, stat } from "node:fs/promises";
import { DomainError } from "@/lib/errors";
import { CapacityRunSchema, type CapacityRun } from "./run-schema";
import { capacityRunPath } from "./data-dir";

/** A run file larger than this is not one the bench wrote (a few hundred steps are a few hundred KiB). */
export const MAX_RUN_FILE_BYTES = 4 * 1024 * 1024;
export const BENCH_COMMAND = "npm run bench:scale";

const errno = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code;

/** The last run, or null when the bench has not written one here yet. Throws `invalid` for a damaged file. */
export async function readCapacityRun(path = capacityRunPath()): Promise<CapacityRun | null> {
  let text: string;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new DomainError("invalid", `${path} is not a file; run \`${BENCH_COMMAND}\` to write a new run`);
    if (st.size > MAX_RUN_FILE_BYTES) throw new DomainError("invalid", `${path} is ${st.size} bytes, more than a scale run writes (${MAX_RUN_FILE_BYTES}); run \`${BENCH_COMMAND}\` again`);
    text = await readFile(path, "utf8");
  } catch (err) {
    if (errno(err) === "ENOENT") return null;
    if (err instanceof DomainError) throw err;
    throw new DomainError("invalid", `${path} cannot be read (${errno(err) ?? "error"})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DomainError("invalid", `${path} is not valid JSON; run \`${BENCH_COMMAND}\` again to replace it`);
  }
  const parsed = CapacityRunSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? first.path.join(".") : "the file";
    throw new DomainError("invalid", `${path} is not a scale run this version reads (${where}: ${first?.message ?? "invalid"}); run \`${BENCH_COMMAND}\` again`, {
      issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  return parsed.data;
}

/** The last run, or a `not_found` saying how to produce one. */
export async function getCapacityRunOrThrow(path = capacityRunPath()): Promise<CapacityRun> {
  const run = await readCapacityRun(path);
  if (!run) throw new DomainError("not_found", `No scale run yet (${path} does not exist): run \`${BENCH_COMMAND}\` to measure what this machine carries`);
  return run;
}
