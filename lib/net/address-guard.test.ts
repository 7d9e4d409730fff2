import { describe, expect, it } from "vitest";
import { addressRefusal, adminEndpointOf, endpointRefusal, legacyIPv4, urlRefusal, type AdminEndpoint } from "./address-guard";

describe("addressRefusal: every spelling of a refused address", () => {
  const refused: { desc: string; addr: string; mentions: string }[] = [
    { desc: "metadata IPv4", addr: "169.254.169.254", mentions: "169.254.0.0/16" },
    { desc: "any link-local IPv4", addr: "169.254.0.1", mentions: "169.254.0.0/16" },
    { desc: "IPv4-mapped, hex", addr: "::ffff:a9fe:a9fe", mentions: "IPv4-mapped" },
    { desc: "IPv4-mapped, bracketed", addr: "[::ffff:a9fe:a9fe]", mentions: "169.254.169.254" },
    { desc: "IPv4-mapped, dotted", addr: "::ffff:169.254.169.254", mentions: "IPv4-mapped" },
    { desc: "IPv4-mapped, spelled out", addr: "0:0:0:0:0:ffff:a9fe:a9fe", mentions: "169.254.169.254" },
    { desc: "IPv4-translated", addr: "::ffff:0:a9fe:a9fe", mentions: "IPv4-translated" },
    { desc: "IPv4-compatible", addr: "::a9fe:a9fe", mentions: "IPv4-compatible" },
    { desc: "IPv4-compatible, dotted", addr: "::169.254.169.254", mentions: "IPv4-compatible" },
    { desc: "NAT64 well-known prefix", addr: "64:ff9b::a9fe:a9fe", mentions: "NAT64" },
    { desc: "NAT64, dotted", addr: "64:ff9b::169.254.169.254", mentions: "NAT64" },
    { desc: "6to4 carrying metadata", addr: "2002:a9fe:a9fe::1", mentions: "6to4" },
    { desc: "Teredo server metadata", addr: "2001:0:a9fe:a9fe::1", mentions: "Teredo" },
    { desc: "IPv6 link-local", addr: "fe80::1", mentions: "fe80::/10" },
    { desc: "IPv6 link-local with a zone", addr: "fe80::1%eth0", mentions: "fe80::/10" },
    { desc: "IPv6 link-local, upper end of /10", addr: "febf::1", mentions: "fe80::/10" },
    { desc: "AWS IPv6 metadata", addr: "fd00:ec2::254", mentions: "fd00:ec2::254" },
    { desc: "AWS IPv6 metadata, spelled out", addr: "fd00:0ec2:0000:0000:0000:0000:0000:0254", mentions: "fd00:ec2::254" },
    { desc: "Alibaba metadata", addr: "100.100.100.200", mentions: "Alibaba" },
    { desc: "unspecified IPv4", addr: "0.0.0.0", mentions: "unspecified" },
    { desc: "this-network IPv4", addr: "0.1.2.3", mentions: "0.0.0.0/8" },
    { desc: "unspecified IPv6", addr: "::", mentions: "unspecified" },
    { desc: "unspecified IPv6 bracketed", addr: "[::]", mentions: "unspecified" },
    { desc: "IPv4-mapped unspecified", addr: "::ffff:0.0.0.0", mentions: "0.0.0.0" },
    { desc: "decimal integer", addr: "2852039166", mentions: "169.254.169.254" },
    { desc: "hex integer", addr: "0xa9fea9fe", mentions: "169.254.169.254" },
    { desc: "hex octets", addr: "0xa9.0xfe.0xa9.0xfe", mentions: "169.254.169.254" },
    { desc: "octal octets", addr: "0251.0376.0251.0376", mentions: "169.254.169.254" },
    { desc: "three parts", addr: "169.254.43518", mentions: "169.254.169.254" },
    { desc: "two parts", addr: "169.16689662", mentions: "169.254.169.254" },
    { desc: "zero as one number", addr: "0", mentions: "0.0.0.0" },
    { desc: "trailing dot", addr: "169.254.169.254.", mentions: "169.254.169.254" },
    { desc: "an allowed address in an ambiguous octal form", addr: "010.0.0.1", mentions: "write 8.0.0.1" },
    { desc: "loopback as one number", addr: "2130706433", mentions: "write 127.0.0.1" },
  ];
  for (const c of refused) {
    it(`refuses ${c.desc} (${c.addr})`, () => {
      const r = addressRefusal(c.addr);
      expect(r).not.toBeNull();
      expect(r).toContain(c.mentions);
    });
  }

  const allowed: { desc: string; addr: string }[] = [
    { desc: "LAN", addr: "192.168.1.10" },
    { desc: "loopback", addr: "127.0.0.1" },
    { desc: "IPv6 loopback", addr: "::1" },
    { desc: "IPv4-mapped loopback", addr: "::ffff:127.0.0.1" },
    { desc: "ULA", addr: "fd12:3456::10" },
    { desc: "another fd00 address", addr: "fd00:ec2::253" },
    { desc: "169.253 is not link-local", addr: "169.253.1.1" },
    { desc: "Tailscale CGNAT", addr: "100.100.100.100" },
    { desc: "NAT64 of a documentation address", addr: "64:ff9b::c000:0201" },
    { desc: "6to4 of a documentation address", addr: "2002:c000:0201::1" },
    { desc: "global IPv6", addr: "2001:db8::1" },
    { desc: "a host name is left to resolution", addr: "metadata.google.internal" },
    { desc: "a name starting with digits", addr: "1password.home.arpa" },
    { desc: "a name of hex-looking labels", addr: "cafe.home.arpa" },
  ];
  for (const c of allowed) it(`allows ${c.desc} (${c.addr})`, () => expect(addressRefusal(c.addr)).toBeNull());
});

