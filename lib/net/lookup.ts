// Name resolution with a deadline, for checks on resolved addresses outside the probe engine (route
// upstreams): dns.lookup cannot be cancelled, so it is raced against a timer. Node only.
import { lookup as dnsLookup } from "node:dns/promises";
import { formatDuration } from "./bounded-request";

export type LookupAll = (host: string) => Promise<{ address: string; family: number }[]>;

/** A lookup takes at most this long before the name counts as not resolvable right now. */
export const LOOKUP_TIMEOUT_MS = 5_000;

export const systemLookup: LookupAll = (host) => dnsLookup(host, { all: true, verbatim: true });

export class LookupError extends Error {
  constructor(readonly host: string, readonly code: string, message: string) {
    super(message);
    this.name = "LookupError";
  }
}

/** Every address of `host`; rejects with a LookupError (ENOTFOUND, ETIMEOUT …) when there are none. */
export async function lookupAll(host: string, opts: { lookup?: LookupAll; timeoutMs?: number } = {}): Promise<string[]> {
  const timeoutMs = opts.timeoutMs ?? LOOKUP_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LookupError(host, "ETIMEOUT", `${host} did not resolve within ${formatDuration(timeoutMs)}`)), timeoutMs);
  });
  try {
    const answers = await Promise.race([(opts.lookup ?? systemLookup)(host), timeout]);
    if (answers.length === 0) throw new LookupError(host, "ENODATA", `${host} has no addresses`);
    return answers.map((a) => a.address);
  } catch (err) {
    if (err instanceof LookupError) throw err;
    const code = (err as { code?: unknown }).code;
    throw new LookupError(host, typeof code === "string" ? code : "EAI_FAIL", `${host} does not resolve: ${typeof code === "string" ? code : err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}
