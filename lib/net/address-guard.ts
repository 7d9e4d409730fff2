// One address guard for everything Homeport connects to on a user's say-so (probe targets, route
// upstreams, notification URLs): refuses link-local and cloud-metadata addresses in every
// spelling (IPv4-mapped, -compatible and -translated, NAT64, 6to4, Teredo, numeric/hex/octal
// IPv4), unspecified addresses, and the admin endpoints that would hand over a host (Docker's API
// ports, Caddy's admin API). Loopback and private ranges stay allowed: it is a homelab.
// No Node built-ins here: forms validate with it in the browser.

export const ALLOWED_URL_SCHEMES = ["http:", "https:"] as const;
/** Docker Engine's API over TCP (plain and TLS): whoever reaches it owns the host. */
export const DOCKER_API_PORTS: readonly number[] = [2375, 2376];
/** Caddy's admin API port: whoever reaches it rewrites (or stops) the proxy. */
export const CADDY_ADMIN_PORT = 2019;

/** An admin API Homeport knows about (e.g. the configured Caddy's), refused as a target. */
export interface AdminEndpoint {
  host: string;
  port: number;
  /** For messages: "Caddy's admin API". */
  what: string;
}

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

const unbracket = (h: string) => h.trim().replace(/^\[|\]$/g, "");

export const isIpLiteral = (h: string) => isIP(unbracket(h)) !== 0;

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

const LEGACY_PART = /^(0x[0-9a-f]*|0[0-7]*|[1-9]\d*)$/i;

/**
 * The dotted-quad address that inet_aton (and so getaddrinfo and most socket APIs) reads from a
 * legacy numeric form — "2852039166", "0xa9fea9fe", "0251.0376.0251.0376", "169.254.43518" — or
 * null when the string is not one. URL parsers normalise these; TCP targets do not.
 */
export function legacyIPv4(s: string): string | null {
  const parts = s.replace(/\.$/, "").split(".");
  if (parts.length > 4 || !parts.every((p) => LEGACY_PART.test(p))) return null;
  const nums = parts.map((p) => (/^0x/i.test(p) ? (p.length === 2 ? 0 : parseInt(p.slice(2), 16)) : p.length > 1 && p.startsWith("0") ? parseInt(p, 8) : Number(p)));
  const last = nums.length - 1;
  if (nums.slice(0, last).some((n) => n > 255) || nums[last]! >= 2 ** (8 * (4 - last))) return null;
  let value = nums[last]!;
  for (let i = 0; i < last; i++) value += nums[i]! * 2 ** (8 * (3 - i));
  return [24, 16, 8, 0].map((sh) => Math.floor(value / 2 ** sh) % 256).join(".");
}

function ipv4Refusal(addr: string): string | null {
  const [a, b, c, d] = addr.split(".").map(Number);
  if (a === 0) return `${addr} is an unspecified ("this network") address (0.0.0.0/8)`;
  if (a === 169 && b === 254) return `${addr} is a link-local / cloud-metadata address (169.254.0.0/16)`;
  if (a === 100 && b === 100 && c === 100 && d === 200) return `${addr} is a cloud-metadata address (Alibaba Cloud)`;
  return null;
}

const v4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
const zeros = (g: number[], from: number, to: number) => g.slice(from, to).every((x) => x === 0);

/** The IPv4 addresses an IPv6 address carries (mapped, translated, compatible, NAT64, 6to4, Teredo). */
export function embeddedIPv4(g: number[]): { v4: string; form: string }[] {
  const out: { v4: string; form: string }[] = [];
  if (zeros(g, 0, 5) && g[5] === 0xffff) out.push({ v4: v4Of(g[6]!, g[7]!), form: "IPv4-mapped" });
  if (zeros(g, 0, 4) && g[4] === 0xffff && g[5] === 0) out.push({ v4: v4Of(g[6]!, g[7]!), form: "IPv4-translated" });
  if (zeros(g, 0, 6) && !(g[6] === 0 && g[7]! <= 1)) out.push({ v4: v4Of(g[6]!, g[7]!), form: "IPv4-compatible" });
  if (g[0] === 0x64 && g[1] === 0xff9b && (zeros(g, 2, 6) || g[2] === 1)) out.push({ v4: v4Of(g[6]!, g[7]!), form: "NAT64" });
  if (g[0] === 0x2002) out.push({ v4: v4Of(g[1]!, g[2]!), form: "6to4" });
  if (g[0] === 0x2001 && g[1] === 0) {
    out.push({ v4: v4Of(g[2]!, g[3]!), form: "Teredo server" });
    out.push({ v4: v4Of(~g[6]! & 0xffff, ~g[7]! & 0xffff), form: "Teredo client" });
  }
  return out;
}

