import { describe, expect, it } from "vitest";
import { addressKey, addressProblem, cleanAddress, isLocalOnly, MAX_HOST_ADDRESSES, suggestAddresses } from "./host-addresses-check";

describe("addressProblem", () => {
  it("accepts IPv4 and IPv6 literals, bracketed IPv6 too", () => {
    expect(addressProblem("198.51.100.10", [])).toBeNull();
    expect(addressProblem("  2001:db8::10 ", [])).toBeNull();
    expect(addressProblem("[2001:db8::10]", [])).toBeNull();
    expect(cleanAddress("[2001:db8::10]")).toBe("2001:db8::10");
    expect(addressProblem("::ffff:198.51.100.7", [])).toBeNull();
  });

  it("refuses in words what the server would refuse", () => {
    expect(addressProblem("", [])).toMatch(/Enter an IP address/);
    expect(addressProblem("198.51.100.300", [])).toBe('"198.51.100.300" is not an IPv4 or IPv6 address (such as 192.168.1.10 or 2001:db8::10).');
    expect(addressProblem("nas.local", [])).toMatch(/is a name, not an IP address/);
    expect(addressProblem("198.51.100.10/24", [])).toMatch(/without a prefix length: 198\.51\.100\.10 rather than 198\.51\.100\.10\/24/);
    expect(addressProblem("198.51.100.10, 198.51.100.11", [])).toMatch(/one address at a time/);
    expect(addressProblem("2001:db8:::1", [])).toMatch(/not an IPv4 or IPv6 address/);
  });

  it("refuses a duplicate, however the IPv6 address is spelled", () => {
    expect(addressProblem("198.51.100.10", ["198.51.100.10"])).toBe("198.51.100.10 is already listed.");
    expect(addressProblem("2001:DB8:0:0::1", ["2001:db8::1"])).toMatch(/already listed/);
    expect(addressProblem("2001:db8::2", ["2001:db8::1"])).toBeNull();
  });

  it("refuses a seventeenth address", () => {
    const full = Array.from({ length: MAX_HOST_ADDRESSES }, (_, i) => `198.51.100.${i + 1}`);
    expect(addressProblem("203.0.113.1", full)).toBe("A host has at most 16 addresses: remove one first.");
    expect(addressProblem("203.0.113.1", full.slice(1))).toBeNull();
  });
});

describe("addressKey and isLocalOnly", () => {
  it("spells equal IPv6 addresses the same", () => {
    expect(addressKey("2001:0DB8::0001")).toBe(addressKey("2001:db8:0:0:0:0:0:1"));
    expect(addressKey("::1")).toBe("0:0:0:0:0:0:0:1");
    expect(addressKey("fe80::")).toBe("fe80:0:0:0:0:0:0:0");
    expect(addressKey("::ffff:198.51.100.7")).toBe(addressKey("::ffff:c633:6407"));
  });

  it("knows loopback and link-local", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "169.254.10.1", "::1", "fe80::1", "febf::1", "0.0.0.0", "::"]) expect(isLocalOnly(a), a).toBe(true);
    for (const a of ["198.51.100.10", "10.0.0.1", "2001:db8::1", "fec0::1", "fd00::1"]) expect(isLocalOnly(a), a).toBe(false);
  });
});

describe("suggestAddresses", () => {
  const interfaces = [
    { name: "lo", up: true, addresses: ["127.0.0.1/8", "::1/128"] },
    { name: "eth0", up: true, addresses: ["198.51.100.10/24", "fe80::1/64", "2001:db8::10/64"] },
    { name: "docker0", up: true, addresses: ["172.17.0.1/16"] },
    { name: "docker_gwbridge", up: true, addresses: ["172.19.0.1/16"] },
    { name: "br-0123456789ab", up: true, addresses: ["172.18.0.1/16"] },
    { name: "wg0", up: true, addresses: ["203.0.113.5/32"] },
    { name: "eth1", up: false, addresses: ["198.51.100.99/24"] },
  ];

  it("offers the reachable addresses of up interfaces, without prefixes, naming the interface", () => {
    expect(suggestAddresses(interfaces, [])).toEqual([
      { address: "198.51.100.10", interface: "eth0" },
      { address: "2001:db8::10", interface: "eth0" },
      { address: "203.0.113.5", interface: "wg0" },
    ]);
  });

  it("leaves out what is already listed, and offers an address seen twice once", () => {
    const twice = [...interfaces, { name: "eth2", up: true, addresses: ["198.51.100.10/24"] }];
    expect(suggestAddresses(twice, ["2001:DB8:0::10", "203.0.113.5"])).toEqual([{ address: "198.51.100.10", interface: "eth0" }]);
  });
});
