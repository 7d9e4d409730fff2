// Runs a DNS tool (nsupdate, dig) with an argument array and optional stdin, never through a
// shell; resolves with its output and exit status instead of throwing on a non-zero exit.
import { execFile } from "node:child_process";

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Killed after `timeoutMs`. */
  timedOut: boolean;
}

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export function runTool(file: string, args: string[], opts: { input?: string; timeoutMs: number; signal?: AbortSignal }): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { timeout: opts.timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, signal: opts.signal, encoding: "utf8" }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string }) | null;
      if (e && e.code === "ENOENT") return reject(new Error(`${file} is not installed (run scripts/ensure-dns-servers.sh)`));
      if (e && e.name === "AbortError") return reject(e);
      resolve({ code: e ? (typeof e.code === "number" ? e.code : 1) : 0, stdout, stderr, timedOut: Boolean(e?.killed && e.signal === "SIGTERM") });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
