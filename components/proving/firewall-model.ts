// Words and tones for the firewall pages: a rule in words, a change's status, the hosts list order
// (what needs attention first). Pure, browser-safe.
import type { BadgeTone } from "@/components/ui/badge";
import type { FirewallRule } from "@/lib/protocol/firewall";
import type { FirewallChangeStatus, FirewallHostSummary } from "@/lib/firewall/schemas";

export const FIREWALL_PATH = (hostId: string) => `/api/v1/hosts/${encodeURIComponent(hostId)}/firewall`;
/** While a change waits for its confirmation or its revert, the page re-reads this often. */
export const PENDING_POLL_MS = 2_000;
/** The confirmation windows offered when applying (seconds). */
export const CONFIRM_CHOICES = [30, 60, 120, 300] as const;

/** "accept tcp 22 in from 198.51.100.0/24 on eth0" */
export function ruleWords(r: FirewallRule): string {
  const what = r.proto === "any" ? "everything" : r.proto === "icmp" ? "ICMP" : r.ports.length > 0 ? `${r.proto} ${r.ports.join(", ")}` : `all ${r.proto}`;
  const dir = r.direction === "in" ? "in" : "out";
  const where = r.addr ? (r.direction === "in" ? ` from ${r.addr}` : ` to ${r.addr}`) : r.direction === "in" ? " from anywhere" : "";
  const iface = r.iface ? ` on ${r.iface}` : "";
  return `${r.action === "accept" ? "Allow" : "Drop"} ${what} ${dir}${where}${iface}`;
}

export const STATUS_TONE: Record<FirewallChangeStatus, BadgeTone> = { pending: "info", applied: "warning", confirmed: "success", reverted: "danger", failed: "danger" };
export const STATUS_LABEL: Record<FirewallChangeStatus, string> = {
  pending: "Applying",
  applied: "Awaiting confirmation",
  confirmed: "Confirmed",
  reverted: "Reverted",
  failed: "Failed",
};

/** Hosts needing attention first (a change reverted or failed, one waiting), then the rest by name. */
export function hostsByAttention(hosts: FirewallHostSummary[]): FirewallHostSummary[] {
  const rank = (h: FirewallHostSummary) => {
    const s = h.lastChange?.status;
    if (s === "failed" || s === "reverted") return 0;
    if (s === "applied" || s === "pending") return 1;
    if (!h.online) return 2;
    return 3;
  };
  return [...hosts].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
