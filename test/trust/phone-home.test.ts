// Zero phone-home: the README's run command (build, start, local agent) and the idle server it
// leaves running, inside a network namespace that has only loopback, traced with strace. Every
// connect/sendto/sendmsg to an address that is not loopback would be an attempt to call out
// (Prisma's update check, Next's telemetry, npm's update notice, a forgotten CDN): there must be
// none. The repository is copied with hard links so the build writes nothing into the checkout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const REPO = resolve(".");
const NS = `hp-nophone-${process.pid}`;
const WORK = join(REPO, ".tmp", `phone-home-${process.pid}`);
const COPY = join(WORK, "repo");
const TRACE = join(WORK, "trace.log");
/** Left out of the copy: build output, data, scratch space and history. */
const SKIP = new Set([".next", ".tmp", "data", ".git", "test-results", "playwright-report"]);
/** How long the server is left idle (with its local agent connected) while traced. */
const IDLE_MS = 20_000;
const START_TIMEOUT_MS = 360_000;

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: "pipe" }).toString();

function cleanupStale(): void {
  for (const ns of sh("ip", ["netns", "list"]).split("\n").map((l) => l.split(" ")[0]!)) {
    if (ns.startsWith("hp-nophone-")) {
      try {
        sh("ip", ["netns", "delete", ns]);
      } catch {
        // already gone
      }
    }
  }
  mkdirSync(join(REPO, ".tmp"), { recursive: true });
  for (const d of readdirSync(join(REPO, ".tmp"))) if (d.startsWith("phone-home-")) rmSync(join(REPO, ".tmp", d), { recursive: true, force: true });
}

/** Hard-linked copy of the checkout (same file system: it lives under the checkout's .tmp). */
function copyRepo(): void {
  mkdirSync(COPY, { recursive: true });
  for (const entry of readdirSync(REPO)) {
    if (SKIP.has(entry)) continue;
    execFileSync("cp", ["-al", join(REPO, entry), join(COPY, entry)]);
  }
  // The dependencies are installed (this suite runs after the installer): say so in the copy with a
  // file of its own, never through the hard link into the checkout.
  const stamp = join(COPY, "node_modules", ".homeport-lock-hash");
  rmSync(stamp, { force: true });
  writeFileSync(stamp, createHash("sha256").update(readFileSync(join(REPO, "package-lock.json"))).digest("hex") + "\n");
}

interface Attempt {
  line: string;
  address: string;
}

/** Connection attempts in an strace log to addresses other than loopback. */
function outboundAttempts(trace: string): Attempt[] {
  const out: Attempt[] = [];
  for (const line of trace.split("\n")) {
    if (!/sa_family=AF_INET6?\b/.test(line)) continue;
    const v4 = /inet_addr\("([^"]+)"\)/.exec(line)?.[1];
    const v6 = /inet_pton\(AF_INET6, "([^"]+)"/.exec(line)?.[1];
    const address = v4 ?? v6 ?? "?";
    const loopback = address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");
    if (!loopback) out.push({ line: line.slice(0, 300), address });
  }
  return out;
}

let server: ChildProcess | undefined;
let output = "";

beforeAll(() => {
  try {
    cleanupStale();
  } catch {
    // nothing stale
  }
  sh("ip", ["netns", "add", NS]);
  sh("ip", ["netns", "exec", NS, "ip", "link", "set", "lo", "up"]);
  copyRepo();
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 500));
  }
  try {
    sh("ip", ["netns", "delete", NS]);
  } catch {
    // already gone
  }
  rmSync(WORK, { recursive: true, force: true });
}, 60_000);

describe("zero phone-home", () => {
  it("the run command builds, starts, runs its local agent and idles without one outbound connection attempt", async () => {
    const dataDir = join(WORK, "data");
    mkdirSync(dataDir, { recursive: true });
    // Nothing in the environment may quietly do the work: the scripts and the server must.
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", PORT: "3999", HOST: "127.0.0.1", HOMEPORT_DATA_DIR: dataDir } as unknown as NodeJS.ProcessEnv;
    server = spawn(
      "ip",
      ["netns", "exec", NS, "strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect,sendto,sendmsg", "-o", TRACE, "bash", "scripts/run.sh"],
      { cwd: COPY, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<number | null>((r) => server!.once("exit", (code) => r(code)));
    const seen = (re: RegExp) =>
      new Promise<void>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`timed out waiting for ${re}; output:\n${output.slice(-4000)}`)), START_TIMEOUT_MS);
        const check = () => {
          if (re.test(output)) {
            clearTimeout(timer);
            res();
          }
        };
        const onData = (b: Buffer) => {
          output += b.toString("utf8");
          check();
        };
        server!.stdout!.on("data", onData);
        server!.stderr!.on("data", onData);
        void exited.then((code) => {
          clearTimeout(timer);
          rej(new Error(`the run command exited (${code}) early; output:\n${output.slice(-4000)}`));
        });
        check();
      });
    await seen(/"msg":"Homeport is listening"/);
    await seen(/"msg":"agent connected"/);
    await new Promise((r) => setTimeout(r, IDLE_MS));

    // run.sh execs the server; stop it (and with it the local agent) cleanly, then read the trace.
    const pid = sh("ip", ["netns", "pids", NS]).split("\n").map(Number).find((p) => p > 0 && /server\.ts/.test(readFileSync(`/proc/${p}/cmdline`, "utf8").replace(/\0/g, " ")));
    expect(pid, "the server process in the namespace").toBeDefined();
    process.kill(pid!, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);

    const trace = readFileSync(TRACE, "utf8");
    // The trace saw the system at work (the agent dialling the dashboard on loopback)…
    expect(trace).toMatch(/connect\(\d+, \{sa_family=AF_INET, sin_port=htons\(3999\), sin_addr=inet_addr\("127\.0\.0\.1"\)/);
    // …and nothing else.
    const attempts = outboundAttempts(trace);
    expect(attempts, attempts.map((a) => a.line).join("\n")).toEqual([]);
  }, START_TIMEOUT_MS + 120_000);
});
