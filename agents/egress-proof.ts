// The egress proof on the agent: finds the service's container, enters its network namespace
// (nsenter --net=/proc/<pid>/ns/net, the agent is root on its host) and runs a small Node program
// there (egress-proof-script.ts) that tries the control plane's addresses and names through the
// container's own resolver. Up when nothing answered; down (egress_open) naming what did; not_running
// when there is no running container to prove anything about.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import type Docker from "dockerode";
import { z } from "zod";
import { LABELS } from "@/lib/protocol";
import type { CheckResult, EgressTarget, ErrorClass } from "@/lib/probes/engine";
import { EGRESS_PROBE_SCRIPT } from "./egress-proof-script";

/** Each connection and lookup gives up after this long (they all run at once). */
export const EGRESS_ATTEMPT_TIMEOUT_MS = 3_000;
/** The whole program is killed after this long past the attempts' timeout. */
const PROGRAM_SLACK_MS = 3_000;
/** Nameservers tried, as glibc does (the first three of resolv.conf). */
const MAX_NAMESERVERS = 3;
/** What the program may print. */
const MAX_OUTPUT_BYTES = 64 * 1024;

export const ProbeOutputSchema = z.object({
  targets: z.array(z.object({ target: z.string(), ok: z.boolean(), why: z.string().nullable() })),
  names: z.array(z.object({ name: z.string(), addresses: z.array(z.string()) })),
});
export type ProbeOutput = z.infer<typeof ProbeOutputSchema>;

const result = (ok: boolean, errorClass: ErrorClass | null, message: string, latencyMs: number | null): CheckResult => ({
  ok, errorClass, message, latencyMs, timing: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null }, statusCode: null, tls: null, answers: null, fingerprint: null,
});
const okEgress = (message: string, latencyMs: number) => result(true, null, message, latencyMs);
const failEgress = (errorClass: ErrorClass, message: string, latencyMs: number | null) => result(false, errorClass, message, latencyMs);

export interface ProbeInput {
  targets: string[];
  names: string[];
  nameservers: string[];
  attemptTimeoutMs: number;
}

/** The nameservers of a resolv.conf (glibc's default, the loopback, when it names none). */
export function nameserversOf(resolvConf: string): string[] {
  const found = resolvConf
    .split("\n")
    .map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1])
    .filter((s): s is string => !!s)
    .map((s) => s.replace(/%.*$/, "")) // an IPv6 zone id
    .slice(0, MAX_NAMESERVERS);
  return found.length > 0 ? found : ["127.0.0.1"];
}

/** Runs the probe program, inside the network namespace of process `pid` when given (tests run it as is). */
export function runProbeProgram(input: ProbeInput, pid: number | null, signal?: AbortSignal): Promise<ProbeOutput> {
  const node = [process.execPath, "-e", EGRESS_PROBE_SCRIPT, JSON.stringify(input)];
  const argv = pid === null ? node : ["nsenter", `--net=/proc/${pid}/ns/net`, "--", ...node];
  const options = { encoding: "utf8" as const, timeout: input.attemptTimeoutMs + PROGRAM_SLACK_MS, maxBuffer: MAX_OUTPUT_BYTES, env: { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", NODE_ENV: "production" as const }, ...(signal ? { signal } : {}) };
  return new Promise((resolve, reject) => {
    execFile(argv[0]!, argv.slice(1), options, (err: Error | null, stdout: string, stderr: string) => {
      if (err) return reject(new Error(`the probe program failed: ${(stderr || err.message).trim().slice(0, 300)}`));
      try {
        resolve(ProbeOutputSchema.parse(JSON.parse(stdout.trim().split("\n").pop() ?? "")));
      } catch {
        reject(new Error("the probe program printed no result"));
      }
    });
  });
}

/** The check's verdict from what the program saw. */
export function verdictOf(out: ProbeOutput, nameservers: string[], latencyMs: number): CheckResult {
  const reached = out.targets.filter((t) => t.ok).map((t) => t.target);
  const resolved = out.names.filter((n) => n.addresses.length > 0);
  if (reached.length > 0 || resolved.length > 0) {
    const parts = [
      ...(reached.length ? [`reached ${reached.join(", ")}`] : []),
      ...resolved.map((n) => `resolved ${n.name} to ${n.addresses.slice(0, 3).join(", ")} (through ${nameservers.join(", ")})`),
    ];
    return failEgress("egress_open", `Egress is open: ${parts.join("; ")}`, latencyMs);
  }
  const tried = [`${out.targets.length} address${out.targets.length === 1 ? "" : "es"}`, `${out.names.length} name${out.names.length === 1 ? "" : "s"}`];
  return okEgress(`No egress: tried ${tried.join(" and ")}; nothing answered, nothing resolved (through ${nameservers.join(", ")})`, latencyMs);
}

/** The running container of a service on this host (the newest, should a rollout have left two). */
async function serviceContainer(docker: Docker, serviceId: string): Promise<Docker.ContainerInspectInfo | string> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceId}=${serviceId}`] } });
  if (list.length === 0) return "no container of this service on this host";
  const running = list.filter((c) => c.State === "running").sort((a, b) => b.Created - a.Created)[0];
  if (!running) return `the service's container is ${list[0]!.State}`;
  const info = await docker.getContainer(running.Id).inspect();
  if (!info.State.Running || !info.State.Pid) return `the service's container is ${info.State.Status}`;
  return info;
}

/** Runs the proof for one service. Never throws: every failure is a result. */
export async function proveEgress(docker: Docker, target: EgressTarget, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<CheckResult> {
  const start = performance.now();
  const targets = target.targets ?? [];
  const names = target.names ?? [];
  if (targets.length + names.length === 0) return failEgress("unsupported", "no addresses or names to try (the control plane sent none)", null);
  try {
    const c = await serviceContainer(docker, target.serviceId);
    if (typeof c === "string") return failEgress("not_running", `Not verified: ${c}; nothing to prove until it runs`, null);
    const pid = c.State.Pid;
    const nameservers = nameserversOf(await readFile(`/proc/${pid}/root/etc/resolv.conf`, "utf8").catch(() => ""));
    const attemptTimeoutMs = Math.max(500, Math.min(EGRESS_ATTEMPT_TIMEOUT_MS, (opts.timeoutMs ?? EGRESS_ATTEMPT_TIMEOUT_MS * 3) - PROGRAM_SLACK_MS));
    const out = await runProbeProgram({ targets, names, nameservers, attemptTimeoutMs }, pid, opts.signal);
    return verdictOf(out, nameservers, Math.round(performance.now() - start));
  } catch (err) {
    return failEgress("internal", err instanceof Error ? err.message.slice(0, 500) : String(err), null);
  }
}
