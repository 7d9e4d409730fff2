// Runs the real agent program (agents/main.ts) as a child process, as an operator would, and
// keeps its output for failure messages.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export interface AgentProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `netns`: run the agent inside that network namespace (`ip netns exec`, which execs in place). */
export function startAgent(args: string[], env: Record<string, string> = {}, opts: { netns?: string } = {}): AgentProcess {
  const nodeArgs = ["--import", "tsx", resolve("agents/main.ts"), ...args];
  const child = spawn(opts.netns ? "ip" : process.execPath, opts.netns ? ["netns", "exec", opts.netns, process.execPath, ...nodeArgs] : nodeArgs, {
    cwd: resolve("."),
    env: { ...process.env, HOMEPORT_LOG_SILENT: "0", HOMEPORT_LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return {
    child,
    output: () => out,
    exited,
    async kill(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
