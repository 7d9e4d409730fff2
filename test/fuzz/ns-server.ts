// Runs the real Homeport server (production build, `node --import tsx server.ts`) inside a network
// namespace and collects its structured log lines. `ip netns exec` execs, so the child is the server.
import { spawn, type ChildProcess } from "node:child_process";
import { inNamespace } from "./netns";
import type { LogLine } from "../helpers/server-process";

const STARTUP_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

export class NamespacedServer {
  readonly logs: LogLine[] = [];
  output = "";
  private readonly child: ChildProcess;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly url: string, ns: string, appDir: string, env: NodeJS.ProcessEnv) {
    const [cmd, ...prefix] = inNamespace(ns);
    this.child = spawn(cmd!, [...prefix, process.execPath, "--import", "tsx", "server.ts"], { cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"] });
    let pending = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      this.output += text;
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const raw of lines) {
        try {
          this.logs.push(JSON.parse(raw) as LogLine);
        } catch {
          this.logs.push({ msg: raw });
        }
      }
    };
    this.child.stdout?.on("data", onData);
    this.child.stderr?.on("data", onData);
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  static async start(opts: { ns: string; appDir: string; dataDir: string; port: number }): Promise<NamespacedServer> {
    const env: NodeJS.ProcessEnv = {
      ...process.env, PORT: String(opts.port), HOST: "127.0.0.1", HOMEPORT_DATA_DIR: opts.dataDir, NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1",
    };
    for (const k of ["DATABASE_URL", "HOMEPORT_LOG_SILENT", "HOMEPORT_LOG_LEVEL", "HOMEPORT_LOCAL_AGENT", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) delete env[k];
    const server = new NamespacedServer(`http://127.0.0.1:${opts.port}`, opts.ns, opts.appDir, env);
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (!server.logs.some((l) => l.msg === "Homeport is listening")) {
      if (!server.alive()) throw new Error(`server exited before listening; output:\n${server.output}`);
      if (Date.now() > deadline) throw new Error(`server did not listen within ${STARTUP_TIMEOUT_MS} ms; output:\n${server.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return server;
  }

  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<number | null> {
    if (!this.alive()) return this.child.exitCode;
    this.child.kill("SIGTERM");
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`server did not stop within ${STOP_TIMEOUT_MS} ms`)), STOP_TIMEOUT_MS).unref());
    return (await Promise.race([this.exited, timeout])).code;
  }

  kill(): void {
    if (this.alive()) this.child.kill("SIGKILL");
  }
}
