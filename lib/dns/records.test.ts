import { describe, expect, it } from "vitest";
import { validateRecordSet } from "./records";

describe("validateRecordSet", () => {
  const ok: { desc: string; input: { name: string; type: string; values: string[]; ttl: number }; want: { name: string; values: string[] } }[] = [
    { desc: "A with IPv4", input: { name: "App.Home.Test.", type: "A", values: ["192.168.1.10"], ttl: 300 }, want: { name: "app.home.test", values: ["192.168.1.10"] } },
    { desc: "AAAA canonicalised", input: { name: "app.home.test", type: "AAAA", values: ["FD00:0:0::10"], ttl: 300 }, want: { name: "app.home.test", values: ["fd00::10"] } },
    { desc: "CNAME target normalised", input: { name: "pub.home.test", type: "CNAME", values: ["Tunnel.Example.NET."], ttl: 60 }, want: { name: "pub.home.test", values: ["tunnel.example.net"] } },
    { desc: "IDN to punycode", input: { name: "bücher.home.test", type: "A", values: ["10.0.0.1"], ttl: 86400 }, want: { name: "xn--bcher-kva.home.test", values: ["10.0.0.1"] } },
    { desc: "values deduplicated and sorted", input: { name: "a.home.test", type: "A", values: ["10.0.0.2", "10.0.0.1", "10.0.0.2"], ttl: 300 }, want: { name: "a.home.test", values: ["10.0.0.1", "10.0.0.2"] } },
  ];
  it.each(ok)("accepts $desc", ({ input, want }) => {
    const r = validateRecordSet(input);
    expect(r.ok && { name: r.value.name, values: r.value.values }).toEqual(want);
  });

  const bad: { desc: string; input: { name: string; type: string; values: string[]; ttl: number }; message: RegExp }[] = [
    { desc: "A with an IPv6 value", input: { name: "a.home.test", type: "A", values: ["fd00::1"], ttl: 300 }, message: /not an IPv4 address/ },
    { desc: "AAAA with an IPv4 value", input: { name: "a.home.test", type: "AAAA", values: ["10.0.0.1"], ttl: 300 }, message: /not an IPv6 address/ },
    { desc: "CNAME to an address", input: { name: "a.home.test", type: "CNAME", values: ["10.0.0.1"], ttl: 300 }, message: /points to a name/ },
    { desc: "CNAME with two targets", input: { name: "a.home.test", type: "CNAME", values: ["x.test", "y.test"], ttl: 300 }, message: /exactly one target/ },
    { desc: "underscore in a label", input: { name: "bad_name.home.test", type: "A", values: ["10.0.0.1"], ttl: 300 }, message: /letters, digits and inner hyphens/ },
    { desc: "label over 63 characters", input: { name: `${"x".repeat(64)}.home.test`, type: "A", values: ["10.0.0.1"], ttl: 300 }, message: /longer than 63/ },
    { desc: "name over 253 characters", input: { name: `${"abcdefghi.".repeat(26)}test`, type: "A", values: ["10.0.0.1"], ttl: 300 }, message: /at most 253/ },
    { desc: "TTL too low", input: { name: "a.home.test", type: "A", values: ["10.0.0.1"], ttl: 5 }, message: /at least 60 seconds/ },
    { desc: "TTL too high", input: { name: "a.home.test", type: "A", values: ["10.0.0.1"], ttl: 10_000_000 }, message: /at most 86400 seconds/ },
    { desc: "unknown type", input: { name: "a.home.test", type: "MX", values: ["10.0.0.1"], ttl: 300 }, message: /one of A, AAAA, CNAME/ },
    { desc: "no values", input: { name: "a.home.test", type: "A", values: [], ttl: 300 }, message: /at least one value/ },
  ];
  it.each(bad)("refuses $desc with a clear message", ({ input, message }) => {
    const r = validateRecordSet(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.message).join("; ")).toMatch(message);
  });
});
