import { describe, expect, it } from "vitest";
import { addressRefusal, ipv6Groups, urlRefusal } from "./safety";
import { CheckSpecSchema } from "./schemas";

describe("addressRefusal", () => {
  const cases: { desc: string; addr: string; refused: boolean }[] = [
    { desc: "cloud metadata IPv4", addr: "169.254.169.254", refused: true },
    { desc: "any 169.254/16 address", addr: "169.254.0.1", refused: true },
    { desc: "AWS IPv6 metadata", addr: "fd00:ec2::254", refused: true },
    { desc: "AWS IPv6 metadata, spelled out", addr: "fd00:0ec2:0000:0000:0000:0000:0000:0254", refused: true },
    { desc: "IPv6 link-local", addr: "fe80::1", refused: true },
    { desc: "IPv4-mapped metadata", addr: "::ffff:169.254.169.254", refused: true },
    { desc: "IPv4-mapped metadata in hex", addr: "::ffff:a9fe:a9fe", refused: true },
    { desc: "bracketed IPv6", addr: "[fd00:ec2::254]", refused: true },
    { desc: "private LAN is allowed", addr: "192.168.1.10", refused: false },
    { desc: "loopback is allowed", addr: "127.0.0.1", refused: false },
    { desc: "another fd00 address is allowed", addr: "fd00:ec2::253", refused: false },
    { desc: "169.253 is allowed", addr: "169.253.1.1", refused: false },
    { desc: "a host name is left to resolution", addr: "metadata.google.internal", refused: false },
  ];
  for (const c of cases) it(c.desc, () => expect(addressRefusal(c.addr) !== null).toBe(c.refused));
});

describe("urlRefusal", () => {
  const cases: { desc: string; url: string; refused: boolean }[] = [
    { desc: "http is fine", url: "http://app.home.example/", refused: false },
    { desc: "https with a port is fine", url: "https://192.0.2.10:8443/health", refused: false },
    { desc: "file: is refused", url: "file:///etc/passwd", refused: true },
    { desc: "gopher: is refused", url: "gopher://example.test/", refused: true },
    { desc: "javascript: is refused", url: "javascript:alert(1)", refused: true },
    { desc: "ftp: is refused", url: "ftp://192.0.2.1/", refused: true },
    { desc: "metadata literal is refused", url: "http://169.254.169.254/latest/meta-data/", refused: true },
    { desc: "metadata as a decimal number is refused (URL parser normalises it)", url: "http://2852039166/", refused: true },
    { desc: "metadata in hex is refused", url: "http://0xa9.0xfe.0xa9.0xfe/", refused: true },
    { desc: "IPv6 metadata is refused", url: "http://[fd00:ec2::254]/", refused: true },
    { desc: "credentials are refused", url: "http://user:pw@app.home.example/", refused: true },
    { desc: "garbage is refused", url: "not a url", refused: true },
  ];
  for (const c of cases) it(c.desc, () => expect(urlRefusal(c.url) !== null).toBe(c.refused));
});

describe("ipv6Groups", () => {
  it("expands ::", () => expect(ipv6Groups("fd00:ec2::254")).toEqual([0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254]));
  it("reads a dotted tail", () => expect(ipv6Groups("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]));
  it("rejects IPv4", () => expect(ipv6Groups("1.2.3.4")).toBeNull());
});

describe("CheckSpecSchema", () => {
  const cases: { desc: string; spec: unknown; ok: boolean }[] = [
    { desc: "http check", spec: { type: "http", target: { url: "http://192.0.2.1/" } }, ok: true },
    { desc: "an https URL in an http check", spec: { type: "http", target: { url: "https://192.0.2.1/" } }, ok: false },
    { desc: "file URL", spec: { type: "http", target: { url: "file:///etc/passwd" } }, ok: false },
    { desc: "tcp to metadata", spec: { type: "tcp", target: { host: "169.254.169.254", port: 80 } }, ok: false },
    { desc: "tcp to a LAN host", spec: { type: "tcp", target: { host: "nas.home.example", port: 445 } }, ok: true },
    { desc: "dns via a metadata resolver", spec: { type: "dns", target: { resolver: "169.254.169.253", name: "a.example" } }, ok: false },
    { desc: "dns with a port", spec: { type: "dns", target: { resolver: "192.0.2.53:5353", name: "a.example", recordType: "AAAA" } }, ok: true },
    { desc: "dns with a host name as resolver", spec: { type: "dns", target: { resolver: "dns.example", name: "a.example" } }, ok: false },
    { desc: "unknown type", spec: { type: "icmp", target: { host: "192.0.2.1" } }, ok: false },
    { desc: "inverted status range", spec: { type: "http", target: { url: "http://192.0.2.1/", expectStatus: { min: 400, max: 200 } } }, ok: false },
    { desc: "tcp to Caddy's admin API port", spec: { type: "tcp", target: { host: "192.0.2.2", port: 2019 } }, ok: false },
    { desc: "tcp to Docker's API", spec: { type: "tcp", target: { host: "nas.home.example", port: 2375 } }, ok: false },
    { desc: "tls to Docker's TLS API", spec: { type: "tls", target: { host: "192.0.2.2", port: 2376 } }, ok: false },
    { desc: "http to Caddy's admin API", spec: { type: "http", target: { url: "http://127.0.0.1:2019/config/" } }, ok: false },
    { desc: "tcp to metadata as one number", spec: { type: "tcp", target: { host: "2852039166", port: 80 } }, ok: false },
    { desc: "tcp to metadata in hex", spec: { type: "tcp", target: { host: "0xa9fea9fe", port: 80 } }, ok: false },
    { desc: "tcp to IPv4-mapped metadata", spec: { type: "tcp", target: { host: "::ffff:a9fe:a9fe", port: 80 } }, ok: false },
    { desc: "tcp to the unspecified address", spec: { type: "tcp", target: { host: "0.0.0.0", port: 80 } }, ok: false },
    { desc: "tcp to loopback", spec: { type: "tcp", target: { host: "127.0.0.1", port: 8080 } }, ok: true },
  ];
  for (const c of cases) it(c.desc, () => expect(CheckSpecSchema.safeParse(c.spec).success).toBe(c.ok));
});

describe("refusals name the reason", () => {
  it("on the port for an admin API port", () => {
    const r = CheckSpecSchema.safeParse({ type: "tcp", target: { host: "192.0.2.2", port: 2019 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["target", "port"], message: expect.stringContaining("Caddy's admin API") });
  });
  it("on the URL for a mapped metadata address", () => {
    const r = CheckSpecSchema.safeParse({ type: "http", target: { url: "http://[::ffff:a9fe:a9fe]/" } });
    expect(r.error?.issues[0]).toMatchObject({ path: ["target", "url"], message: expect.stringContaining("169.254.169.254") });
  });
});
