// dnsmasq: Homeport writes its records into a marked block of an addn-hosts file and sends dnsmasq
// SIGHUP to re-read it. Lines outside the block are the user's (foreign, read-only). Hosts files
// carry no TTL (dnsmasq answers with its local-ttl) and no CNAME, so only A and AAAA are offered.
import { readFile, rename, stat, writeFile } from "node:fs/promises";
import { isIPv4, isIPv6 } from "node:net";
import { DnsProviderError } from "../../errors";
import { inZone } from "../../records";
import { dnsmasqDescriptor, type DnsmasqSettings } from "./descriptor";
import type { ChangeOutcome, DnsProviderDefinition, ObservedRecordSet, RecordChange, RecordType, ZoneRef } from "../../types";

export const BLOCK_BEGIN = "# BEGIN homeport (heritage=homeport) — managed by Homeport; edits inside this block are reverted";
export const BLOCK_END = "# END homeport";

interface HostsEntry {
  address: string;
  name: string;
  owned: boolean;
}

/** A hosts file larger than this is not read (a runaway file would otherwise be loaded whole). */
export const MAX_HOSTS_FILE_BYTES = 16 * 1024 * 1024;

async function readHostsFile(file: string): Promise<string> {
  try {
    const size = (await stat(file)).size;
    if (size > MAX_HOSTS_FILE_BYTES) throw new DnsProviderError("unavailable", `${file} is ${size} bytes, more than Homeport reads (${MAX_HOSTS_FILE_BYTES / 1024 / 1024} MiB)`);
    return await readFile(file, "utf8");
  } catch (err) {
    if (err instanceof DnsProviderError) throw err;
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw new DnsProviderError("unavailable", `cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Parses a hosts file into one entry per (address, name), marking those inside Homeport's block. */
export function parseHosts(text: string): { entries: HostsEntry[]; before: string[]; after: string[] } {
  const entries: HostsEntry[] = [];
  const before: string[] = [];
  const after: string[] = [];
  let state: "before" | "inside" | "after" = "before";
  for (const line of text.split("\n")) {
    if (line.startsWith("# BEGIN homeport")) { state = "inside"; continue; }
    if (state === "inside" && line.startsWith(BLOCK_END)) { state = "after"; continue; }
    if (state !== "inside") (state === "before" ? before : after).push(line);
    const body = line.replace(/#.*/, "").trim();
    if (!body) continue;
    const [address, ...names] = body.split(/\s+/);
    if (!address || !(isIPv4(address) || isIPv6(address))) continue;
    for (const n of names) entries.push({ address: address.toLowerCase(), name: n.toLowerCase().replace(/\.$/, ""), owned: state === "inside" });
  }
  while (after.length > 0 && after[after.length - 1] === "") after.pop();
  while (before.length > 0 && before[before.length - 1] === "") before.pop();
  return { entries, before, after };
}

function toSets(entries: HostsEntry[]): ObservedRecordSet[] {
  const sets = new Map<string, ObservedRecordSet>();
  for (const e of entries) {
    const type: RecordType = isIPv4(e.address) ? "A" : "AAAA";
    const key = `${e.name}|${type}|${e.owned}`;
    const s = sets.get(key) ?? { name: e.name, type, values: [], ttl: 0, owned: e.owned };
    if (!s.values.includes(e.address)) s.values.push(e.address);
    sets.set(key, s);
  }
  return [...sets.values()].map((s) => ({ ...s, values: s.values.sort() }));
}

async function reload(s: DnsmasqSettings, check: boolean): Promise<void> {
  if (!s.pidFile) return;
  let pid: number;
  try {
    pid = Number((await readFile(s.pidFile, "utf8")).trim());
  } catch (err) {
    throw new DnsProviderError("unavailable", `dnsmasq is not running (cannot read ${s.pidFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!Number.isInteger(pid) || pid <= 1) throw new DnsProviderError("unavailable", `${s.pidFile} does not hold a process id`);
  try {
    process.kill(pid, check ? 0 : "SIGHUP");
  } catch (err) {
    throw new DnsProviderError("unavailable", `dnsmasq (pid ${pid}) is not running: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

async function applyChanges(s: DnsmasqSettings, zone: ZoneRef, changes: RecordChange[]): Promise<ChangeOutcome[]> {
  await reload(s, true);
  const parsed = parseHosts(await readHostsFile(s.hostsFile));
  let owned = parsed.entries.filter((e) => e.owned);
  const outcomes: ChangeOutcome[] = [];
  for (const change of changes) {
    if (change.type === "CNAME") {
      outcomes.push({ change, ok: false, error: "dnsmasq hosts files cannot hold CNAME records" });
      continue;
    }
    const isType = (a: string) => (change.type === "A" ? isIPv4(a) : isIPv6(a));
    owned = owned.filter((e) => !(e.name === change.name && isType(e.address)));
    for (const v of change.after?.values ?? []) owned.push({ address: v, name: change.name, owned: true });
    outcomes.push({ change, ok: true });
  }
  const block = [BLOCK_BEGIN, ...owned.sort((a, b) => a.name.localeCompare(b.name) || a.address.localeCompare(b.address)).map((e) => `${e.address} ${e.name}`), BLOCK_END];
  const text = [...parsed.before, ...(parsed.before.length ? [""] : []), ...block, ...(parsed.after.length ? ["", ...parsed.after] : []), ""].join("\n");
  const tmp = `${s.hostsFile}.homeport-tmp`;
  try {
    await writeFile(tmp, text, { mode: 0o644 });
    await rename(tmp, s.hostsFile);
  } catch (err) {
    throw new DnsProviderError("unavailable", `cannot write ${s.hostsFile}: ${(err as Error).message}`);
  }
  await reload(s, false);
  void zone;
  return outcomes;
}

export const dnsmasqProvider: DnsProviderDefinition<DnsmasqSettings> = {
  ...dnsmasqDescriptor,
  async listRecords(ctx, zone) {
    const { entries } = parseHosts(await readHostsFile(ctx.settings.hostsFile));
    return toSets(entries.filter((e) => inZone(e.name, zone.name)));
  },
  applyChanges: (ctx, zone, changes) => applyChanges(ctx.settings, zone, changes),
  async testConnection(ctx) {
    await reload(ctx.settings, true);
    const { entries } = parseHosts(await readHostsFile(ctx.settings.hostsFile));
    return `${ctx.settings.hostsFile}: ${entries.length} entries${ctx.settings.pidFile ? ", dnsmasq is running" : ""}`;
  },
};
