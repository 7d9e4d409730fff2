import { describe, expect, it } from "vitest";
import { awayWithoutInternet, imageInTags, isPrivateAddress, routeDrillIssues, type DrillRouteInput, type DrillZone } from "./drill";

const ZONES: DrillZone[] = [{ name: "home.example", role: "lan", providerKind: "rfc2136", lastApplyOk: true, lastError: null }];
const OK = [{ part: "lan-dns" as const, status: "ok" as const, message: null }, { part: "proxy" as const, status: "ok" as const, message: null }];
const r = (o: Partial<DrillRouteInput> = {}): DrillRouteInput => ({ id: "r1", hostname: "app.home.example", exposure: "both", upstreamUrl: "http://192.168.1.20:8080", serviceId: null, parts: OK, tlsMode: "internal", ...o });
const kinds = (route: DrillRouteInput, zones = ZONES) => routeDrillIssues(route, zones).map((i) => i.kind);

describe("routeDrillIssues", () => {
  const cases: { desc: string; route: DrillRouteInput; zones?: DrillZone[]; want: string[] }[] = [
    { desc: "a LAN path with a LAN zone, applied parts, internal TLS and a private upstream survives", route: r(), want: [] },
    { desc: "a remote-only route relies on the tunnel and public DNS", route: r({ exposure: "remote" }), want: ["remote-only"] },
    { desc: "no LAN zone: resolves only through public DNS", route: r(), zones: [], want: ["no-lan-zone"] },
    { desc: "a failed LAN DNS part", route: r({ parts: [{ part: "lan-dns", status: "failed", message: "refused" }, OK[1]!] }), want: ["lan-dns"] },
    { desc: "a route never applied", route: r({ parts: [] }), want: ["lan-dns", "proxy"] },
    { desc: "an upstream on a public address", route: r({ upstreamUrl: "https://203.0.113.9/" }), want: ["upstream-internet"] },
    { desc: "an upstream name no LAN zone serves", route: r({ upstreamUrl: "https://api.example.net/" }), want: ["upstream-internet"] },
    { desc: "an upstream name in a LAN zone", route: r({ upstreamUrl: "http://nas.home.example:5000" }), want: [] },
    { desc: "an upstream .home.arpa name", route: r({ upstreamUrl: "http://nas.home.arpa:5000" }), want: [] },
    { desc: "a TLS mode that needs ACME", route: r({ tlsMode: "acme" }), want: ["tls"] },
  ];
  for (const c of cases) it(c.desc, () => expect(kinds(c.route, c.zones)).toEqual(c.want));
});

describe("helpers", () => {
  it("tells private addresses from public ones", () => {
    expect(["10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "100.64.0.1", "fd00::1", "::1"].every(isPrivateAddress)).toBe(true);
    expect(["203.0.113.9", "198.51.100.1", "172.32.0.1", "2001:db8::1"].some(isPrivateAddress)).toBe(false);
  });
  it("matches image references the way Docker names them", () => {
    expect(imageInTags("busybox", ["busybox:latest"])).toBe(true);
    expect(imageInTags("docker.io/library/nginx:1.27", ["nginx:1.27"])).toBe(true);
    expect(imageInTags("nginx:1.27", ["nginx:1.26"])).toBe(false);
    expect(imageInTags("ghcr.io/a/b:1", ["ghcr.io/a/b:1"])).toBe(true);
  });
});

describe("away without the internet", () => {
  it("is lost for routes reached through the tunnel and not offered for LAN-only ones", () => {
    expect(awayWithoutInternet("both")).toMatchObject({ away: "lost" });
    expect(awayWithoutInternet("remote").awayNote).toContain("tunnel");
    expect(awayWithoutInternet("lan")).toMatchObject({ away: "not-exposed" });
  });
});
