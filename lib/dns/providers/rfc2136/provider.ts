// RFC 2136 dynamic update with TSIG (BIND9, Knot, PowerDNS, Technitium), spoken in-process over
// TCP (dns-wire.ts messages, tsig.ts signatures, dns-tcp.ts transport): reads are a TSIG-signed
// AXFR, writes are UPDATE messages of up to CHANGES_PER_MESSAGE changes each; every answer's
// signature is verified. Ownership: for every record set Homeport creates, a TXT
// `_homeport.<name>` "heritage=homeport type=<T>" is written beside it in the same message.
import { DnsProviderError } from "../../errors";
import { rfc2136Descriptor, type Rfc2136Settings } from "./descriptor";
import { OWNERSHIP_MARK, type ChangeOutcome, type DnsProviderDefinition, type ObservedRecordSet, type RecordChange, type RecordType, type ZoneRef } from "../../types";
import { buildAxfr, buildUpdate, DnsWireError, MAX_MESSAGE_BYTES, parseMessage, rdataOf, rdataText, rr, TYPE, type ParsedMessage, type WireRecord } from "../dns-wire";
import { DnsTransportError, exchangeTcp } from "../dns-tcp";
import { signMessage, verifyResponses, type TsigKey } from "../tsig";

/** Changes per UPDATE message: each is ~90 bytes on the wire with its mark and prerequisite, so 500 stay under the 64 KiB message limit. */
export const CHANGES_PER_MESSAGE = 500;
const OWNER_PREFIX = "_homeport.";

export const ownershipName = (name: string) => `${OWNER_PREFIX}${name}`;
export const ownershipText = (type: RecordType) => `${OWNERSHIP_MARK} type=${type}`;

const abs = (n: string) => `${n}.`;
/** One exchange (an UPDATE, or a whole zone transfer), connect to last byte. */
export const TIMEOUT_MS = 15_000;

function keyOf(s: Rfc2136Settings): TsigKey {
  return { name: s.keyName, algorithm: s.algorithm, secret: Buffer.from(s.secret, "base64") };
}

/** Turns a transport failure into a reason a user can act on. */
function transportError(err: unknown, server: string): DnsProviderError {
  const msg = err instanceof Error ? err.message : String(err);
  if (err instanceof DnsTransportError && err.kind === "timeout") return new DnsProviderError("timeout", `DNS server ${server} did not answer: ${msg}`);
  if (err instanceof DnsTransportError && (err.kind === "malformed" || err.kind === "too_large")) return new DnsProviderError("unavailable", `DNS server ${server} sent an unusable answer: ${msg}`);
  return new DnsProviderError("unavailable", `DNS server ${server} did not answer: ${msg}`);
}

/** Parses an answer to the request with this id; a malformed one, or one for another query, is a typed error. */
function parseAnswer(buf: Buffer, requestId: number, server: string): ParsedMessage {
  let p: ParsedMessage;
  try {
    p = parseMessage(buf);
  } catch (err) {
    if (err instanceof DnsWireError) throw new DnsProviderError("unavailable", `DNS server ${server} sent an unusable answer: ${err.message}`);
    throw err;
  }
  if (p.id !== requestId) throw new DnsProviderError("unavailable", `DNS server ${server} answered another query (id ${p.id}, expected ${requestId})`);
  return p;
}

function responseError(p: ParsedMessage, server: string, what: string): DnsProviderError | undefined {
  if (p.tsigError) return new DnsProviderError("unauthorized", `DNS server ${server} refused the TSIG key (${p.tsigError}) for the ${what}`);
  if (p.rcode === "NOERROR") return undefined;
  if (p.rcode === "NOTAUTH" || p.rcode === "REFUSED") return new DnsProviderError(p.rcode === "NOTAUTH" ? "unauthorized" : "rejected", `DNS server ${server} answered ${p.rcode} to the ${what}: ${rcodeReason(p.rcode)}`);
  return new DnsProviderError("rejected", `DNS server ${server} answered ${p.rcode} to the ${what}: ${rcodeReason(p.rcode)}`);
}

