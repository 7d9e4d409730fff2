// What this agent can inject (`gameday/capabilities`): the owner's policy, nftables and netem, with reasons in words.
import type { FaultCapabilities, HostPolicy } from "@/lib/protocol";
import { netemSupport } from "./netem";
import { runTool, toolError } from "./run";

export interface NftSupport {
  ok: boolean;
  reason: string | null;
}

/** `nft list tables` works: nft is installed and this process may use netfilter (root, CAP_NET_ADMIN). */
export async function nftSupport(): Promise<NftSupport> {
  const argv = ["nft", "list", "tables"];
  const r = await runTool(argv);
  if (r.code === 0) return { ok: true, reason: null };
  if (r.spawnError) return { ok: false, reason: "nft (nftables) is not installed: internet-down is unavailable" };
  return { ok: false, reason: `nftables is not usable here (${toolError(argv, r)}): internet-down is unavailable` };
}

export async function faultCapabilities(policy: HostPolicy): Promise<FaultCapabilities> {
  const [nft, netem] = await Promise.all([nftSupport(), netemSupport()]);
  const reasons: string[] = [];
  if (!policy.allowFaults) reasons.push("this host's owner turned game days off (--deny-faults)");
  if (nft.reason) reasons.push(nft.reason);
  if (netem.reason) reasons.push(netem.reason);
  return { allowed: policy.allowFaults, nftables: nft.ok, netem: netem.ok, reasons: reasons.map((r) => r.slice(0, 512)) };
}
