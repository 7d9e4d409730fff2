// Resolves a probe's host to one address, refusing it when any answer is refused by the address
// guard (link-local, metadata, unspecified) or, with a port, when the endpoint is an admin API
// (Docker's, Caddy's, or one this process knows about). Probes then connect to that address (not
// the name), so what was checked is what is dialled: a second lookup cannot swap in another one.
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
import { knownAdminEndpoints } from "../../net/admin-endpoints";
import { ProbeError } from "./errors";
import { addressRefusal, endpointRefusal, type AdminEndpoint } from "./safety";

export interface ResolvedHost {
  address: string;
  family: 4 | 6;
  /** Time spent resolving; null for IP literals (no lookup). */
  dnsMs: number | null;
}

export type LookupAll = (host: string) => Promise<{ address: string; family: number }[]>;

export interface ResolveOptions {
  /** The port about to be dialled: admin API ports and known admin endpoints are refused. */
  port?: number;
  /** Admin endpoints to refuse besides those this process knows about. */
  admin?: readonly AdminEndpoint[];
  /** Replaceable for tests: the system resolver by default. */
  lookup?: LookupAll;
}

const systemLookup: LookupAll = (host) => dnsLookup(host, { all: true, verbatim: true });

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

function refusalOf(address: string, opts: ResolveOptions): string | null {
  if (opts.port === undefined) return addressRefusal(address);
  return endpointRefusal(address, opts.port, [...(opts.admin ?? []), ...knownAdminEndpoints()]);
}

export async function resolveHost(host: string, signal: AbortSignal, opts: ResolveOptions = {}): Promise<ResolvedHost> {
  const h = host.replace(/^\[|\]$/g, "");
  const family = isIP(h);
  if (family !== 0) {
    const refusal = refusalOf(h, opts);
    if (refusal) throw new ProbeError("blocked", refusal);
    return { address: h, family: family as 4 | 6, dnsMs: null };
  }
  // Numeric IPv4 spellings ("2852039166", "0xa9fea9fe") are not names: refused before any lookup.
  const spelled = addressRefusal(h);
  if (spelled) throw new ProbeError("blocked", spelled);
  const t0 = performance.now();
  const answers = await raceSignal((opts.lookup ?? systemLookup)(h), signal);
  const dnsMs = performance.now() - t0;
  if (answers.length === 0) throw new ProbeError("dns_failure", `${h} has no addresses`);
  for (const a of answers) {
    const refusal = refusalOf(a.address, opts);
    if (refusal) throw new ProbeError("blocked", `${h} resolves to ${a.address}: ${refusal}`);
  }
  // A name is allowed by the port rules only if its name-and-port is not a known admin endpoint either.
  if (opts.port !== undefined) {
    const named = endpointRefusal(h, opts.port, [...(opts.admin ?? []), ...knownAdminEndpoints()]);
    if (named) throw new ProbeError("blocked", named);
  }
  const first = answers[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4, dnsMs };
}
