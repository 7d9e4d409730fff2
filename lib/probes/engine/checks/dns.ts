// DNS check: asks the given resolver (not the system's) for a name and record type and expects an
// answer, optionally one with a given value.
import { Resolver } from "node:dns/promises";
import { performance } from "node:perf_hooks";
import { ProbeError } from "../errors";
import { resolverAddress, type CheckResult, type DnsTarget, type Timing } from "../schemas";
import { failResult, ms, okResult, type CheckRunner } from "../types";

/** Answers as plain strings, whatever the record type's shape. */
function flatten(records: unknown[]): string[] {
  return records.map((r) => {
    if (typeof r === "string") return r;
    if (Array.isArray(r)) return r.join("");
    const o = r as Record<string, unknown>;
    if ("exchange" in o) return `${String(o.priority)} ${String(o.exchange)}`;
    if ("name" in o && "port" in o) return `${String(o.priority)} ${String(o.weight)} ${String(o.port)} ${String(o.name)}`;
    if ("value" in o) return `${String(o.tag ?? "")} ${String(o.value)}`.trim();
    return JSON.stringify(o);
  });
}

const NO_ANSWER = new Set(["ENOTFOUND", "ENODATA"]);

export class DnsCheck implements CheckRunner<"dns"> {
  readonly type = "dns" as const;
  readonly capabilities = { tls: false, http: false, phases: ["dnsMs"] as (keyof Timing)[] };

  describe(t: DnsTarget): string {
    return `dns ${t.recordType} ${t.name} @${t.resolver}`;
  }

  async check(target: DnsTarget, signal: AbortSignal): Promise<CheckResult> {
    const addr = resolverAddress(target.resolver);
    if (!addr) throw new ProbeError("internal", "malformed resolver address");
    // One try: the probe's own timeout bounds it; c-ares's per-try timeout is set a bit shorter.
    const resolver = new Resolver({ tries: 1, timeout: -1 });
    resolver.setServers([addr.host.includes(":") ? `[${addr.host}]:${addr.port}` : `${addr.host}:${addr.port}`]);
    const onAbort = () => resolver.cancel();
    signal.addEventListener("abort", onAbort, { once: true });
    const t0 = performance.now();
    let records: unknown[];
    try {
      records = (await resolver.resolve(target.name, target.recordType)) as unknown[];
    } catch (err) {
      const code = (err as { code?: string }).code ?? "";
      if (signal.aborted || code === "ECANCELLED") throw new ProbeError("timeout", `${target.resolver} did not answer within the timeout`);
      if (NO_ANSWER.has(code)) {
        return failResult("dns_failure", `${target.resolver} has no ${target.recordType} record for ${target.name} (${code === "ENOTFOUND" ? "NXDOMAIN" : "no data"})`, { latencyMs: ms(performance.now() - t0), answers: [] });
      }
      if (code === "ECONNREFUSED") throw new ProbeError("refused", `${target.resolver} refused the query`);
      if (code === "ETIMEOUT") throw new ProbeError("timeout", `${target.resolver} did not answer`);
      throw new ProbeError("dns_failure", `${code || "error"}: ${(err as Error).message}`);
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    const elapsed = performance.now() - t0;
    const answers = flatten(records);
    const common = { latencyMs: ms(elapsed) ?? 0, timing: { dnsMs: ms(elapsed), connectMs: null, tlsMs: null, firstByteMs: null }, answers };
    if (answers.length === 0) return failResult("dns_failure", `no ${target.recordType} answer for ${target.name}`, common);
    if (target.expect !== undefined) {
      const want = target.expect.toLowerCase().replace(/\.$/, "");
      if (!answers.some((a) => a.toLowerCase().replace(/\.$/, "") === want)) {
        return failResult("dns_mismatch", `expected ${target.expect}, got ${answers.join(", ")}`, common);
      }
    }
    return okResult(common);
  }
}
