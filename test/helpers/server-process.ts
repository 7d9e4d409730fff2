// Runs the real Homeport server (`tsx server.ts`, production Next build) as a child process on a
// free port, and waits for its structured log lines.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface LogLine {
  level?: string;
  module?: string;
  msg?: string;
  [field: string]: unknown;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/** Fails with a clear message when the production build the server needs is missing. */
export function assertNextBuild(cwd = process.cwd()): void {
  if (!existsSync(join(cwd, ".next", "BUILD_ID"))) {
    throw new Error("The restart test needs the production Next build: .next/BUILD_ID is missing. Run `npm run build` before `npx vitest run`.");
  }
}

export class ServerProcess {
  readonly logs: LogLine[] = [];
  /** Raw output, for failure messages. */
  output = "";
  private readonly child: ChildProcess;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: { test: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];

  private constructor(readonly url: string, env: NodeJS.ProcessEnv) {
    // node itself (as run.sh starts it), not the tsx wrapper: a signal must reach the server, and
    // SIGKILL must leave no orphan behind.
    this.child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
    let pending = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      this.output += text;
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const raw of lines) this.onLine(raw);
    };
    this.child.stdout?.on("data", onData);
    this.child.stderr?.on("data", onData);
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  private onLine(raw: string): void {
    let line: LogLine;
    try {
      line = JSON.parse(raw) as LogLine;
    } catch {
      line = { msg: raw };
    }
    this.logs.push(line);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(line)) return true;
      w.resolve(line);
      return false;
    });
  }

  /**
   * Starts the server with a data dir and waits for its "listening" log line. `port` keeps the same
   * address across restarts (agents reconnect to it); `env` adds variables.
   */
  static async start(dataDir: string, opts: { port?: number; env?: Record<string, string> } = {}): Promise<ServerProcess> {
    const port = opts.port ?? (await freePort());
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", HOMEPORT_DATA_DIR: dataDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...opts.env };
    delete env.DATABASE_URL;
    delete env.HOMEPORT_LOG_SILENT;
    delete env.HOMEPORT_LOG_LEVEL;
    const server = new ServerProcess(`http://127.0.0.1:${port}`, env);
    await server.waitForLog((l) => l.msg === "Homeport is listening", STARTUP_TIMEOUT_MS);
    return server;
  }

  waitForLog(test: (l: LogLine) => boolean, timeoutMs: number): Promise<LogLine> {
    const seen = this.logs.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for a log line; output so far:\n${this.output}`)), timeoutMs);
      this.waiters.push({ test, resolve: (l) => { clearTimeout(timer); resolve(l); } });
      void this.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited (code ${code}, signal ${signal}) before the expected log line; output:\n${this.output}`));
      });
    });
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, init);
  }

  /** Sends SIGTERM and resolves with the exit code (rejects if it does not stop in time). */
  async stop(): Promise<number | null> {
    this.child.kill("SIGTERM");
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`server did not stop within ${STOP_TIMEOUT_MS} ms`)), STOP_TIMEOUT_MS).unref());
    const { code } = await Promise.race([this.exited, timeout]);
    return code;
  }

  /** Last resort for afterAll: kills this child if it is still running. */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }

  /** kill -9, as a power cut would; resolves once the process is gone. */
  async killHard(): Promise<void> {
    this.kill();
    await this.exited;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }
}
