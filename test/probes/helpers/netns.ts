// Network namespaces for the vantage-point tests, made and removed by the test itself:
//   tgt  — runs the target HTTP server on 192.0.2.1
//   lan  — veth to tgt (192.0.2.0/24): can reach the target
//   rem  — veth to tgt on 198.51.100.0/24 only, no route to 192.0.2.0/24: cannot
// Only documentation ranges are used, and nothing is attached to the root namespace.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Namespaces {
  lan: string;
  remote: string;
  target: string;
  targetIp: string;
  /** Runs a command in a namespace with `stdin`, returning stdout. */
  exec(ns: string, argv: string[], stdin: string, timeoutMs?: number): Promise<string>;
  /** Starts a long-running process in a namespace; it is killed by cleanup(). */
  start(ns: string, argv: string[], readyLine: string): Promise<ChildProcess>;
  cleanup(): void;
}

export async function netnsAvailable(): Promise<boolean> {
  try {
    await run("ip", ["netns", "list"]);
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

export async function createNamespaces(): Promise<Namespaces> {
  const tag = `${process.pid % 100000}`;
  const target = `hpt-tgt-${tag}`;
  const lan = `hpt-lan-${tag}`;
  const remote = `hpt-rem-${tag}`;
  const children: ChildProcess[] = [];
  const cleanup = () => {
    for (const c of children) if (c.exitCode === null && c.pid) c.kill("SIGKILL");
    for (const ns of [target, lan, remote]) {
      try {
        execFileSync("ip", ["netns", "del", ns], { stdio: "ignore" });
      } catch {
        // Not created (or already gone): nothing to remove.
      }
    }
  };
  process.once("exit", cleanup);
  cleanup(); // leftovers of a crashed run with the same pid tag
  const ip = (...args: string[]) => run("ip", args);
  try {
    for (const ns of [target, lan, remote]) {
      await ip("netns", "add", ns);
      await ip("-n", ns, "link", "set", "lo", "up");
    }
    // Interfaces are created inside the target namespace, then one end moves out.
    await ip("-n", target, "link", "add", "tl0", "type", "veth", "peer", "name", "lt0");
    await ip("-n", target, "link", "set", "lt0", "netns", lan);
    await ip("-n", target, "link", "add", "tr0", "type", "veth", "peer", "name", "rt0");
    await ip("-n", target, "link", "set", "rt0", "netns", remote);
    await ip("-n", target, "addr", "add", "192.0.2.1/24", "dev", "tl0");
    await ip("-n", target, "addr", "add", "198.51.100.1/24", "dev", "tr0");
    await ip("-n", lan, "addr", "add", "192.0.2.2/24", "dev", "lt0");
    await ip("-n", remote, "addr", "add", "198.51.100.2/24", "dev", "rt0");
    for (const [ns, dev] of [[target, "tl0"], [target, "tr0"], [lan, "lt0"], [remote, "rt0"]] as const) await ip("-n", ns, "link", "set", dev, "up");
  } catch (err) {
    cleanup();
    throw err;
  }

  return {
    lan,
    remote,
    target,
    targetIp: "192.0.2.1",
    cleanup,
    exec: (ns, argv, stdin, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const child = spawn("ip", ["netns", "exec", ns, ...argv], { stdio: ["pipe", "pipe", "pipe"] });
        let out = "";
        let err = "";
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.stdout.on("data", (c: Buffer) => (out += c.toString()));
        child.stderr.on("data", (c: Buffer) => (err += c.toString()));
        child.on("close", (code) => {
          clearTimeout(timer);
          if (code === 0) resolve(out);
          else reject(new Error(`${argv.join(" ")} in ${ns} exited ${code}: ${err.slice(0, 500)}`));
        });
        child.stdin.end(stdin);
      }),
    start: (ns, argv, readyLine) =>
      new Promise((resolve, reject) => {
        const child = spawn("ip", ["netns", "exec", ns, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
        children.push(child);
        const timer = setTimeout(() => reject(new Error(`${argv[0]} in ${ns} did not become ready`)), 20_000);
        child.stdout.on("data", (c: Buffer) => {
          if (c.toString().includes(readyLine)) {
            clearTimeout(timer);
            resolve(child);
          }
        });
        child.once("exit", (code) => reject(new Error(`${argv[0]} in ${ns} exited early (${code})`)));
      }),
  };
}
