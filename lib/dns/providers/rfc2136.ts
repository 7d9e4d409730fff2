// RFC 2136 dynamic update with TSIG (BIND9, Knot, PowerDNS, Technitium). Writes go through
// `nsupdate` (one UPDATE message per batch of changes, over TCP); reads are a TSIG-signed AXFR
// through `dig`, whose answer is the RFC 1035 master-file format. Ownership: for every record set
// Homeport creates, a TXT `_homeport.<name>` "heritage=homeport type=<T>" is written beside it.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DnsProviderError } from "../errors";
import { Rfc2136SettingsSchema, type Rfc2136Settings } from "../schemas";
import { OWNERSHIP_MARK, RECORD_TYPES, type ChangeOutcome, type DnsProviderDefinition, type ObservedRecordSet, type RecordChange, type RecordType, type ZoneRef } from "../types";
import { runTool } from "./exec";

/** Changes per UPDATE message: each is ~90 bytes on the wire with its mark and prerequisite, so 500 stay under the 64 KiB message limit. */
export const CHANGES_PER_MESSAGE = 500;
/** nsupdate's own per-message timeout, and the process's. */
const NSUPDATE_TIMEOUT_S = 10;
const PROCESS_TIMEOUT_MS = 60_000;
const DIG_TIMEOUT_S = 5;
const OWNER_PREFIX = "_homeport.";

export const ownershipName = (name: string) => `${OWNER_PREFIX}${name}`;
export const ownershipText = (type: RecordType) => `${OWNERSHIP_MARK} type=${type}`;

/** Writes a TSIG key file (0600) in a private temp dir for the duration of `fn`. */
async function withKeyFile<T>(s: Rfc2136Settings, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "homeport-tsig-"));
  const file = join(dir, "tsig.key");
  try {
    await writeFile(file, `key "${s.keyName}" {\n  algorithm ${s.algorithm};\n  secret "${s.secret}";\n};\n`, { mode: 0o600 });
    return await fn(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Turns dig/nsupdate chatter into one reason a user can act on. */
function failureReason(out: string, server: string): DnsProviderError {
  const text = out.replace(/\s+/g, " ").trim();
  if (/connection refused|Communication with .* failed|operation canceled|network unreachable|host unreachable|couldn't get address|no servers could be reached|timed out|connection reset|end of file/i.test(text)) {
    return new DnsProviderError("unavailable", `DNS server ${server} did not answer: ${text.slice(0, 300)}`);
  }
  if (/tsig|badkey|badsig|badtime|NOTAUTH/i.test(text)) return new DnsProviderError("unauthorized", `DNS server ${server} refused the TSIG key: ${text.slice(0, 300)}`);
  if (/REFUSED|NOTZONE/i.test(text)) return new DnsProviderError("rejected", `DNS server ${server} refused the update: ${text.slice(0, 300)}`);
  return new DnsProviderError("rejected", `DNS server ${server}: ${text.slice(0, 300) || "failed without a message"}`);
}

const abs = (n: string) => `${n}.`;
const strip = (n: string) => n.replace(/\.$/, "").toLowerCase();

/** Parses `dig +noall +answer` output (master-file lines) into record sets with ownership. */
export function parseAxfr(text: string, zone: string): ObservedRecordSet[] {
  const sets = new Map<string, ObservedRecordSet>();
  const marks = new Set<string>();
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith(";")) continue;
    const m = /^(\S+)\s+(\d+)\s+IN\s+(\S+)\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const name = strip(m[1]!);
    const ttl = Number(m[2]);
    const type = m[3]!;
    const rdata = m[4]!.trim();
    if (type === "TXT" && name.startsWith(OWNER_PREFIX)) {
      const t = new RegExp(`${OWNERSHIP_MARK} type=(AAAA|CNAME|A)\\b`).exec(rdata.replace(/"\s*"/g, " "));
      if (t) marks.add(`${name.slice(OWNER_PREFIX.length)}|${t[1]}`);
      continue;
    }
    if (!(RECORD_TYPES as readonly string[]).includes(type)) continue;
    const value = type === "CNAME" ? strip(rdata) : rdata.toLowerCase();
    const key = `${name}|${type}`;
    const set = sets.get(key) ?? { name, type: type as RecordType, values: [], ttl, owned: false };
    set.values.push(value);
    sets.set(key, set);
  }
  for (const [key, set] of sets) {
    set.values = [...new Set(set.values)].sort();
    set.owned = marks.has(key);
  }
  void zone;
  return [...sets.values()];
}

/** The nsupdate lines of one change (prerequisites keep a create from overwriting a record that appeared since the plan). */
export function updateLines(c: RecordChange): string[] {
  const lines: string[] = [];
  const mark = `${abs(ownershipName(c.name))} TXT "${ownershipText(c.type)}"`;
  if (c.action === "create") lines.push(`prereq nxrrset ${abs(c.name)} ${c.type}`);
  if (c.action !== "create") lines.push(`update delete ${abs(c.name)} ${c.type}`);
  if (c.action === "delete") lines.push(`update delete ${mark}`);
  if (c.after) {
    const ttl = c.after.ttl;
    for (const v of c.after.values) lines.push(`update add ${abs(c.name)} ${ttl} ${c.type} ${c.type === "CNAME" ? abs(v) : v}`);
    // Adding an RR that exists is a no-op in DNS UPDATE (RFC 2136 §3.4.2.2), so no delete first.
    lines.push(`update add ${abs(ownershipName(c.name))} ${ttl} TXT "${ownershipText(c.type)}"`);
  }
  return lines;
}

