// Checks a host address in words before it is sent (the same rule as PATCH /api/v1/hosts/:id), and
// picks the addresses an agent sees on its interfaces that are worth suggesting for exposure scans.
import { z } from "zod";

/** The most addresses a host may have (HostUpdateSchema's limit). */
export const MAX_HOST_ADDRESSES = 16;

/** Docker's own bridges and veth pairs: their addresses are private to the host, never scanned from elsewhere. */
const DOCKER_INTERFACE = /^(docker.*|br-[0-9a-f]{6,}|veth.*|lo)$/;

const IpLiteral = z.union([z.ipv4(), z.ipv6()]);

/** Trims what a user typed or pasted, and takes an IPv6 address out of its brackets ("[2001:db8::1]"). */
export function cleanAddress(text: string): string {
  const t = text.trim();
  return /^\[.*\]$/.test(t) ? t.slice(1, -1) : t;
}

export function isIpLiteral(text: string): boolean {
  return IpLiteral.safeParse(text).success;
}

/** One spelling per address, so "2001:DB8::1" and "2001:db8:0::1" count as the same one. */
export function addressKey(address: string): string {
  const a = address.toLowerCase();
  if (!a.includes(":")) return a;
  let text = a;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [b1, b2, b3, b4] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((b1 << 8) | b2).toString(16)}:${((b3 << 8) | b4).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => "0");
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, "")).join(":");
}

/** Why `text` cannot be added to `current`, in words; null when it can. */
export function addressProblem(text: string, current: readonly string[]): string | null {
  const a = cleanAddress(text);
  if (!a) return "Enter an IP address, such as 192.168.1.10 or 2001:db8::10.";
  if (/\/\d*$/.test(a)) return `Enter the address alone, without a prefix length: ${a.replace(/\/\d*$/, "")} rather than ${a}.`;
  if (/\s|,/.test(a)) return "Enter one address at a time.";
  if (!isIpLiteral(a)) {
    return /^[a-z0-9.-]+$/i.test(a) && /[a-z]/i.test(a) && !/^[0-9a-f:]+$/i.test(a)
      ? `"${a}" is a name, not an IP address: scans target addresses only (such as 192.168.1.10).`
      : `"${a}" is not an IPv4 or IPv6 address (such as 192.168.1.10 or 2001:db8::10).`;
  }
  const key = addressKey(a);
  if (current.some((c) => addressKey(c) === key)) return `${a} is already listed.`;
  if (current.length >= MAX_HOST_ADDRESSES) return `A host has at most ${MAX_HOST_ADDRESSES} addresses: remove one first.`;
  return null;
}

/** Loopback, link-local or unspecified: an address nobody else can reach the host on. */
export function isLocalOnly(address: string): boolean {
  const a = addressKey(address);
  if (!a.includes(":")) return /^(127\.|169\.254\.|0\.0\.0\.0$)/.test(a);
  const first = parseInt(a.split(":")[0] ?? "0", 16);
  return a === "0:0:0:0:0:0:0:1" || a === "0:0:0:0:0:0:0:0" || (first & 0xffc0) === 0xfe80 || /^0:0:0:0:0:ffff:7f/.test(a);
}

export interface InterfaceAddresses {
  name: string;
  up: boolean;
  addresses: string[];
}

export interface AddressSuggestion {
  address: string;
  interface: string;
}

/** The addresses the agent sees on its up interfaces, minus loopback, link-local, Docker's bridges and what is listed. */
export function suggestAddresses(interfaces: readonly InterfaceAddresses[], current: readonly string[]): AddressSuggestion[] {
  const seen = new Set(current.map(addressKey));
  const out: AddressSuggestion[] = [];
  for (const i of interfaces) {
    if (!i.up || DOCKER_INTERFACE.test(i.name)) continue;
    for (const withPrefix of i.addresses) {
      const address = withPrefix.split("/")[0]!.split("%")[0]!;
      if (!isIpLiteral(address) || isLocalOnly(address) || seen.has(addressKey(address))) continue;
      seen.add(addressKey(address));
      out.push({ address, interface: i.name });
    }
  }
  return out;
}