/** Explains an UPDATE response code (RFC 2136 §2.2) to a user. */
function rcodeReason(rcode: string): string {
  const why: Record<string, string> = {
    YXRRSET: "a record appeared since the plan was made; plan again",
    NXRRSET: "a record Homeport expected is gone; plan again",
    REFUSED: "check allow-update / allow-transfer for the key",
    NOTAUTH: "the server is not authoritative for the zone or does not know the key",
    NOTZONE: "a name is outside the zone",
    SERVFAIL: "the server failed; see its log",
  };
  return why[rcode] ?? "the request failed";
}

/** Groups AXFR records into record sets, owned when their `_homeport.` TXT mark is present. */
export function axfrToSets(records: WireRecord[]): ObservedRecordSet[] {
  const sets = new Map<string, ObservedRecordSet>();
  const marks = new Set<string>();
  const names: Record<number, RecordType> = { [TYPE.A]: "A", [TYPE.AAAA]: "AAAA", [TYPE.CNAME]: "CNAME" };
  for (const r of records) {
    if (r.type === TYPE.TXT && r.name.startsWith(OWNER_PREFIX)) {
      const t = new RegExp(`^${OWNERSHIP_MARK} type=(AAAA|CNAME|A)$`).exec(rdataText(r));
      if (t) marks.add(`${r.name.slice(OWNER_PREFIX.length)}|${t[1]}`);
      continue;
    }
    const type = names[r.type];
    if (!type) continue;
    const key = `${r.name}|${type}`;
    const set = sets.get(key) ?? { name: r.name, type, values: [], ttl: r.ttl, owned: false };
    const v = rdataText(r);
    if (!set.values.includes(v)) set.values.push(v);
    sets.set(key, set);
  }
  return [...sets.values()].map((s) => ({ ...s, values: s.values.sort(), owned: marks.has(`${s.name}|${s.type}`) }));
}

/** The prerequisites and updates of one change (with its ownership mark). */
export function changeRecords(c: RecordChange): { prereqs: WireRecord[]; updates: WireRecord[] } {
  const prereqs: WireRecord[] = [];
  const updates: WireRecord[] = [];
  const markName = abs(ownershipName(c.name));
  const mark = rdataOf("TXT", ownershipText(c.type));
  // A create must not overwrite a record that appeared since the plan was made.
  if (c.action === "create") prereqs.push(rr.noSet(abs(c.name), c.type));
  if (c.action !== "create") updates.push(rr.deleteSet(abs(c.name), c.type));
  if (c.action === "delete") updates.push(rr.deleteOne(markName, "TXT", mark));
  if (c.after) {
    for (const v of c.after.values) updates.push(rr.add(abs(c.name), c.type, c.after.ttl, rdataOf(c.type, v)));
    // Adding an RR that exists is a no-op in DNS UPDATE (RFC 2136 §3.4.2.2): no delete first.
    updates.push(rr.add(markName, "TXT", c.after.ttl, mark));
  }
  return { prereqs, updates };
}

async function listRecords(s: Rfc2136Settings, zone: ZoneRef, signal?: AbortSignal): Promise<ObservedRecordSet[]> {
  const server = `${s.server}:${s.port}`;
  const { id, message } = buildAxfr(abs(zone.name));
  const key = keyOf(s);
  const { signed, mac } = signMessage(message, key);
  let responses: Buffer[];
  try {
    responses = await exchangeTcp(s.server, s.port, [signed], { timeoutMs: TIMEOUT_MS, axfr: true, signal });
  } catch (err) {
    throw transportError(err, server);
  }
  const records: WireRecord[] = [];
  for (const buf of responses) {
    const p = parseAnswer(buf, id, server);
    const err = responseError(p, server, `zone transfer of ${zone.name}`);
    if (err) throw err;
    records.push(...p.answers);
  }
  const bad = verifyResponses(responses, key, mac);
  if (bad) throw new DnsProviderError("unauthorized", `DNS server ${server}: ${bad}`);
  try {
    return axfrToSets(records);
  } catch (err) {
    if (err instanceof DnsWireError) throw new DnsProviderError("unavailable", `DNS server ${server} sent an unusable record: ${err.message}`);
    throw err;
  }
}