async function listRecords(s: Rfc2136Settings, zone: ZoneRef, signal?: AbortSignal): Promise<ObservedRecordSet[]> {
  return withKeyFile(s, async (key) => {
    const r = await runTool("dig", ["-p", String(s.port), "-k", key, `@${s.server}`, abs(zone.name), "AXFR", "+noall", "+answer", "+nocomments", `+time=${DIG_TIMEOUT_S}`, "+tries=1"], { timeoutMs: PROCESS_TIMEOUT_MS, signal });
    const out = `${r.stdout}\n${r.stderr}`;
    if (r.timedOut) throw new DnsProviderError("timeout", `DNS server ${s.server}:${s.port} did not finish the zone transfer in time`);
    if (r.code !== 0 || /Transfer failed|communications error|connection refused|timed out|couldn't/i.test(out)) throw failureReason(out.split("\n").filter((l) => l.startsWith(";") || r.code !== 0).join(" "), `${s.server}:${s.port}`);
    return parseAxfr(r.stdout, zone.name);
  });
}

/** Explains an UPDATE response code (RFC 2136 §2.2) to a user. */
function rcodeReason(rcode: string, server: string): string {
  const why: Record<string, string> = {
    YXRRSET: "a record appeared since the plan was made; plan again",
    NXRRSET: "a record Homeport expected is gone; plan again",
    REFUSED: "the server refused the update (check allow-update for the key)",
    NOTAUTH: "the server is not authoritative for the zone or refused the key",
    NOTZONE: "a name is outside the zone",
    SERVFAIL: "the server failed to apply the update",
  };
  return `DNS server ${server} answered ${rcode}: ${why[rcode] ?? "update failed"}`;
}

/**
 * Sends every batch from one nsupdate process (process start-up dominates small updates): each
 * batch is one UPDATE message followed by `answer`, whose status line says how that batch fared.
 */
async function applyChanges(s: Rfc2136Settings, zone: ZoneRef, changes: RecordChange[], signal?: AbortSignal): Promise<ChangeOutcome[]> {
  if (changes.length === 0) return [];
  const server = `${s.server}:${s.port}`;
  const batches: RecordChange[][] = [];
  for (let i = 0; i < changes.length; i += CHANGES_PER_MESSAGE) batches.push(changes.slice(i, i + CHANGES_PER_MESSAGE));
  const script = [`server ${s.server} ${s.port}`, `zone ${abs(zone.name)}`, ...batches.flatMap((b) => [...b.flatMap(updateLines), "send", "answer"]), ""].join("\n");
  const r = await withKeyFile(s, (key) => runTool("nsupdate", ["-v", "-t", String(NSUPDATE_TIMEOUT_S), "-k", key], { input: script, timeoutMs: PROCESS_TIMEOUT_MS, signal }));
  const statuses = [...r.stdout.matchAll(/opcode: UPDATE, status: ([A-Z]+)/g)].map((m) => m[1]!);
  if (statuses.length === 0 && r.code !== 0) {
    // Nothing answered: fail the whole apply cleanly so the caller keeps the desired state and retries.
    if (r.timedOut) throw new DnsProviderError("timeout", `DNS server ${server} did not answer within ${PROCESS_TIMEOUT_MS / 1000} s`);
    throw failureReason(`${r.stderr} ${r.stdout}`, server);
  }
  const lost = r.timedOut ? `DNS server ${server} stopped answering (timeout)` : failureReason(r.stderr || "no answer", server).message;
  return batches.flatMap((batch, i) => {
    const status = statuses[i];
    const error = status === undefined ? lost : status === "NOERROR" ? undefined : rcodeReason(status, server);
    return batch.map((change) => (error ? { change, ok: false, error } : { change, ok: true }));
  });
}

export const rfc2136Provider: DnsProviderDefinition<Rfc2136Settings> = {
  kind: "rfc2136",
  label: "RFC 2136 (BIND9, Knot, PowerDNS)",
  settingsSchema: Rfc2136SettingsSchema,
  secretKeys: ["secret"],
  capabilities: { types: RECORD_TYPES, ownership: "marker", perRecordTtl: true },
  listRecords: (ctx, zone) => listRecords(ctx.settings, zone, ctx.signal),
  applyChanges: (ctx, zone, changes) => applyChanges(ctx.settings, zone, changes, ctx.signal),
  async testConnection(ctx, zone) {
    if (!zone) return `settings look valid; add a zone to test a transfer from ${ctx.settings.server}`;
    const sets = await listRecords(ctx.settings, zone, ctx.signal);
    return `${ctx.settings.server}:${ctx.settings.port} answered: ${sets.length} record sets in ${zone.name}`;
  },
};
