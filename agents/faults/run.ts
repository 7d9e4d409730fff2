// Runs a host tool (nft, tc, nsenter) for a game-day fault: argv only (no shell), a time limit, and its output in words.
import { spawn } from "node:child_process";

/** A host tool that does not answer in this long is stopped and counted as failed. */
export const TOOL_TIMEOUT_MS = 10_000;
const MAX_OUTPUT = 8_000;

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The error text when the command could not be started at all (ENOENT: not installed). */
  spawnError?: string;
}

/** Runs argv[0] with the rest as arguments; `input` is written to its stdin. Never throws. */
export function runTool(argv: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<ToolResult> {
  return new Promise((resolve) => {
    const [cmd, ...args] = argv;
    if (!cmd) return resolve({ code: null, stdout: "", stderr: "", spawnError: "no command" });
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let done = false;
    const finish = (r: ToolResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish({ code: null, stdout, stderr: `${stderr}\n${cmd} did not finish within ${opts.timeoutMs ?? TOOL_TIMEOUT_MS} ms`.trim() });
    }, opts.timeoutMs ?? TOOL_TIMEOUT_MS);
    child.stdout.on("data", (b: Buffer) => (stdout = (stdout + b.toString("utf8")).slice(-MAX_OUTPUT)));
    child.stderr.on("data", (b: Buffer) => (stderr = (stderr + b.toString("utf8")).slice(-MAX_OUTPUT)));
    child.on("error", (err: NodeJS.ErrnoException) => finish({ code: null, stdout, stderr, spawnError: err.code === "ENOENT" ? `${cmd} is not installed` : err.message }));
    child.on("close", (code) => finish({ code, stdout, stderr }));
    child.stdin.on("error", () => undefined);
    child.stdin.end(opts.input ?? "");
  });
}

/** The first meaningful line of a failed tool's output, for an error message. */
export function toolError(argv: string[], r: ToolResult): string {
  if (r.spawnError) return r.spawnError;
  const line = (r.stderr || r.stdout).split("\n").map((l) => l.trim()).find((l) => l.length > 0);
  return `${argv.slice(0, 3).join(" ")} failed${r.code !== null ? ` (exit ${r.code})` : ""}${line ? `: ${line}` : ""}`.slice(0, 1000);
}
