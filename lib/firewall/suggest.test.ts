import { describe, expect, it } from "vitest";
import { renderHomeportTable } from "@/lib/protocol/firewall";
import { lanNetworks, suggestRules, type SuggestInput } from "./suggest";

const interfaces = [
  { name: "lo", up: true, addresses: ["127.0.0.1/8", "::1/128"] },
  { name: "eth0", up: true, addresses: ["198.51.100.10/24", "fe80::1/64"] },
  { name: "docker0", up: true, addresses: ["172.17.0.1/16"] },
];
const base: SuggestInput = { interfaces, proxyPorts: [], routePorts: [], publishedPorts: [], tunnelPorts: [], homeportPort: null, acceptedNow: [] };

describe("suggested rules", () => {
  it("finds the LAN networks, leaving out loopback, link-local and Docker's bridges", () => {
    expect(lanNetworks(interfaces)).toEqual(["198.51.100.0/24"]);
    expect(lanNetworks([{ name: "eth1", up: true, addresses: ["203.0.113.77/25", "169.254.1.1/16"] }])).toEqual(["203.0.113.0/25"]);
  });

  it("on the proxy host: 80/443 from anywhere, route upstreams and SSH from the LAN, drop the rest", () => {
    const s = suggestRules({ ...base, proxyPorts: [80, 443], routePorts: [{ port: 8080, hostnames: ["app.lab.example"] }], publishedPorts: [{ port: 8080, protocol: "tcp", service: "app" }] });
    expect(s.plan.inputPolicy).toBe("drop");
    expect(s.plan.allowEstablished && s.plan.allowLoopback && s.plan.allowIcmp).toBe(true);
    const proxy = s.suggestions.find((x) => x.source === "proxy")!;
    expect(proxy.rule).toMatchObject({ direction: "in", action: "accept", proto: "tcp", ports: [80, 443], addr: null });
    const route = s.suggestions.find((x) => x.source === "route")!;
    expect(route.rule).toMatchObject({ ports: [8080], addr: "198.51.100.0/24" });
    expect(route.why).toMatch(/app\.lab\.example/);
    // The routed port is not suggested twice as a plain published port.
    expect(s.suggestions.filter((x) => x.rule.ports.includes(8080))).toHaveLength(1);
    expect(s.suggestions.find((x) => x.source === "ssh")!.rule).toMatchObject({ ports: [22], addr: "198.51.100.0/24" });
    const text = renderHomeportTable(s.plan);
    expect(text).toContain("policy drop;");
    expect(text).toContain('tcp dport { 80, 443 } accept comment "reverse proxy"');
    expect(text).toContain('iifname "docker0" accept');
  });

  it("keeps published ports for LAN users, and Homeport's own port on its host", () => {
    const s = suggestRules({ ...base, publishedPorts: [{ port: 53, protocol: "udp", service: "dns" }], homeportPort: 3000 });
    expect(s.suggestions.find((x) => x.rule.ports.includes(53))!.rule).toMatchObject({ proto: "udp", addr: "198.51.100.0/24" });
    expect(s.suggestions.find((x) => x.source === "homeport")!.rule.ports).toEqual([3000]);
    expect(s.notes.join(" ")).toMatch(/forward hook/);
  });

  it("names what the plan would cut", () => {
    const s = suggestRules({ ...base, acceptedNow: ["tcp 22", "tcp 9000"] });
    expect(s.wouldCut).toEqual(["tcp 9000: accepted by the current rules, not by the suggestion"]);
  });

  it("with no LAN network found, allows SSH from anywhere rather than lock the owner out", () => {
    const s = suggestRules({ ...base, interfaces: [{ name: "lo", up: true, addresses: ["127.0.0.1/8"] }] });
    expect(s.suggestions.find((x) => x.source === "ssh")!.rule.addr).toBeNull();
  });
});
