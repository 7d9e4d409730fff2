import { describe, expect, it } from "vitest";
import { desiredProxyEntries, screenProxyEntries, upstreamRefusal } from "./desired";

const hosts = [{ id: "h1", name: "nas", addresses: ["192.168.1.20"] }, { id: "h2", name: "bare", addresses: [] }];
const services = [
  { id: "s1", name: "web", hostId: "h1", ports: [{ container: 80, host: 8080, hostIp: "0.0.0.0" }] },
  { id: "s2", name: "local", hostId: "h1", ports: [{ container: 80, host: 9000, hostIp: "127.0.0.1" }] },
  { id: "s3", name: "hidden", hostId: "h1", ports: [{ container: 80 }] },
  { id: "s4", name: "floating", hostId: "h2", ports: [{ container: 80, host: 8081, hostIp: "0.0.0.0" }] },
];
const route = (id: string, over: Partial<{ serviceId: string | null; servicePort: number | null; upstreamUrl: string | null }>) => ({
  id,
  hostname: `${id}.home.example`,
  serviceId: null,
  servicePort: null,
  upstreamUrl: null,
  ...over,
});

const cases = [
  { desc: "published on all addresses: the host's LAN address", route: route("a", { serviceId: "s1", servicePort: 80 }), dial: "192.168.1.20:8080", tls: false },
  { desc: "published on one address: that address", route: route("b", { serviceId: "s2", servicePort: 80 }), dial: "127.0.0.1:9000", tls: false },
  { desc: "http upstream URL without port: port 80", route: route("c", { upstreamUrl: "http://192.0.2.9" }), dial: "192.0.2.9:80", tls: false },
  { desc: "https upstream URL: TLS transport", route: route("d", { upstreamUrl: "https://printer.lan:8443" }), dial: "printer.lan:8443", tls: true },
  { desc: "IPv6 upstream: bracketed", route: route("e", { upstreamUrl: "http://[2001:db8::1]:81" }), dial: "[2001:db8::1]:81", tls: false },
  { desc: "unpublished port: unresolved with a reason", route: route("f", { serviceId: "s3", servicePort: 80 }), reason: /not published/ },
  { desc: "host without address: unresolved", route: route("g", { serviceId: "s4", servicePort: 80 }), reason: /no known LAN address/ },
  { desc: "service gone: unresolved", route: route("h", { serviceId: "nope", servicePort: 80 }), reason: /no longer exists/ },
  { desc: "IPv4-mapped metadata upstream: refused", route: route("i", { upstreamUrl: "http://[::ffff:a9fe:a9fe]/" }), reason: /refused: .*169\.254\.169\.254/ },
  { desc: "NAT64 metadata upstream: refused", route: route("j", { upstreamUrl: "http://[64:ff9b::a9fe:a9fe]/" }), reason: /NAT64/ },
  { desc: "Caddy's admin port upstream: refused", route: route("k", { upstreamUrl: "http://127.0.0.1:2019" }), reason: /Caddy's admin API/ },
  { desc: "Docker API upstream: refused", route: route("l", { upstreamUrl: "http://192.168.1.20:2375" }), reason: /Docker/ },
  { desc: "a stored upstream that is not a URL: unresolved, not thrown", route: route("m", { upstreamUrl: "::nonsense" }), reason: /not a valid URL/ },
];

describe("desiredProxyEntries", () => {
  for (const c of cases) {
    it(c.desc, () => {
      const { entries, unresolved } = desiredProxyEntries([c.route], services, hosts);
      if (c.reason) {
        expect(entries).toEqual([]);
        expect(unresolved[0]?.reason).toMatch(c.reason);
      } else {
        expect(unresolved).toEqual([]);
        expect(entries[0]).toEqual({ routeId: c.route.id, hostname: c.route.hostname, upstream: { dial: c.dial, tls: c.tls }, tls: { mode: "internal" } });
      }
    });
  }
});

describe("upstreams checked on their resolved addresses", () => {
  const table: Record<string, string[]> = { "meta.test": ["169.254.169.254"], "nas.test": ["192.168.1.20"], "mixed.test": ["192.168.1.21", "fd00:ec2::254"], "caddy.test": ["192.168.1.2"], "alias.test": ["192.168.1.2"] };
  const lookup = async (host: string) => {
    const a = table[host];
    if (!a) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return a.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const admin = [{ host: "caddy.test", port: 8019, what: "Caddy's admin API (Ingress settings)" }];
  const cases: { desc: string; dial: string; refused: RegExp | null }[] = [
    { desc: "a name resolving to the metadata address", dial: "meta.test:80", refused: /meta\.test resolves to 169\.254\.169\.254/ },
    { desc: "a name with one refused answer among good ones", dial: "mixed.test:8080", refused: /fd00:ec2::254/ },
    { desc: "the admin API's address under another name", dial: "nas.test:8019", refused: null },
    { desc: "another name for the admin API's address, on its port", dial: "alias.test:8019", refused: /alias\.test resolves to 192\.168\.1\.2: .*Ingress settings/ },
    { desc: "the admin API's own address and port", dial: "192.168.1.2:8019", refused: /Ingress settings/ },
    { desc: "a name resolving to a LAN address", dial: "nas.test:8080", refused: null },
    { desc: "a name only Caddy can resolve (Docker network)", dial: "jellyfin:8096", refused: null },
  ];
  for (const c of cases) {
    it(`${c.refused ? "refuses" : "allows"} ${c.desc}`, async () => {
      const r = await upstreamRefusal({ dial: c.dial, tls: false }, { admin, lookup });
      if (c.refused) expect(r).toMatch(c.refused);
      else expect(r).toBeNull();
    });
  }

  it("screening drops refused entries from Caddy's desired state and does not keep them", async () => {
    const built = desiredProxyEntries([route("ok", { upstreamUrl: "http://nas.test:8080" }), route("bad", { upstreamUrl: "http://meta.test/" }), route("lit", { upstreamUrl: "http://[::ffff:a9fe:a9fe]/" }), route("gone", { serviceId: "nope", servicePort: 80 })], services, hosts);
    const s = await screenProxyEntries(built, { admin, lookup });
    expect(s.entries.map((e) => e.routeId)).toEqual(["ok"]);
    expect(s.unresolved.map((u) => u.routeId).sort()).toEqual(["bad", "gone", "lit"]);
    expect(s.unresolved.find((u) => u.routeId === "bad")?.reason).toContain("169.254.169.254");
    // An unworkable route keeps its entry in Caddy; refused ones lose theirs.
    expect(s.keepRouteIds).toEqual(["gone"]);
  });
});
