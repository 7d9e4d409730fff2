// The host firewall over the agent protocol (issue 17): reading the nftables ruleset, and applying
// a Homeport table that the agent reverts by itself unless the control plane confirms in time.
// Homeport only ever replaces its own table (`inet homeport_fw`); the agent renders the nft text
// itself from structured rules, so nothing the control plane sends can touch another table.
// Browser-safe.
import { z } from "zod";
import { CidrSchema } from "./gameday";

/** Homeport's own table; every other table (Docker's, the owner's) is read, never written. */
export const HOMEPORT_FW_FAMILY = "inet";
export const HOMEPORT_FW_TABLE = "homeport_fw";
/** How long a change may wait for the control plane's confirmation before the agent reverts it. */
export const MIN_CONFIRM_SECONDS = 10;
export const MAX_CONFIRM_SECONDS = 300;
/** Rules one Homeport table may hold. */
export const MAX_FW_RULES = 200;
/** Bounds on what a read carries (a message is at most 256 KiB). */
export const MAX_RULESET_TABLES = 64;
export const MAX_RULESET_CHAINS = 512;
export const MAX_RULESET_RULES = 1_000;
export const MAX_RULE_EXPRS = 48;
export const MAX_INTERFACES = 128;

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "an id");
/** An interface name as the kernel takes it (no quotes, no spaces). */
export const IfNameSchema = z.string().regex(/^[A-Za-z0-9_.:@-]{1,15}\*?$/, "an interface name such as eth0 (br-* for every br- one)");
/** A single address or a network, as nft takes it. */
export const AddrSchema = z.union([
  CidrSchema,
  z.string().max(45).regex(/^(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/, "an IP address"),
]);
const Port = z.number().int().min(1).max(65535);

export const FirewallRuleSchema = z.object({
  direction: z.enum(["in", "out"]),
  action: z.enum(["accept", "drop"]),
  iface: IfNameSchema.nullable().default(null).describe("in: the interface packets arrive on; out: the one they leave by; null: any"),
  proto: z.enum(["tcp", "udp", "icmp", "any"]).default("any"),
  ports: z.array(Port).max(64).default([]).describe("destination ports (tcp/udp only); empty: every port"),
  addr: AddrSchema.nullable().default(null).describe("in: the source; out: the destination; null: anywhere"),
  comment: z.string().max(80).regex(/^[^"\\\n\r]*$/, "no quotes, backslashes or line breaks").default(""),
});
export type FirewallRule = z.infer<typeof FirewallRuleSchema>;
export type FirewallRuleInput = z.input<typeof FirewallRuleSchema>;

/** Homeport's whole table: the base policies, the usual safe rules, then the rules in order. */
export const FirewallPlanSchema = z.object({
  inputPolicy: z.enum(["accept", "drop"]),
  outputPolicy: z.enum(["accept", "drop"]).default("accept"),
  allowEstablished: z.boolean().default(true).describe("replies to connections this host made (inbound)"),
  allowLoopback: z.boolean().default(true),
  allowIcmp: z.boolean().default(true),
  rules: z.array(FirewallRuleSchema).max(MAX_FW_RULES),
});
export type FirewallPlan = z.infer<typeof FirewallPlanSchema>;
export type FirewallPlanInput = z.input<typeof FirewallPlanSchema>;

/** One port bare, several as a set: the way `nft list` prints them back (so the diff compares like with like). */
function portSet(ports: number[]): string {
  const ps = [...new Set(ports)].sort((a, b) => a - b);
  return ps.length === 1 ? String(ps[0]) : `{ ${ps.join(", ")} }`;
}

function ruleLine(r: FirewallRule): string {
  const parts: string[] = [];
  if (r.iface) parts.push(`${r.direction === "in" ? "iifname" : "oifname"} "${r.iface}"`);
  if (r.addr) parts.push(`${r.addr.includes(":") ? "ip6" : "ip"} ${r.direction === "in" ? "saddr" : "daddr"} ${r.addr}`);
  if (r.proto === "icmp") parts.push("meta l4proto { icmp, ipv6-icmp }");
  else if (r.proto !== "any") parts.push(r.ports.length > 0 ? `${r.proto} dport ${portSet(r.ports)}` : `meta l4proto ${r.proto}`);
  parts.push(r.action);
  if (r.comment) parts.push(`comment "${r.comment}"`);
  return parts.join(" ");
}

/** The table as nft text (what `nft list table inet homeport_fw` would show, give or take spacing). */
export function renderHomeportTable(plan: FirewallPlan): string {
  const chain = (name: string, hook: string, policy: string, head: string[], dir: "in" | "out") => [
    `\tchain ${name} {`,
    `\t\ttype filter hook ${hook} priority filter; policy ${policy};`,
    ...head.map((l) => `\t\t${l}`),
    ...plan.rules.filter((r) => r.direction === dir).map((r) => `\t\t${ruleLine(r)}`),
    "\t}",
  ];
  const inHead = [
    ...(plan.allowEstablished ? ["ct state established,related accept"] : []),
    ...(plan.allowLoopback ? ['iifname "lo" accept'] : []),
    ...(plan.allowIcmp ? ["meta l4proto { icmp, ipv6-icmp } accept"] : []),
  ];
  const outHead = plan.allowLoopback ? ['oifname "lo" accept'] : [];
  return [
    `table ${HOMEPORT_FW_FAMILY} ${HOMEPORT_FW_TABLE} {`,
    ...chain("input", "input", plan.inputPolicy, inHead, "in"),
    ...chain("output", "output", plan.outputPolicy, outHead, "out"),
    "}",
    "",
  ].join("\n");
}

/** One nft transaction that replaces Homeport's table and nothing else (creating it first makes the delete safe). */
export function replaceTableScript(tableText: string | null): string {
  const head = `table ${HOMEPORT_FW_FAMILY} ${HOMEPORT_FW_TABLE}\ndelete table ${HOMEPORT_FW_FAMILY} ${HOMEPORT_FW_TABLE}\n`;
  return tableText ? `${head}${tableText}` : head;
}

// ── what a read carries: the ruleset, compacted and bounded ──

export const RulesetTableSchema = z.object({ family: z.string().max(16), name: z.string().max(256) });
export const RulesetChainSchema = z.object({
  family: z.string().max(16),
  table: z.string().max(256),
  name: z.string().max(256),
  hook: z.string().max(32).nullable(),
  type: z.string().max(32).nullable(),
  prio: z.number().nullable(),
  policy: z.string().max(16).nullable(),
});
export const RulesetRuleSchema = z.object({
  family: z.string().max(16),
  table: z.string().max(256),
  chain: z.string().max(256),
  comment: z.string().max(256).nullable(),
  /** nft's JSON expressions (counters dropped), kept as they are: the control plane summarises them. */
  expr: z.array(z.unknown()).max(MAX_RULE_EXPRS),
});
export const RulesetSchema = z.object({
  tables: z.array(RulesetTableSchema).max(MAX_RULESET_TABLES),
  chains: z.array(RulesetChainSchema).max(MAX_RULESET_CHAINS),
  rules: z.array(RulesetRuleSchema).max(MAX_RULESET_RULES),
  truncated: z.boolean().describe("more rules than a read carries: the view is partial"),
});
export type Ruleset = z.infer<typeof RulesetSchema>;
export type RulesetChain = z.infer<typeof RulesetChainSchema>;
export type RulesetRule = z.infer<typeof RulesetRuleSchema>;

export const InterfaceSchema = z.object({
  name: z.string().max(32),
  up: z.boolean(),
  addresses: z.array(z.string().max(64)).max(64).describe("with prefix length, e.g. 192.168.1.10/24"),
});
export type HostInterface = z.infer<typeof InterfaceSchema>;

export const FirewallStateSchema = z.object({
  /** false with `reason` when nft is missing or the policy is off; the rest is then empty. */
  available: z.boolean(),
  reason: z.string().max(512).nullable(),
  ruleset: RulesetSchema,
  interfaces: z.array(InterfaceSchema).max(MAX_INTERFACES),
  /** Homeport's table as `nft list table` prints it; null when there is none. */
  homeportTable: z.string().max(64 * 1024).nullable(),
  /** Changes applied and not yet confirmed (the agent reverts them at their deadline). */
  pending: z.array(z.object({ changeId: Id, deadline: z.string().max(64) })).max(16),
});
export type FirewallState = z.infer<typeof FirewallStateSchema>;

export const FirewallReadRequests = {
  "firewall/read": { params: z.object({}), result: FirewallStateSchema },
} as const;

export const FirewallWriteRequests = {
  /**
   * Checks the table with `nft -c`, arms the dead-man's switch (undo: the previous Homeport table,
   * or none), applies it atomically and answers with a one-time token. Only a control plane that
   * received this answer (so the host can still reach it) can confirm.
   */
  "firewall/apply": {
    params: z.object({
      changeId: Id,
      plan: FirewallPlanSchema,
      confirmWithinSec: z.number().int().min(MIN_CONFIRM_SECONDS).max(MAX_CONFIRM_SECONDS),
    }),
    result: z.object({ deadline: z.string().max(64), confirmToken: z.string().regex(/^[a-f0-9]{32}$/), previousTable: z.string().max(64 * 1024).nullable() }),
  },
  /** Keeps the change for good; `confirmed: false` when it was already reverted (or the token is wrong). */
  "firewall/confirm": {
    params: z.object({ changeId: Id, confirmToken: z.string().regex(/^[a-f0-9]{32}$/) }),
    result: z.object({ confirmed: z.boolean(), detail: z.string().max(1024) }),
  },
} as const;

export const FirewallEvents = {
  /** The agent undid an unconfirmed change: at the deadline, at its own start, or when stopping. */
  "firewall/reverted": z.object({
    changeId: Id,
    at: z.string().max(64),
    reason: z.enum(["deadline", "agent-start", "shutdown"]),
    ok: z.boolean(),
    error: z.string().max(4096).nullable(),
  }),
} as const;
