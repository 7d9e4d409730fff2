// The networks an internet-down fault keeps reachable: the "LAN networks" setting, each LAN host's
// /24 (IPv6: /64), and the control plane's own addresses, so the agent's link home never breaks.
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import { MAX_LOCAL_NETS } from "@/lib/protocol/gameday";

/** The network of an address at a prefix length, in CIDR form. */
export function networkOf(address: string, v4Prefix = 24, v6Prefix = 64): string | null {
  const a = address.trim().replace(/^\[|\]$/g, "");
  if (isIP(a) === 4) {
    const octets = a.split(".").map(Number);
    const keep = Math.floor(v4Prefix / 8);
    return `${octets.map((o, i) => (i < keep ? o : 0)).join(".")}/${v4Prefix}`;
  }
  if (isIP(a) === 6) {
    if (v6Prefix === 128) return `${a.toLowerCase()}/128`;
    const [head = "", tail = ""] = a.toLowerCase().split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = a.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
    return `${groups.slice(0, 4).map((g) => g || "0").join(":")}::/64`;
  }
  return null;
}

/** The control plane's own non-loopback addresses, each as a host network (/32, /128). */
export function ownAddressNets(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const i of list ?? []) {
      if (i.internal || i.address.startsWith("fe80")) continue;
      const n = networkOf(i.address, 32, 128);
      if (n) out.push(n);
    }
  }
  return out;
}

/** Setting first, then LAN hosts' networks, then the control plane's addresses; deduplicated and capped. */
export function localNets(setting: string[], lanHostAddresses: string[], own: string[]): string[] {
  const hostNets = lanHostAddresses.map((a) => networkOf(a)).filter((n): n is string => n !== null);
  return [...new Set([...setting, ...hostNets, ...own])].slice(0, MAX_LOCAL_NETS);
}
