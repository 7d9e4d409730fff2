// Turns a host's ruleset (as the agent read it) into what is allowed in and out per interface, in
// words; Docker's chains are recognised and summarised rather than dumped. Pure.
import { HOMEPORT_FW_FAMILY, HOMEPORT_FW_TABLE, type HostInterface, type Ruleset, type RulesetChain } from "@/lib/protocol/firewall";
import { readRule, subjectOf, verbOf, type RuleMeaning } from "./rule-words";
import type { ChainHook, ChainView, DirectionWords, FirewallView, InterfaceView } from "./schemas";

const HOOKS: ChainHook[] = ["input", "output", "forward"];
export const isDockerChain = (name: string) => /^DOCKER/.test(name);
const tableName = (c: { family: string; table: string }) => `${c.family} ${c.table}`;
const isHomeport = (c: { family: string; table: string }) => c.family === HOMEPORT_FW_FAMILY && c.table === HOMEPORT_FW_TABLE;

interface BaseChain {
  chain: RulesetChain & { hook: ChainHook };
  rules: RuleMeaning[];
}

function baseChains(rs: Ruleset): BaseChain[] {
  return rs.chains
    .filter((c): c is RulesetChain & { hook: ChainHook } => c.type === "filter" && HOOKS.includes(c.hook as ChainHook))
    .map((chain) => ({
      chain,
      rules: rs.rules.filter((r) => r.family === chain.family && r.table === chain.table && r.chain === chain.name).map((r) => readRule(r.expr)),
    }));
}

/** Whether an interface condition ("eth0", "not docker0", "eth0, eth1") holds for `name`; null holds always. */
export function ifaceHolds(cond: string | null, name: string): boolean {
  if (!cond) return true;
  const negated = cond.startsWith("not ");
  const names = (negated ? cond.slice(4) : cond).split(", ").map((n) => n.replace(/^"|"$/g, ""));
  const hit = names.some((n) => n === name || (n.endsWith("*") && name.startsWith(n.slice(0, -1))));
  return negated ? !hit : hit;
}

/** One chain's meaning for one interface: "tcp 22, 80 accepted; everything else dropped". */
export function chainWords(rules: RuleMeaning[], policy: string, iface: string, dir: "in" | "out"): string {
  // Consecutive rules with the same outcome form one phrase; plain "tcp 22" ones merge their ports.
  const groups: { verb: string; subjects: string[]; ports: Map<string, string[]> }[] = [];
  for (const m of rules) {
    if (!ifaceHolds(dir === "in" ? m.iif : m.oif, iface)) continue;
    const verb = m.verdict === "jump" && m.target && isDockerChain(m.target) ? "handed to Docker's chains" : verbOf(m);
    let g = groups.at(-1);
    if (!g || g.verb !== verb) groups.push((g = { verb, subjects: [], ports: new Map() }));
    const plain = m.proto && m.ports.length > 0 && !m.saddr && !m.daddr && m.other === 0 && !m.established;
    if (plain) {
      const had = g.ports.get(m.proto!);
      if (had) had.push(...m.ports);
      else {
        g.ports.set(m.proto!, [...m.ports]);
        g.subjects.push(`\u0000${m.proto}`);
      }
    } else g.subjects.push(subjectOf(m, false));
    // An unconditional verdict ends the chain for this interface: nothing after it is reached.
    if (subjectOf(m, false) === "everything" && (m.verdict === "accept" || m.verdict === "drop" || m.verdict === "reject")) {
      // What the same verdict said just before is part of "everything" now.
      g.subjects = ["everything"];
      return render(groups);
    }
  }
  return `${render(groups)}${groups.length > 0 ? "; " : ""}everything else ${policy === "drop" ? "dropped" : "accepted"}`;
}

function render(groups: { verb: string; subjects: string[]; ports: Map<string, string[]> }[]): string {
  return groups.map((g) => `${g.subjects.map((s) => (s.startsWith("\u0000") ? `${s.slice(1)} ${g.ports.get(s.slice(1))!.join(", ")}` : s)).join(", ")} ${g.verb}`).join("; ");
}

