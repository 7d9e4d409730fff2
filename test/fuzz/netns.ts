// A network namespace with only loopback up, for running the server under fuzz and its client: what
// a fuzzed body makes the server contact (Caddy admin URL, DNS servers, webhooks, upstreams) can only
// be loopback inside the namespace. Namespaces are named hp-fuzz-<pid>; stale ones are removed.
import { execFileSync } from "node:child_process";

export const NETNS_PREFIX = "hp-fuzz-";

const ip = (...args: string[]): string => execFileSync("ip", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function listNamespaces(): string[] {
  return ip("netns", "list").split("\n").map((l) => l.trim().split(/\s+/)[0] ?? "").filter(Boolean);
}

/** Deletes hp-fuzz-<pid> namespaces whose process is gone (left by a run that crashed). */
export function removeStaleNamespaces(): string[] {
  const removed: string[] = [];
  for (const name of listNamespaces()) {
    const m = new RegExp(`^${NETNS_PREFIX}(\\d+)$`).exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) {
      ip("netns", "delete", name);
      removed.push(name);
    }
  }
  return removed;
}

/** Creates this process's namespace with `lo` up and nothing else; returns its name. */
export function createLoopbackNamespace(): string {
  const name = `${NETNS_PREFIX}${process.pid}`;
  if (listNamespaces().includes(name)) ip("netns", "delete", name);
  ip("netns", "add", name);
  ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
  return name;
}

/** The interfaces of a namespace that are up (`lo` only, for ours). */
export function interfacesUp(name: string): string[] {
  return ip("-n", name, "-o", "link", "show", "up").split("\n").map((l) => /^\d+:\s*([^:@]+)/.exec(l)?.[1] ?? "").filter(Boolean);
}

export function deleteNamespace(name: string): void {
  if (listNamespaces().includes(name)) ip("netns", "delete", name);
}

/** argv prefix that runs a command inside the namespace. */
export const inNamespace = (name: string): string[] => ["ip", "netns", "exec", name];
