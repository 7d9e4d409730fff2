// Resolves a probe's host to one address, refusing it when any answer is a link-local or metadata
// address. Probes then connect to that address (not the name), so what was checked is what is
// dialled: a second lookup cannot swap in another address.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
import { ProbeError } from "./errors";
import { addressRefusal } from "./safety";

export interface ResolvedHost {
  address: string;
  family: 4 | 6;
  /** Time spent resolving; null for IP literals (no lookup). */
  dnsMs: number | null;
}

/** Rejects with a timeout ProbeError when the signal aborts first (dns.lookup cannot be cancelled). */
export function raceSignal<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new ProbeError("timeout", "no answer within the timeout"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ProbeError("timeout", "no answer within the timeout"));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener("abort", onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener("abort", onAbort); reject(e); },
    );
  });
}

export async function resolveHost(host: string, signal: AbortSignal): Promise<ResolvedHost> {
  const h = host.replace(/^\[|\]$/g, "");
  const family = isIP(h);
  if (family !== 0) {
    const refusal = addressRefusal(h);
    if (refusal) throw new ProbeError("blocked", refusal);
    return { address: h, family: family as 4 | 6, dnsMs: null };
  }
  const t0 = performance.now();
  const answers = await raceSignal(lookup(h, { all: true, verbatim: true }), signal);
  const dnsMs = performance.now() - t0;
  if (answers.length === 0) throw new ProbeError("dns_failure", `${h} has no addresses`);
  for (const a of answers) {
    const refusal = addressRefusal(a.address);
    if (refusal) throw new ProbeError("blocked", `${h} resolves to ${a.address}: ${refusal}`);
  }
  const first = answers[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4, dnsMs };
}
