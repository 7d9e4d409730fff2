import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:net";
import { nameserversOf, runProbeProgram, verdictOf } from "./egress-proof";
import { startDnsAnswerer, type DnsAnswerer } from "@/test/probes/helpers/dns-answerer";

describe("nameserversOf", () => {
  it("takes the first three nameservers of a resolv.conf, without zone ids", () => {
    const conf = "# generated\nsearch lan\nnameserver 127.0.0.11\nnameserver fe80::1%eth0\n  nameserver 198.51.100.53\nnameserver 198.51.100.54\noptions ndots:0\n";
    expect(nameserversOf(conf)).toEqual(["127.0.0.11", "fe80::1", "198.51.100.53"]);
  });
  it("falls back to the loopback, as glibc does, when there is none", () => {
    expect(nameserversOf("search lan\n")).toEqual(["127.0.0.1"]);
  });
});

describe("verdictOf", () => {
  it("passes when nothing answered and nothing resolved, saying what was tried", () => {
    const r = verdictOf({ targets: [{ target: "198.51.100.9:80", ok: false, why: "ENETUNREACH" }], names: [{ name: "example.com", addresses: [] }] }, ["127.0.0.11"], 12);
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/No egress: tried 1 address and 1 name/);
  });
  it("fails naming every address that answered and every name that resolved", () => {
    const r = verdictOf({ targets: [{ target: "198.51.100.9:80", ok: true, why: null }, { target: "198.51.100.10:443", ok: false, why: "timeout" }], names: [{ name: "example.com", addresses: ["198.51.100.7"] }] }, ["198.51.100.53"], 40);
    expect(r.ok).toBe(false);
    expect(r.errorClass).toBe("egress_open");
    expect(r.message).toContain("reached 198.51.100.9:80");
    expect(r.message).not.toContain("198.51.100.10:443");
    expect(r.message).toContain("resolved example.com to 198.51.100.7");
  });
});

describe("the probe program (on loopback, without a namespace)", () => {
  let server: Server;
  let port: number;
  let dns: DnsAnswerer;
  beforeAll(async () => {
    server = createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
    dns = await startDnsAnswerer("127.0.0.1", "198.51.100.7");
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await dns.close();
  });

  it("reports the address that accepted a connection and the name its resolver answered", async () => {
    const out = await runProbeProgram({ targets: [`127.0.0.1:${port}`], names: ["proof.example"], nameservers: [`127.0.0.1:${dns.port}`], attemptTimeoutMs: 2_000 }, null);
    expect(out.targets).toEqual([{ target: `127.0.0.1:${port}`, ok: true, why: null }]);
    expect(out.names).toEqual([{ name: "proof.example", addresses: ["198.51.100.7"] }]);
    expect(dns.questions()).toBeGreaterThan(0);
  }, 15_000);

  it("reports nothing reached when the port is closed and the resolver is silent", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const out = await runProbeProgram({ targets: [`127.0.0.1:${closedPort}`], names: ["proof.example"], nameservers: [`127.0.0.1:${closedPort}`], attemptTimeoutMs: 1_000 }, null);
    expect(out.targets[0]).toMatchObject({ ok: false, why: "ECONNREFUSED" });
    expect(out.names).toEqual([{ name: "proof.example", addresses: [] }]);
    expect(verdictOf(out, ["127.0.0.1"], 1).ok).toBe(true);
  }, 15_000);
});
