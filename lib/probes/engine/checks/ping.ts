// ICMP echo check through the system's `ping` (Node has no raw sockets): the host is resolved and
// vetted like any probe target, then the vetted address is pinged with an argument array (never a
// shell), numeric output only. Latency is the average round trip; lost packets are reported.
import { execFile } from "node:child_process";
import { performance } from "node:perf_hooks";
import { ProbeError } from "../errors";
import { resolveHost } from "../resolve";
import type { CheckResult, PingTarget, Timing } from "../schemas";
import { failResult, ms, okResult, type CheckRunner } from "../types";

/** Seconds between echo requests (iputils' minimum for unprivileged users). */
export const PING_INTERVAL_SEC = 0.2;
/** ping's output is a few lines per packet: anything longer is not read. */
const MAX_OUTPUT_BYTES = 64 * 1024;
export const PING_MISSING = "no ping program on this vantage point (Debian: apt-get install iputils-ping)";

export interface PingStats {
  transmitted: number;
  received: number;
  /** Round-trip times in ms; null when nothing came back. */
  min: number | null;
  avg: number | null;
  max: number | null;
}

/** The summary of iputils' or BusyBox's ping output; null when there is none. */
export function parsePingOutput(out: string): PingStats | null {
  const counts = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(out);
  if (!counts) return null;
  const rtt = /(?:rtt|round-trip) min\/avg\/max(?:\/mdev)? = ([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(out);
  return {
    transmitted: Number(counts[1]),
    received: Number(counts[2]),
    min: rtt ? Number(rtt[1]) : null,
    avg: rtt ? Number(rtt[2]) : null,
    max: rtt ? Number(rtt[3]) : null,
  };
}

/** "1 of 3 replies lost (33% packet loss)". */
export function lossWords(s: PingStats): string {
  const lost = s.transmitted - s.received;
  const pct = s.transmitted === 0 ? 100 : Math.round((lost / s.transmitted) * 100);
  return `${lost} of ${s.transmitted} ${s.transmitted === 1 ? "reply" : "replies"} lost (${pct}% packet loss)`;
}

interface ExecOutcome { code: number | string | null; stdout: string; stderr: string }

function runPing(command: string, args: string[], signal: AbortSignal): Promise<ExecOutcome> {
  return new Promise((resolve) => {
    const env = { ...process.env, LC_ALL: "C", LANG: "C" };
    execFile(command, args, { encoding: "utf8", signal, maxBuffer: MAX_OUTPUT_BYTES, env, windowsHide: true }, (err: (Error & { code?: number | string | null }) | null, stdout: string, stderr: string) => {
      const code = err ? (err.code ?? null) : 0;
      resolve({ code: err && signal.aborted ? "ABORT_ERR" : code, stdout, stderr });
    });
  });
}

export class PingCheck implements CheckRunner<"ping"> {
  readonly type = "ping" as const;
  readonly capabilities = { tls: false, http: false, phases: ["dnsMs"] as (keyof Timing)[] };

  /** `command`: the ping program (replaceable for tests). */
  constructor(private readonly command = "ping") {}

  describe(t: PingTarget): string {
    return `ping ${t.host} ×${t.count}`;
  }

  async check(target: PingTarget, signal: AbortSignal): Promise<CheckResult> {
    const start = performance.now();
    const { address, family, dnsMs } = await resolveHost(target.host, signal);
    // Exactly `count` requests (no -w: with a deadline ping keeps sending until `count` replies);
    // the probe's own timeout bounds the whole run. The address is an IP literal the guard vetted (resolveHost), so it cannot be read as an option.
    const args = [family === 6 ? "-6" : "-4", "-n", "-q", "-c", String(target.count), "-i", String(PING_INTERVAL_SEC), "-W", String(target.perPingTimeoutSec), address];
    const r = await runPing(this.command, args, signal);
    if (r.code === "ABORT_ERR") throw new ProbeError("timeout", "no answer within the timeout");
    if (r.code === "ENOENT" || r.code === "EACCES") throw new ProbeError("unsupported", PING_MISSING);
    const stats = parsePingOutput(r.stdout);
    const timing = { dnsMs: ms(dnsMs), connectMs: null, tlsMs: null, firstByteMs: null };
    if (!stats) {
      const why = (r.stderr || r.stdout).trim().split("\n").pop() ?? "";
      if (/operation not permitted|permission denied|socktype/i.test(r.stderr)) throw new ProbeError("unsupported", `ping may not send ICMP here: ${why}`);
      if (/unreachable/i.test(why)) throw new ProbeError("unreachable", why);
      throw new ProbeError("internal", why || `ping exited with ${String(r.code)}`);
    }
    if (stats.received === 0) {
      // "+N errors": ICMP errors came back (host or network unreachable) instead of silence.
      const unreachable = /\+\d+ errors|unreachable/i.test(r.stdout);
      return failResult(unreachable ? "unreachable" : "timeout", `no reply from ${address}: ${lossWords(stats)}`, { latencyMs: ms(performance.now() - start), timing });
    }
    const loss = stats.received < stats.transmitted ? `, ${lossWords(stats)}` : "";
    return okResult({
      latencyMs: ms(stats.avg) ?? 0,
      timing,
      message: `${stats.received}/${stats.transmitted} replies, rtt min/avg/max ${stats.min}/${stats.avg}/${stats.max} ms${loss}`,
      answers: [`loss ${Math.round(((stats.transmitted - stats.received) / stats.transmitted) * 100)}%`],
    });
  }
}