/** Builds UPDATE messages of at most CHANGES_PER_MESSAGE changes, halving a batch that would not fit. */
function buildBatches(zone: string, changes: RecordChange[], key: TsigKey): { changes: RecordChange[]; id: number; message: Buffer; mac: Buffer }[] {
  const out: { changes: RecordChange[]; id: number; message: Buffer; mac: Buffer }[] = [];
  const build = (batch: RecordChange[]) => {
    const parts = batch.map(changeRecords);
    const { id, message } = buildUpdate(abs(zone), parts.flatMap((p) => p.prereqs), parts.flatMap((p) => p.updates));
    const { signed, mac } = signMessage(message, key);
    if (signed.length > MAX_MESSAGE_BYTES && batch.length > 1) {
      build(batch.slice(0, Math.ceil(batch.length / 2)));
      build(batch.slice(Math.ceil(batch.length / 2)));
    } else out.push({ changes: batch, id, message: signed, mac });
  };
  for (let i = 0; i < changes.length; i += CHANGES_PER_MESSAGE) build(changes.slice(i, i + CHANGES_PER_MESSAGE));
  return out;
}

/**
 * Sends the changes as UPDATE messages, one after the other, each atomic on the server. A server
 * that cannot be reached before anything was applied throws (the caller keeps the desired state
 * and retries); later failures are reported per change.
 */
async function applyChanges(s: Rfc2136Settings, zone: ZoneRef, changes: RecordChange[], signal?: AbortSignal): Promise<ChangeOutcome[]> {
  const server = `${s.server}:${s.port}`;
  const outcomes: ChangeOutcome[] = [];
  const key = keyOf(s);
  const batches = buildBatches(zone.name, changes, key);
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i]!;
    let error: DnsProviderError | undefined;
    let res: Buffer | undefined;
    try {
      [res] = await exchangeTcp(s.server, s.port, [batch.message], { timeoutMs: TIMEOUT_MS, signal });
    } catch (err) {
      error = transportError(err, server);
    }
    if (res) {
      try {
        error = responseError(parseAnswer(res, batch.id, server), server, "update");
        // The update was sent; an answer that does not verify means its outcome is unknown.
        const bad = error ? undefined : verifyResponses([res], key, batch.mac);
        if (bad) error = new DnsProviderError("rejected", `DNS server ${server}: ${bad}; the outcome is unknown, plan again`);
      } catch (err) {
        // Sent, but the answer is unreadable: the outcome is unknown.
        error = new DnsProviderError("rejected", `${err instanceof Error ? err.message : String(err)}; the outcome is unknown, plan again`);
      }
    }
    if (error && outcomes.length === 0 && error.code !== "rejected") throw error;
    if (error && error.code !== "rejected") {
      // The server went away: this batch and the rest are not applied.
      for (const rest of batches.slice(i)) outcomes.push(...rest.changes.map((change) => ({ change, ok: false, error: error!.message })));
      break;
    }
    outcomes.push(...batch.changes.map((change) => (error ? { change, ok: false, error: error.message } : { change, ok: true })));
  }
  return outcomes;
}

export const rfc2136Provider: DnsProviderDefinition<Rfc2136Settings> = {
  ...rfc2136Descriptor,
  listRecords: (ctx, zone) => listRecords(ctx.settings, zone, ctx.signal),
  applyChanges: (ctx, zone, changes) => applyChanges(ctx.settings, zone, changes, ctx.signal),
  async testConnection(ctx, zone) {
    if (!zone) return `settings look valid; add a zone to test a transfer from ${ctx.settings.server}`;
    const sets = await listRecords(ctx.settings, zone, ctx.signal);
    return `${ctx.settings.server}:${ctx.settings.port} answered: ${sets.length} record sets in ${zone.name}`;
  },
};