function directionWords(chains: BaseChain[], hook: ChainHook, iface: string, dir: "in" | "out"): DirectionWords[] {
  const on = chains.filter((c) => c.chain.hook === hook);
  if (on.length === 0) return [{ table: "", words: "everything accepted (no filter chain on this hook)" }];
  return on.map((c) => ({ table: tableName(c.chain), words: chainWords(c.rules, c.chain.policy ?? "accept", iface, dir) }));
}

export function firewallView(rs: Ruleset, interfaces: HostInterface[]): FirewallView {
  const chains = baseChains(rs);
  const dockerChains = rs.chains.filter((c) => isDockerChain(c.name));
  const dockerTables = [...new Set(dockerChains.map(tableName))];
  const views: ChainView[] = chains.map((c) => ({
    table: tableName(c.chain),
    name: c.chain.name,
    hook: c.chain.hook,
    policy: c.chain.policy === "drop" ? "drop" : "accept",
    docker: c.rules.some((r) => r.target !== null && isDockerChain(r.target)),
    homeport: isHomeport(c.chain),
    rules: c.rules.map((r) => ({ text: r.verdict === "jump" && r.target && isDockerChain(r.target) ? `${subjectOf(r)} handed to Docker's chains (${r.target})` : `${subjectOf(r)} ${verbOf(r)}`, verdict: r.verdict })),
  }));
  const ifaces: InterfaceView[] = interfaces.map((i) => ({
    name: i.name,
    up: i.up,
    addresses: i.addresses,
    inbound: directionWords(chains, "input", i.name, "in"),
    outbound: directionWords(chains, "output", i.name, "out"),
  }));
  const notes: string[] = [];
  if (dockerChains.length > 0) notes.push("Traffic to containers' published ports passes the forward hook (Docker's chains), not input: input rules do not filter it.");
  if (rs.truncated) notes.push("The ruleset is larger than one read carries: some rules are not shown.");
  return {
    headline: headlineOf(chains),
    interfaces: ifaces,
    chains: views,
    docker: dockerChains.length > 0
      ? { chains: dockerChains.length, tables: dockerTables, summary: `Docker manages ${dockerChains.length} chain${dockerChains.length === 1 ? "" : "s"} (${dockerTables.join(", ")}): it forwards published ports to containers and isolates its networks from each other.` }
      : null,
    homeportTable: rs.tables.some((t) => t.family === HOMEPORT_FW_FAMILY && t.name === HOMEPORT_FW_TABLE),
    truncated: rs.truncated,
    notes,
  };
}

/** Whether anything filters inbound traffic: an input chain that drops by policy or by some rule. */
export function headlineOf(chains: { chain: { hook: string; policy: string | null; family: string; table: string }; rules: RuleMeaning[] }[]): FirewallView["headline"] {
  const input = chains.filter((c) => c.chain.hook === "input");
  const filtering = input.filter((c) => c.chain.policy === "drop" || c.rules.some((r) => r.verdict === "drop" || r.verdict === "reject"));
  if (filtering.length === 0) {
    return { tone: "warning", text: input.length === 0 ? "Nothing filters inbound traffic on this host: every listening port is reachable from every network it is on." : "No input rule drops anything on this host: every listening port is reachable from every network it is on." };
  }
  const names = filtering.map((c) => (isHomeport(c.chain) ? "Homeport's table" : `table ${tableName(c.chain)}`));
  return { tone: "ok", text: `Inbound traffic is filtered by ${names.join(" and ")}.` };
}

/** Inbound tcp/udp ports some input chain accepts on an interface now ("tcp 8080"), for "would be cut". */
export function acceptedInbound(rs: Ruleset): string[] {
  const out = new Set<string>();
  for (const c of baseChains(rs)) {
    if (c.chain.hook !== "input" || isHomeport(c.chain)) continue;
    for (const m of c.rules) if (m.verdict === "accept" && m.proto && m.ports.length > 0 && m.other === 0) for (const p of m.ports) out.add(`${m.proto} ${p}`);
  }
  return [...out];
}
