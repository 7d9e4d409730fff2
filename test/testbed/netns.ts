// Network-namespace plumbing for the routes test bed: run commands and long-lived processes inside
// a namespace, one bed at a time per machine (the root-side addresses are fixed), and removal of
// what a crashed earlier run left behind (namespaces, root-side veths, /etc/netns files, processes).
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Everything a bed creates is named with this prefix (namespaces, root-side interfaces, containers). */
export const BED_PREFIX = "hpbed";
/** Root-side interface names: `hpbl<suffix>` (to lan), `hpbm<suffix>` (management link to remote). */
export const ROOT_IF_PREFIXES = ["hpbl", "hpbm"] as const;
const LOCK_DIR = "/run/homeport-testbed";
const LOCK_FILE = `${LOCK_DIR}/bed.lock`;
const LOCK_POLL_MS = 500;
export const LOCK_WAIT_MS = 600_000;
const EXEC_TIMEOUT_MS = 30_000;
const LOG_KEEP_CHARS = 40_000;

export class BedUnavailableError extends Error {}

/** Fails (never skips) when the machine cannot host the bed: the bed needs root and `ip netns`. */
export async function assertNetnsAvailable(): Promise<void> {
  if (process.getuid?.() !== 0) throw new BedUnavailableError("the routes test bed needs root (network namespaces and veth pairs); CI runs as root");
  try {
    await run("ip", ["netns", "list"]);
  } catch (err) {
    throw new BedUnavailableError(`\`ip netns\` is not usable here (install iproute2; scripts/test.sh does): ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function ip(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run("ip", args, { timeout: EXEC_TIMEOUT_MS });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`ip ${args.join(" ")}: ${e.stderr?.trim() || e.message}`);
  }
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `argv` inside namespace `ns` (or in the root namespace when `ns` is null) and collects its output. */
export function execIn(ns: string | null, argv: string[], opts: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ExecResult> {
  const [cmd, args] = ns ? ["ip", ["netns", "exec", ns, ...argv]] : [argv[0]!, argv.slice(1)];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"], env: opts.env ?? process.env });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? EXEC_TIMEOUT_MS);
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (child.stdin) {
      // A program that exits without reading its input must not crash the test with EPIPE.
      child.stdin.on("error", () => undefined);
      child.stdin.end(opts.input);
    }
  });
}

/** A long-running process of the bed, with its output kept for failure messages. */
export interface BedProcess {
  name: string;
  child: ChildProcess;
  log(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;

export function spawnIn(name: string, ns: string, argv: string[], env: NodeJS.ProcessEnv = process.env): BedProcess {
  const child = spawn("ip", ["netns", "exec", ns, ...argv], { stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString("utf8")).slice(-LOG_KEEP_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.once("error", (err) => keep(Buffer.from(`\n[spawn error] ${err.message}\n`)));
  return wrapProcess(name, child, () => out);
}

export function wrapProcess(name: string, child: ChildProcess, log: () => string): BedProcess {
  return {
    name,
    child,
    log,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await gone;
      clearTimeout(timer);
    },
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the machine-wide bed lock (the root namespace's 192.0.2.1 and 203.0.113.1 allow one bed
 * at a time), waiting for a live holder; a dead holder's lock is taken over. Then removes every
 * leftover of earlier beds, which can only be stale since this process holds the lock.
 */
export async function acquireBedLock(waitMs = LOCK_WAIT_MS): Promise<() => void> {
  mkdirSync(LOCK_DIR, { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(LOCK_FILE, "wx");
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSync(LOCK_FILE, "utf8").trim());
      if (!Number.isInteger(holder) || holder <= 0 || !pidAlive(holder)) {
        rmSync(LOCK_FILE, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another test bed (pid ${holder}) has held ${LOCK_FILE} for over ${waitMs} ms`);
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
  removeStaleBeds();
  return () => {
    try {
      if (readFileSync(LOCK_FILE, "utf8").trim() === String(process.pid)) unlinkSync(LOCK_FILE);
    } catch {
      // Already gone.
    }
  };
}

/** Kills the processes in every `hpbed-*` namespace, deletes the namespaces, their root-side veths and /etc/netns dirs. */
export function removeStaleBeds(only?: string[]): void {
  let names: string[] = [];
  try {
    names = execFileSync("ip", ["netns", "list"], { encoding: "utf8" }).split("\n").map((l) => l.split(" ")[0] ?? "").filter((n) => n.startsWith(`${BED_PREFIX}-`));
  } catch {
    // `ip netns list` fails only when iproute2 is missing; assertNetnsAvailable reports that.
  }
  if (only) names = names.filter((n) => only.includes(n));
  for (const ns of names) {
    let pids: number[] = [];
    try {
      pids = execFileSync("ip", ["netns", "pids", ns], { encoding: "utf8" }).split("\n").map(Number).filter((p) => p > 0);
    } catch {
      // Namespace already gone.
    }
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Exited meanwhile.
      }
    }
    try {
      execFileSync("ip", ["netns", "del", ns], { stdio: "ignore" });
    } catch {
      // Already gone.
    }
    rmSync(`/etc/netns/${ns}`, { recursive: true, force: true });
  }
  if (only) return;
  // Root-side ends whose peer namespace vanished are removed with it; this catches the rest.
  let links = "";
  try {
    links = execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" });
  } catch {
    return;
  }
  for (const m of links.matchAll(/^\d+: ([^:@\s]+)/gm)) {
    const dev = m[1]!;
    if (ROOT_IF_PREFIXES.some((p) => dev.startsWith(p)) && dev.length <= 15) {
      try {
        execFileSync("ip", ["link", "del", dev], { stdio: "ignore" });
      } catch {
        // Gone with its peer.
      }
    }
  }
  for (const dir of existsSync("/etc/netns") ? readdirSync("/etc/netns") : []) {
    if (dir.startsWith(`${BED_PREFIX}-`)) rmSync(`/etc/netns/${dir}`, { recursive: true, force: true });
  }
}

