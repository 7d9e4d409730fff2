// The nftables ruleset text of an "internet down" game day: one table of its own that drops every
// packet whose peer is outside the local networks, both ways, forwarded container traffic included.
import { isIPv4, isIPv6 } from "node:net";
import { CidrSchema } from "@/lib/protocol";

export const TABLE_PREFIX = "homeport_gd_";
/** Runs before the usual filter chains (Docker's, ufw's), so nothing there accepts the traffic first. */
export const CHAIN_PRIORITY = "filter - 10";
/** A "local" network wider than this would keep the internet reachable: refused. */
export const MIN_PREFIX_V4 = 8;
export const MIN_PREFIX_V6 = 8;

/** Never dropped: loopback, link-local, multicast and broadcast (neighbour discovery, DHCP, mDNS). */
export const ALWAYS_LOCAL_V4 = ["127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "0.0.0.0/32", "255.255.255.255/32"];
export const ALWAYS_LOCAL_V6 = ["::1/128", "fe80::/10", "ff00::/8"];

/** The table of one experiment; ids are [A-Za-z0-9_-], which nft takes as an identifier after the prefix. */
export function gameDayTable(experimentId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(experimentId)) throw new Error(`not an experiment id: ${JSON.stringify(experimentId)}`);
  return `${TABLE_PREFIX}${experimentId}`;
}

export interface SplitNets {
  v4: string[];
  v6: string[];
}

/** Splits CIDRs by family, lower-cased and without duplicates; throws on anything that is not a CIDR. */
export function splitNets(nets: string[]): SplitNets {
  const v4 = new Set<string>();
  const v6 = new Set<string>();
  for (const raw of nets) {
    const n = raw.trim().toLowerCase();
    if (!CidrSchema.safeParse(n).success) throw new Error(`${JSON.stringify(raw)} is not a network such as 192.168.1.0/24`);
    const [addr = ""] = n.split("/");
    if (addr.includes(":")) {
      if (!isIPv6(addr)) throw new Error(`${raw} is not an IPv6 network`);
      v6.add(n);
    } else {
      if (!isIPv4(addr)) throw new Error(`${raw} is not an IPv4 network`);
      v4.add(n);
    }
  }
  return { v4: [...v4], v6: [...v6] };
}

/** The local networks a person gave that are so wide they would keep the internet up. */
export function tooWide(nets: string[]): string[] {
  return nets.filter((n) => {
    const len = Number(n.split("/")[1]);
    return n.includes(":") ? len < MIN_PREFIX_V6 : len < MIN_PREFIX_V4;
  });
}

export interface InternetDownInput {
  table: string;
  /** What the person keeps reachable (the LAN). */
  localNets: string[];
  /** This host's container networks (Docker's subnets): containers keep talking to each other and to the LAN. */
  containerNets?: string[];
  /** Shown by `nft list ruleset`, so a person who finds the table knows what it is. */
  comment?: string;
}

const set = (items: string[]) => `{ ${items.join(", ")} }`;
const quote = (s: string) => `"${s.replace(/[^A-Za-z0-9 _.,:;()+=@/-]/g, "").slice(0, 120)}"`;

/** The whole `nft -f` input: creates the table with an input, an output and a forward chain. */
export function internetDownRuleset(input: InternetDownInput): string {
  if (!input.table.startsWith(TABLE_PREFIX) || !/^[A-Za-z0-9_-]+$/.test(input.table)) throw new Error(`not a game-day table: ${input.table}`);
  const given = splitNets(input.localNets);
  if (given.v4.length + given.v6.length === 0) throw new Error("an internet-down fault needs at least one local network");
  const wide = tooWide([...given.v4, ...given.v6]);
  if (wide.length > 0) throw new Error(`${wide.join(", ")} would keep the internet reachable; give the LAN's own networks`);
  const containers = splitNets((input.containerNets ?? []).filter((n) => CidrSchema.safeParse(n).success));
  const v4 = [...new Set([...ALWAYS_LOCAL_V4, ...given.v4, ...containers.v4])];
  const v6 = [...new Set([...ALWAYS_LOCAL_V6, ...given.v6, ...containers.v6])];
  const chain = (name: string, hook: string, rules: string[]) =>
    [`  chain ${name} {`, `    type filter hook ${hook} priority ${CHAIN_PRIORITY}; policy accept;`, ...rules.map((r) => `    ${r}`), "  }"].join("\n");
  return [
    `table inet ${input.table} {`,
    ...(input.comment ? [`  comment ${quote(input.comment)}`] : []),
    chain("input", "input", ['iif "lo" accept', `ip saddr ${set(v4)} accept`, `ip6 saddr ${set(v6)} accept`, "counter drop"]),
    chain("output", "output", ['oif "lo" accept', `ip daddr ${set(v4)} accept`, `ip6 daddr ${set(v6)} accept`, "counter drop"]),
    chain("forward", "forward", [`ip saddr ${set(v4)} ip daddr ${set(v4)} accept`, `ip6 saddr ${set(v6)} ip6 daddr ${set(v6)} accept`, "counter drop"]),
    "}",
    "",
  ].join("\n");
}

/** The argv that removes the table: the undo, and the detached failsafe after a kill -9. */
export function deleteTableArgv(table: string): string[] {
  return ["nft", "delete", "table", "inet", table];
}
