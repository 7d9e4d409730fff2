import { describe, expect, it } from "vitest";
import { desiredProxyEntries } from "./desired";

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
