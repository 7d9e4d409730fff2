// TLS handshake check: connects, completes the handshake (verifying the chain unless told not
// to) and reports certificate expiry and issuer.
import { connect, type TLSSocket } from "node:tls";
import { performance } from "node:perf_hooks";
import { ProbeError } from "../errors";
import { resolveHost } from "../resolve";
import { isIpLiteral } from "../safety";
import type { CheckResult, TlsTarget, Timing } from "../schemas";
import { failResult, ms, okResult, type CheckRunner } from "../types";
import { tlsExpiryProblem, tlsInfo, type TlsInfo } from "./tls-info";

export class TlsCheck implements CheckRunner<"tls"> {
  readonly type = "tls" as const;
  readonly capabilities = { tls: true, http: false, phases: ["dnsMs", "connectMs", "tlsMs"] as (keyof Timing)[] };

  describe(t: TlsTarget): string {
    return `tls ${t.servername ?? t.host}:${t.port}`;
  }

  async check(target: TlsTarget, signal: AbortSignal): Promise<CheckResult> {
    const start = performance.now();
    const { address, dnsMs } = await resolveHost(target.host, signal, { port: target.port });
    const servername = target.servername ?? (isIpLiteral(target.host) ? undefined : target.host);
    const t0 = performance.now();
    let connectAt: number | null = null;
    const info = await new Promise<TlsInfo | null>((resolve, reject) => {
      const socket: TLSSocket = connect({ host: address, port: target.port, servername, rejectUnauthorized: target.verifyTls });
      const onAbort = () => socket.destroy(new ProbeError("timeout", "no answer within the timeout"));
      signal.addEventListener("abort", onAbort, { once: true });
      socket.once("connect", () => { connectAt = performance.now(); });
      socket.once("secureConnect", () => {
        signal.removeEventListener("abort", onAbort);
        const i = tlsInfo(socket);
        socket.destroy();
        resolve(i);
      });
      socket.once("error", (err) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      });
    });
    const end = performance.now();
    const timing: Timing = { dnsMs: ms(dnsMs), connectMs: ms((connectAt ?? end) - t0), tlsMs: ms(end - (connectAt ?? t0)), firstByteMs: null };
    const common = { latencyMs: ms(end - start) ?? 0, timing, tls: info };
    const expiry = tlsExpiryProblem(info, target.tlsMinDaysValid);
    return expiry ? failResult("tls_error", expiry, common) : okResult(common);
  }
}
