// What a probe may connect to: only http/https/tcp/dns, never link-local (169.254.0.0/16,
// fe80::/10) or cloud-metadata (fd00:ec2::254) addresses. Private ranges are allowed: it is a
// homelab. Checks run on the *resolved* address too, so a name that resolves to
// 169.254.169.254 is refused before any connection is made.
// No Node built-ins here: the schemas that use these rules also validate forms in the browser.

export const ALLOWED_URL_SCHEMES = ["http:", "https:"] as const;

const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;

/** node:net's isIPv4, without Node: four decimal octets, no leading zeros. */
export function isIPv4(s: string): boolean {
  return IPV4_RE.test(s);
}

/** node:net's isIPv6, without Node: hex groups, at most one "::", an optional dotted IPv4 tail and zone. */
export function isIPv6(s: string): boolean {
  const zone = s.indexOf("%");
  if (zone !== -1 && !/^%[0-9a-zA-Z\-.:]+$/.test(s.slice(zone))) return false;
  let addr = zone === -1 ? s : s.slice(0, zone);
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (v4) {
    if (!isIPv4(v4[1]!)) return false;
    addr = addr.slice(0, -v4[1]!.length) + "0:0";
  }
  const halves = addr.split("::");
  if (halves.length > 2) return false;
  const part = (h: string) => (h === "" ? [] : h.split(":"));
  const groups = halves.flatMap(part);
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

/** 4 or 6 for an IP literal, 0 otherwise (as node:net's isIP). */
export function isIP(s: string): 0 | 4 | 6 {
  return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0;
}

/** Eight 16-bit groups of an IPv6 address (handles "::" and a dotted IPv4 tail), or null. */
export function ipv6Groups(addr: string): number[] | null {
  if (!isIPv6(addr)) return null;
  let s = addr.split("%")[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const o = v4[1]!.split(".").map(Number);
    s = s.slice(0, -v4[1]!.length) + `${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const [head, tail] = s.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - h.length - t.length).fill("0");
  const groups = [...h, ...fill, ...t].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function ipv4Refusal(addr: string): string | null {
  const [a, b] = addr.split(".").map(Number);
  if (a === 169 && b === 254) return `${addr} is a link-local / cloud-metadata address (169.254.0.0/16)`;
  return null;
}

/**
 * Why an address may not be probed, or null if it may. Host names (not IP literals) return null:
 * their resolved addresses are checked at connect time.
 */
export function addressRefusal(hostOrIp: string): string | null {
  const h = hostOrIp.replace(/^\[|\]$/g, "");
  if (isIPv4(h)) return ipv4Refusal(h);
  const g = ipv6Groups(h);
  if (!g) return null;
  if ((g[0]! & 0xffc0) === 0xfe80) return `${h} is an IPv6 link-local address (fe80::/10)`;
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) {
    return `${h} is a cloud-metadata address (fd00:ec2::254)`;
  }
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address inside.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    const v4 = `${g[6]! >> 8}.${g[6]! & 0xff}.${g[7]! >> 8}.${g[7]! & 0xff}`;
    const r = ipv4Refusal(v4);
    if (r) return r;
  }
  return null;
}

/** Why a URL may not be probed (scheme, credentials, literal address), or null if it may. */
export function urlRefusal(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return "not a valid URL";
  }
  if (!(ALLOWED_URL_SCHEMES as readonly string[]).includes(u.protocol)) return `the ${u.protocol} scheme is not allowed (only http and https)`;
  if (u.username || u.password) return "credentials do not belong in the URL";
  if (!u.hostname) return "the URL has no host";
  return addressRefusal(u.hostname);
}

export const isIpLiteral = (h: string) => isIP(h.replace(/^\[|\]$/g, "")) !== 0;