/** Makes `ns` resolve names only through `nameserver` (ip netns exec bind-mounts this over /etc/resolv.conf). */
export function writeNetnsResolvConf(ns: string, nameserver: string): void {
  mkdirSync(`/etc/netns/${ns}`, { recursive: true });
  writeFileSync(`/etc/netns/${ns}/resolv.conf`, `# homeport routes test bed: only the namespace's own DNS server\nnameserver ${nameserver}\noptions timeout:2 attempts:1\n`);
  // An empty hosts file too, so nothing is answered from the machine's /etc/hosts.
  writeFileSync(`/etc/netns/${ns}/hosts`, "127.0.0.1 localhost\n");
}

/** Refuses to lay out the bed over a subnet the root namespace already reaches (other than by its default route). */
export async function assertSubnetsFree(subnets: string[]): Promise<void> {
  const toInt = (a: string) => a.split(".").reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
  const range = (cidr: string): [number, number] => {
    const [addr, len] = cidr.split("/");
    const bits = Number(len ?? 32);
    const start = bits === 0 ? 0 : (toInt(addr!) & (~0 << (32 - bits))) >>> 0;
    return [start, start + 2 ** (32 - bits) - 1];
  };
  const used = (await ip("-4", "-o", "route", "show", "table", "all")).split("\n")
    .map((l) => l.trim().split(/\s+/))
    .map((w) => (w[0] === "local" || w[0] === "broadcast" || w[0] === "unreachable" ? w[1] : w[0]))
    .filter((d): d is string => !!d && /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(d));
  for (const s of subnets) {
    const [a0, a1] = range(s);
    const clash = used.find((u) => {
      const [b0, b1] = range(u);
      return a0 <= b1 && b0 <= a1;
    });
    if (clash) throw new Error(`the root namespace already routes ${clash}, which overlaps the test bed's ${s}; the bed refuses to shadow this machine's own network`);
  }
}