describe("legacyIPv4", () => {
  const cases: [string, string | null][] = [
    ["2852039166", "169.254.169.254"],
    ["0xA9FEA9FE", "169.254.169.254"],
    ["0177.1", "127.0.0.1"],
    ["127.1", "127.0.0.1"],
    ["10.1.1", "10.1.0.1"],
    ["256.1.1.1", null],
    ["4294967296", null],
    ["09.1.1.1", null],
    ["nas", null],
    ["1.2.3.4.5", null],
  ];
  for (const [input, out] of cases) it(`${input} → ${out}`, () => expect(legacyIPv4(input)).toBe(out));
});

describe("endpointRefusal: admin endpoints", () => {
  const caddy: AdminEndpoint[] = [adminEndpointOf("http://192.168.1.2:8019", "Caddy's admin API (Ingress settings)")!];
  const cases: { desc: string; host: string; port: number; refused: boolean; mentions?: string }[] = [
    { desc: "Docker API", host: "192.168.1.5", port: 2375, refused: true, mentions: "Docker" },
    { desc: "Docker API over TLS", host: "nas.home.arpa", port: 2376, refused: true, mentions: "Docker" },
    { desc: "Caddy's default admin port on any address", host: "10.0.0.9", port: 2019, refused: true, mentions: "Caddy's admin API" },
    { desc: "the configured admin URL", host: "192.168.1.2", port: 8019, refused: true, mentions: "Ingress settings" },
    { desc: "the configured admin URL, IPv4-mapped", host: "::ffff:192.168.1.2", port: 8019, refused: true, mentions: "Ingress settings" },
    { desc: "loopback on the admin port", host: "127.0.0.1", port: 8019, refused: true, mentions: "Ingress settings" },
    { desc: "the admin host on another port", host: "192.168.1.2", port: 8080, refused: false },
    { desc: "another host on the admin port", host: "192.168.1.3", port: 8019, refused: false },
    { desc: "a refused address wins over the port", host: "169.254.169.254", port: 80, refused: true, mentions: "169.254" },
  ];
  for (const c of cases) {
    it(`${c.refused ? "refuses" : "allows"} ${c.desc}`, () => {
      const r = endpointRefusal(c.host, c.port, caddy);
      if (!c.refused) expect(r).toBeNull();
      else expect(r).toContain(c.mentions);
    });
  }
});

describe("urlRefusal", () => {
  const cases: { desc: string; url: string; refused: boolean }[] = [
    { desc: "http", url: "http://app.home.example/", refused: false },
    { desc: "https with a port", url: "https://192.0.2.10:8443/health", refused: false },
    { desc: "file:", url: "file:///etc/passwd", refused: true },
    { desc: "gopher:", url: "gopher://example.test/", refused: true },
    { desc: "credentials", url: "http://user:pw@app.home.example/", refused: true },
    { desc: "IPv4-mapped metadata", url: "http://[::ffff:a9fe:a9fe]/", refused: true },
    { desc: "IPv4-mapped dotted metadata (normalised by the URL parser)", url: "http://[::ffff:169.254.169.254]/", refused: true },
    { desc: "NAT64 metadata", url: "http://[64:ff9b::a9fe:a9fe]/", refused: true },
    { desc: "6to4 metadata", url: "http://[2002:a9fe:a9fe::]/", refused: true },
    { desc: "metadata as one number", url: "http://2852039166/", refused: true },
    { desc: "unspecified", url: "http://0.0.0.0:8080/", refused: true },
    { desc: "unspecified IPv6", url: "http://[::]:8080/", refused: true },
    { desc: "Caddy admin port", url: "http://127.0.0.1:2019/config/", refused: true },
    { desc: "Docker API", url: "http://192.168.1.5:2375/containers/json", refused: true },
    { desc: "loopback service", url: "http://127.0.0.1:8080/", refused: false },
    { desc: "garbage", url: "not a url", refused: true },
  ];
  for (const c of cases) it(`${c.refused ? "refuses" : "allows"} ${c.desc}`, () => expect(urlRefusal(c.url) !== null).toBe(c.refused));

  it("refuses the configured admin URL's host and port, default port included", () => {
    const admin = [adminEndpointOf("https://caddy.home.arpa", "Caddy's admin API")!];
    expect(urlRefusal("https://caddy.home.arpa/load", admin)).toContain("Caddy's admin API");
    expect(urlRefusal("http://caddy.home.arpa:443/", admin)).toContain("Caddy's admin API");
    expect(urlRefusal("http://caddy.home.arpa/", admin)).toBeNull();
  });
});
