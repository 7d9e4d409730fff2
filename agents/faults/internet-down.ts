// The "internet down" fault: loads its own nftables table (nft-ruleset.ts) and deletes it at the end.
import type Docker from "dockerode";
import { AgentError } from "../errors";
import { deleteTableArgv, internetDownRuleset, splitNets, tooWide } from "./nft-ruleset";
import { runTool, toolError } from "./run";

/** Docker's subnets on this host (containers keep their own and the LAN's traffic); none when Docker is away. */
export async function containerSubnets(docker: Docker): Promise<string[]> {
  const nets = await docker.listNetworks().catch(() => []);
  return nets.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => typeof s === "string"));
}

/** Refuses local networks that are not networks or are so wide the fault would do nothing. */
export function checkLocalNets(localNets: string[]): void {
  let split;
  try {
    split = splitNets(localNets);
  } catch (err) {
    throw new AgentError("invalid_params", err instanceof Error ? err.message : String(err));
  }
  const wide = tooWide([...split.v4, ...split.v6]);
  if (wide.length > 0) throw new AgentError("invalid_params", `${wide.join(", ")} would keep the internet reachable; give the LAN's own networks`);
}

/** Loads the table in one transaction (all rules or none). */
export async function applyInternetDown(table: string, localNets: string[], containerNets: string[], comment: string): Promise<string> {
  const text = internetDownRuleset({ table, localNets, containerNets, comment });
  const argv = ["nft", "-f", "-"];
  const r = await runTool(argv, { input: text });
  if (r.code !== 0) throw new AgentError(r.spawnError ? "unavailable" : "internal", toolError(argv, r));
  return `nftables table inet ${table} drops everything but ${localNets.join(", ")}${containerNets.length ? `, this host's container networks` : ""} and loopback`;
}

/** Deletes the table; a table already gone (the failsafe ran, a person removed it) is fine. */
export async function revertInternetDown(table: string): Promise<void> {
  const argv = deleteTableArgv(table);
  const r = await runTool(argv);
  if (r.code === 0) return;
  if (/No such file or directory|does not exist/i.test(r.stderr)) return;
  throw new Error(toolError(argv, r));
}

/** Whether the table is loaded (for tests and for `gameday/active` callers that want proof). */
export async function tableExists(table: string): Promise<boolean> {
  const r = await runTool(["nft", "list", "table", "inet", table]);
  return r.code === 0;
}
