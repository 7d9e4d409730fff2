// TCP connect check: resolves (refusing link-local/metadata answers and admin endpoints) and opens a connection.
import { connect } from "node:net";
import { performance } from "node:perf_hooks";
import { ProbeError } from "../errors";
import { resolveHost } from "../resolve";
import type { CheckResult, TcpTarget, Timing } from "../schemas";
import { ms, okResult, type CheckRunner } from "../types";

export class TcpCheck implements CheckRunner<"tcp"> {
  readonly type = "tcp" as const;
  readonly capabilities = { tls: false, http: false, phases: ["dnsMs", "connectMs"] as (keyof Timing)[] };

  describe(t: TcpTarget): string {
    return `tcp ${t.host.includes(":") ? `[${t.host}]` : t.host}:${t.port}`;
  }

  async check(target: TcpTarget, signal: AbortSignal): Promise<CheckResult> {
    const start = performance.now();
    const { address, dnsMs } = await resolveHost(target.host, signal, { port: target.port });
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: address, port: target.port });
      const onAbort = () => socket.destroy(new ProbeError("timeout", "no answer within the timeout"));
      signal.addEventListener("abort", onAbort, { once: true });
      socket.once("connect", () => {
        signal.removeEventListener("abort", onAbort);
        socket.destroy();
        resolve();
      });
      socket.once("error", (err) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      });
    });
    const connectMs = performance.now() - t0;
    return okResult({ latencyMs: ms(performance.now() - start) ?? 0, timing: { dnsMs: ms(dnsMs), connectMs: ms(connectMs), tlsMs: null, firstByteMs: null } });
  }
}
