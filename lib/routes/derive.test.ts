import { describe, expect, it } from "vitest";
import { deriveRouteParts, type RouteContext } from "./derive";
import type { Exposure } from "./exposure";
import type { RouteLike } from "./record";

const LAN = { id: "z1", name: "home.example", role: "lan", target: ["192.168.1.10"], ttl: 300, providerName: "bind", providerKind: "rfc2136" };
const PUB = { id: "z2", name: "home.example", role: "public", target: [], ttl: 300, providerName: "cf", providerKind: "cloudflare" };
const TUNNEL = { id: "t1", name: "home-tunnel", kind: "cloudflare", mode: "remote", externalId: "6ff42ae2-765d-4adf-8112-31c55c1551ef", originUrl: "https://192.168.1.10:443" };
const ctx = (o: Partial<RouteContext> = {}): RouteContext => ({ zones: [LAN, PUB], tunnels: [TUNNEL], services: [], hosts: [], tlsMode: "internal", ...o });
const route = (exposure: Exposure, o: Partial<RouteLike> = {}): RouteLike => ({ id: "r1", hostname: "app.home.example", exposure, serviceId: null, servicePort: null, upstreamUrl: "http://192.168.1.20:8080", ...o });
const byPart = (r: RouteLike, c: RouteContext) => Object.fromEntries(deriveRouteParts(r, c).map((d) => [d.part, d]));

describe("deriveRouteParts", () => {
  it("a route exposed both ways plans all four parts: LAN A record, proxy entry, tunnel rule, public CNAME into the tunnel", () => {
    const p = byPart(route("both"), ctx());
    expect(p["lan-dns"]).toMatchObject({ kind: "planned", summary: "app.home.example A 192.168.1.10 in zone home.example at bind", zoneId: "z1" });
    expect(p.proxy).toMatchObject({ kind: "planned", summary: "app.home.example → http://192.168.1.20:8080 (TLS: Caddy's internal CA)" });
    expect(p.tunnel).toMatchObject({ kind: "planned", summary: "app.home.example → https://192.168.1.10:443 via home-tunnel" });
    expect(p["public-dns"]).toMatchObject({ kind: "planned", cnameTarget: "6ff42ae2-765d-4adf-8112-31c55c1551ef.cfargotunnel.com", zoneId: "z2" });
  });

  it("a remote-only route under a LAN zone still gets its LAN record (split horizon), so the name resolves at home", () => {
    const p = byPart(route("remote"), ctx());
    expect(p["lan-dns"]).toMatchObject({ kind: "planned", zoneId: "z1" });
    expect(p["lan-dns"]!.summary).toContain("resolves at home too");
  });

  const cases: { desc: string; r: RouteLike; c: RouteContext; part: string; kind: string; reason: RegExp }[] = [
    { desc: "LAN-only: no tunnel rule", r: route("lan"), c: ctx(), part: "tunnel", kind: "skip", reason: /LAN only/ },
    { desc: "LAN-only: no public record", r: route("lan"), c: ctx(), part: "public-dns", kind: "skip", reason: /LAN only/ },
    { desc: "remote-only without a LAN zone: no LAN record", r: route("remote"), c: ctx({ zones: [PUB] }), part: "lan-dns", kind: "skip", reason: /remote only, and no LAN zone covers the name/ },
    { desc: "no LAN zone covering the name", r: route("both", { hostname: "app.other.example" }), c: ctx(), part: "lan-dns", kind: "skip", reason: /no LAN zone covers app\.other\.example — add one under DNS/ },
    { desc: "a LAN zone without proxy address", r: route("lan"), c: ctx({ zones: [{ ...LAN, target: [] }] }), part: "lan-dns", kind: "skip", reason: /no reverse-proxy address/ },
    { desc: "no public zone", r: route("both"), c: ctx({ zones: [LAN] }), part: "public-dns", kind: "skip", reason: /no public zone covers app\.home\.example — add one under DNS/ },
    { desc: "no tunnel", r: route("both"), c: ctx({ tunnels: [] }), part: "tunnel", kind: "skip", reason: /no tunnel .* add one under Ingress/ },
    { desc: "no tunnel means no public record either", r: route("both"), c: ctx({ tunnels: [] }), part: "public-dns", kind: "skip", reason: /no tunnel carries/ },
    { desc: "a service port that is not published blocks the proxy", r: route("lan", { upstreamUrl: null, serviceId: "s1", servicePort: 80 }), c: ctx({ services: [{ id: "s1", name: "web", hostId: null, ports: [{ container: 80 }] }] }), part: "proxy", kind: "blocked", reason: /not published/ },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const d = byPart(c.r, c.c)[c.part]!;
      expect(d.kind).toBe(c.kind);
      expect(d.reason).toMatch(c.reason);
    });
  }

  it("a public zone's own target wins over the tunnel's (what the DNS page applies too)", () => {
    expect(byPart(route("both"), ctx({ zones: [LAN, { ...PUB, target: ["edge.example.net"] }] }))["public-dns"]!.cnameTarget).toBe("edge.example.net");
  });
  it("a user certificate is named in the proxy summary", () => {
    expect(byPart(route("lan"), ctx({ tlsMode: "certificate" })).proxy!.summary).toMatch(/your certificate/);
  });
});
