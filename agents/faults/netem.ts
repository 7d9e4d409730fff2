// The "netem" fault (latency and loss on a container's network) and the test whether this kernel has sch_netem.
import type Docker from "dockerode";
import { AgentError, dockerStatus } from "../errors";
import { runTool, toolError } from "./run";

/** The kernel does not change under a running agent often; modules may be loaded, so look again after this. */
export const NETEM_PROBE_TTL_MS = 10 * 60_000;
/** The interface a container's first network has inside its namespace. */
export const CONTAINER_IFACE = "eth0";

export interface NetemSupport {
  ok: boolean;
  reason: string | null;
}

let cached: { at: number; support: NetemSupport } | null = null;

/** Adds a netem qdisc to loopback in a throwaway network namespace (unshare -n): the honest test. */
export async function netemSupport(now = Date.now()): Promise<NetemSupport> {
  if (cached && now - cached.at < NETEM_PROBE_TTL_MS) return cached.support;
  const argv = ["unshare", "-n", "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"];
  const r = await runTool(argv);
  let support: NetemSupport;
  if (r.code === 0) {
    // The fault itself enters the container's namespace with nsenter.
    const ns = await runTool(["nsenter", "--version"]);
    support = ns.code === 0 ? { ok: true, reason: null } : { ok: false, reason: "nsenter (util-linux) is not installed: latency and loss faults are unavailable" };
  }
  else if (/qdisc kind is unknown/i.test(r.stderr)) support = { ok: false, reason: "this kernel has no sch_netem (tc: \"Specified qdisc kind is unknown\"): latency and loss faults are unavailable" };
  else if (r.spawnError && /unshare/.test(r.spawnError)) support = { ok: false, reason: "unshare (util-linux) is not installed, so netem could not be tested" };
  else if (/tc.*(No such file|not found)/i.test(r.stderr)) support = { ok: false, reason: "tc (iproute2) is not installed: latency and loss faults are unavailable" };
  else support = { ok: false, reason: `netem could not be tested: ${toolError(argv, r)}` };
  cached = { at: now, support };
  return support;
}

export interface NetemParams {
  delayMs: number;
  jitterMs: number;
  lossPct: number;
}

/** tc's words for the impairment: `delay 200ms 50ms loss 5%`. */
export function netemArgs(p: NetemParams): string[] {
  const args: string[] = [];
  if (p.delayMs > 0 || p.jitterMs > 0) args.push("delay", `${p.delayMs}ms`, ...(p.jitterMs > 0 ? [`${p.jitterMs}ms`] : []));
  if (p.lossPct > 0) args.push("loss", `${Number(p.lossPct.toFixed(3))}%`);
  if (args.length === 0) throw new AgentError("invalid_params", "a netem fault needs a delay, a jitter or a loss above zero");
  return args;
}

/** The running container's process id (its network namespace), or an error in words. */
export async function containerPid(docker: Docker, containerId: string): Promise<{ id: string; name: string; pid: number }> {
  const info = await docker.getContainer(containerId).inspect().catch((err: unknown) => {
    if (dockerStatus(err) === 404) throw new AgentError("not_found", `no container ${containerId} on this host`);
    throw err;
  });
  const name = info.Name.replace(/^\//, "");
  if (!info.State.Running || !info.State.Pid) throw new AgentError("conflict", `container ${name} is not running`);
  if (info.HostConfig.NetworkMode === "host") throw new AgentError("invalid_params", `container ${name} uses the host's network; netem would slow the whole host`);
  return { id: info.Id, name, pid: info.State.Pid };
}

export async function applyNetem(pid: number, p: NetemParams): Promise<void> {
  const argv = ["nsenter", "-t", String(pid), "-n", "tc", "qdisc", "replace", "dev", CONTAINER_IFACE, "root", "netem", ...netemArgs(p)];
  const r = await runTool(argv);
  if (r.code !== 0) throw new AgentError(/qdisc kind is unknown/i.test(r.stderr) ? "unavailable" : "internal", toolError(argv, r));
}

/** Removes the qdisc; a container that stopped or restarted (a new namespace) has none left: fine. */
export async function revertNetem(docker: Docker, containerId: string): Promise<void> {
  const info = await docker.getContainer(containerId).inspect().catch(() => null);
  if (!info?.State.Running || !info.State.Pid) return;
  const argv = ["nsenter", "-t", String(info.State.Pid), "-n", "tc", "qdisc", "del", "dev", CONTAINER_IFACE, "root"];
  const r = await runTool(argv);
  if (r.code === 0 || /No such file|Cannot delete qdisc with handle of zero|Cannot find device|Invalid handle/i.test(r.stderr)) return;
  throw new Error(toolError(argv, r));
}
