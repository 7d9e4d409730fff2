// Runs nft and ip for the firewall handlers: reads the ruleset and interfaces (zod-parsed, bounded),
// checks and applies nft files, and lists or deletes Homeport's own table. Nothing else is touched.
import { execFile } from "node:child_process";
import { z } from "zod";
import {
  HOMEPORT_FW_FAMILY,
  HOMEPORT_FW_TABLE,
  MAX_INTERFACES,
  MAX_RULE_EXPRS,
  MAX_RULESET_CHAINS,
  MAX_RULESET_RULES,
  MAX_RULESET_TABLES,
  type HostInterface,
  type Ruleset,
} from "@/lib/protocol";

/** How long one nft or ip command may take. */
export const NFT_TIMEOUT_MS = 10_000;
/** Output kept from one command. */
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export interface CmdResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[]): Promise<CmdResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: NFT_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : 127) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr || (err && code === 127 ? err.message : "")) });
    });
  });
}

/** null when nft works here; otherwise why not, in words. */
export async function nftUnavailable(): Promise<string | null> {
  const r = await run("nft", ["list", "tables"]);
  if (r.code === 0) return null;
  if (/ENOENT|not found/i.test(r.stderr)) return "nft (nftables) is not installed on this host";
  return `nft cannot read the ruleset here: ${r.stderr.trim().slice(0, 300) || `exit ${r.code}`}`;
}

const str = z.string();
const NftItem = z.union([
  z.object({ table: z.object({ family: str, name: str }).passthrough() }),
  z.object({ chain: z.object({ family: str, table: str, name: str, hook: str.optional(), type: str.optional(), prio: z.number().optional(), policy: str.optional() }).passthrough() }),
  z.object({ rule: z.object({ family: str, table: str, chain: str, comment: str.optional(), expr: z.array(z.unknown()).default([]) }).passthrough() }),
  z.record(str, z.unknown()),
]);
const NftJson = z.object({ nftables: z.array(NftItem) });

const cut = (s: string, n: number) => s.slice(0, n);
const notCounter = (e: unknown) => !(e && typeof e === "object" && "counter" in e);

/** `nft -j list ruleset` parsed and bounded: tables, chains with their hooks, rules (counters dropped). */
export function parseRuleset(text: string): Ruleset {
  const j = NftJson.parse(JSON.parse(text));
  const out: Ruleset = { tables: [], chains: [], rules: [], truncated: false };
  for (const item of j.nftables) {
    if ("table" in item && item.table && typeof item.table === "object" && "family" in item.table) {
      const t = item.table as { family: string; name: string };
      if (out.tables.length < MAX_RULESET_TABLES) out.tables.push({ family: cut(t.family, 16), name: cut(t.name, 256) });
      else out.truncated = true;
    } else if ("chain" in item && item.chain && typeof item.chain === "object" && "table" in item.chain) {
      const c = item.chain as { family: string; table: string; name: string; hook?: string; type?: string; prio?: number; policy?: string };
      if (out.chains.length >= MAX_RULESET_CHAINS) { out.truncated = true; continue; }
      out.chains.push({ family: cut(c.family, 16), table: cut(c.table, 256), name: cut(c.name, 256), hook: c.hook ? cut(c.hook, 32) : null, type: c.type ? cut(c.type, 32) : null, prio: typeof c.prio === "number" ? c.prio : null, policy: c.policy ? cut(c.policy, 16) : null });
    } else if ("rule" in item && item.rule && typeof item.rule === "object" && "chain" in item.rule) {
      const r = item.rule as { family: string; table: string; chain: string; comment?: string; expr: unknown[] };
      if (out.rules.length >= MAX_RULESET_RULES) { out.truncated = true; continue; }
      const expr = r.expr.filter(notCounter);
      if (expr.length > MAX_RULE_EXPRS || JSON.stringify(expr).length > 4096) out.truncated = true;
      out.rules.push({ family: cut(r.family, 16), table: cut(r.table, 256), chain: cut(r.chain, 256), comment: r.comment ? cut(r.comment, 256) : null, expr: expr.length > MAX_RULE_EXPRS || JSON.stringify(expr).length > 4096 ? [{ unsummarised: true }] : expr });
    }
  }
  return out;
}

const IpAddr = z.array(z.object({
  ifname: str,
  flags: z.array(str).default([]),
  operstate: str.optional(),
  addr_info: z.array(z.object({ local: str.optional(), prefixlen: z.number().optional() }).passthrough()).default([]),
}).passthrough());

/** `ip -j addr` parsed: each interface, whether it is up, its addresses with prefix lengths. */
export function parseInterfaces(text: string): HostInterface[] {
  return IpAddr.parse(JSON.parse(text)).slice(0, MAX_INTERFACES).map((i) => ({
    name: cut(i.ifname, 32),
    up: i.flags.includes("UP"),
    addresses: i.addr_info.filter((a) => a.local).slice(0, 64).map((a) => cut(`${a.local}${a.prefixlen !== undefined ? `/${a.prefixlen}` : ""}`, 64)),
  }));
}

export async function readRuleset(): Promise<Ruleset> {
  const r = await run("nft", ["-j", "list", "ruleset"]);
  if (r.code !== 0) throw new Error(`nft -j list ruleset failed: ${r.stderr.trim().slice(0, 500)}`);
  return parseRuleset(r.stdout);
}

export async function readInterfaces(): Promise<HostInterface[]> {
  const r = await run("ip", ["-j", "addr"]);
  return r.code === 0 ? parseInterfaces(r.stdout) : [];
}

/** Homeport's table as nft prints it, or null when there is none. */
export async function readHomeportTable(): Promise<string | null> {
  const r = await run("nft", ["list", "table", HOMEPORT_FW_FAMILY, HOMEPORT_FW_TABLE]);
  return r.code === 0 ? r.stdout : null;
}

/** Checks a file with `nft -c -f` (nothing applied); the error text when nft refuses it. */
export async function checkFile(file: string): Promise<string | null> {
  const r = await run("nft", ["-c", "-f", file]);
  return r.code === 0 ? null : r.stderr.trim().slice(0, 2000) || `nft -c exited ${r.code}`;
}

export async function applyFile(file: string): Promise<void> {
  const r = await run("nft", ["-f", file]);
  if (r.code !== 0) throw new Error(`nft -f failed: ${r.stderr.trim().slice(0, 2000)}`);
}

/** Deletes Homeport's table; a table already gone is fine (undo steps are idempotent). */
export async function deleteHomeportTable(): Promise<void> {
  const r = await run("nft", ["delete", "table", HOMEPORT_FW_FAMILY, HOMEPORT_FW_TABLE]);
  if (r.code !== 0 && !/No such file|does not exist/i.test(r.stderr)) throw new Error(`nft delete table failed: ${r.stderr.trim().slice(0, 500)}`);
}