/**
 * Why an address may not be connected to, or null if it may. Host names (not IP literals or
 * numeric IPv4 forms) return null: their resolved addresses are checked at connect time.
 */
export function addressRefusal(hostOrIp: string): string | null {
  const h = unbracket(hostOrIp);
  if (isIPv4(h)) return ipv4Refusal(h);
  const legacy = legacyIPv4(h);
  if (legacy !== null) {
    const r = ipv4Refusal(legacy);
    return r ? `${h} means ${legacy}: ${r}` : `${h} is ${legacy} in a numeric, hex or octal form that programs read differently; write ${legacy}`;
  }
  const g = ipv6Groups(h);
  if (!g) return null;
  if (g.every((x) => x === 0)) return `${h} is the unspecified address (::)`;
  if ((g[0]! & 0xffc0) === 0xfe80) return `${h} is an IPv6 link-local address (fe80::/10)`;
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && zeros(g, 2, 7) && g[7] === 0x254) return `${h} is a cloud-metadata address (fd00:ec2::254)`;
  for (const e of embeddedIPv4(g)) {
    const r = ipv4Refusal(e.v4);
    if (r) return `${h} carries ${e.v4} (${e.form}): ${r}`;
  }
  return null;
}

/** Why a port may not be connected to on any address (an admin API that hands over the host), or null. */
export function portRefusal(port: number): string | null {
  if (DOCKER_API_PORTS.includes(port)) return `port ${port} is Docker's API, which would hand over the host`;
  if (port === CADDY_ADMIN_PORT) return `port ${port} is Caddy's admin API, which would hand over the proxy`;
  return null;
}

/** A comparable form of an address: IPv4 dotted (also from IPv4-mapped IPv6), IPv6 groups, or a lower-case name. */
function canonicalHost(host: string): string {
  const h = unbracket(host).toLowerCase().replace(/\.$/, "");
  if (isIPv4(h)) return h;
  const legacy = legacyIPv4(h);
  if (legacy) return legacy;
  const g = ipv6Groups(h);
  if (!g) return h;
  if (zeros(g, 0, 5) && g[5] === 0xffff) return v4Of(g[6]!, g[7]!);
  return g.map((x) => x.toString(16)).join(":");
}

/** Loopback or unspecified: from the machine that dials, these may reach an admin API bound locally. */
function isLocal(canonical: string): boolean {
  return canonical.startsWith("127.") || canonical.startsWith("0.") || canonical === "0:0:0:0:0:0:0:1" || canonical === "0:0:0:0:0:0:0:0" || canonical === "localhost";
}

/** Why `host:port` is one of the given admin endpoints (same address and port, or loopback on its port), or null. */
export function adminEndpointRefusal(host: string, port: number, admin: readonly AdminEndpoint[]): string | null {
  const h = canonicalHost(host);
  for (const a of admin) {
    if (a.port !== port) continue;
    if (canonicalHost(a.host) === h || isLocal(h)) return `${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port} is ${a.what}`;
  }
  return null;
}

/** Everything about one `host:port`: the address, the port, and the known admin endpoints. */
export function endpointRefusal(host: string, port: number, admin: readonly AdminEndpoint[] = []): string | null {
  return addressRefusal(host) ?? portRefusal(port) ?? adminEndpointRefusal(host, port, admin);
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/** The admin endpoint a URL points at (host and port, default ports filled in), or null for a non-URL. */
export function adminEndpointOf(url: string, what: string): AdminEndpoint | null {
  try {
    const u = new URL(url);
    const port = u.port ? Number(u.port) : DEFAULT_PORTS[u.protocol];
    return port ? { host: unbracket(u.hostname), port, what } : null;
  } catch {
    return null;
  }
}

/** Why a URL may not be connected to (scheme, credentials, address, port, admin endpoint), or null if it may. */
export function urlRefusal(raw: string, admin: readonly AdminEndpoint[] = []): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return "not a valid URL";
  }
  if (!(ALLOWED_URL_SCHEMES as readonly string[]).includes(u.protocol)) return `the ${u.protocol} scheme is not allowed (only http and https)`;
  if (u.username || u.password) return "credentials do not belong in the URL";
  if (!u.hostname) return "the URL has no host";
  return endpointRefusal(u.hostname, u.port ? Number(u.port) : DEFAULT_PORTS[u.protocol]!, admin);
}
