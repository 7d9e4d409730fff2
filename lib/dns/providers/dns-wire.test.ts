// Whatever bytes a DNS server sends, parseMessage either reads them or throws a DnsWireError:
// every truncation of a real answer, random garbage and hostile names (pointer loops, oversized
// labels) are typed errors, never RangeErrors or hangs.
import dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { DnsWireError, parseMessage, rdataText, TYPE } from "./dns-wire";

const answer = dnsPacket.encode({
  id: 4242,
  type: "response",
  flags: dnsPacket.AUTHORITATIVE_ANSWER,
  questions: [{ type: "AXFR", name: "home.test" }],
  answers: [
    { type: "SOA", name: "home.test", ttl: 300, data: { mname: "ns.home.test", rname: "admin.home.test", serial: 1, refresh: 60, retry: 60, expire: 600, minimum: 60 } },
    { type: "A", name: "nas.home.test", ttl: 300, data: "10.0.0.2" },
    { type: "AAAA", name: "nas.home.test", ttl: 300, data: "fd00::2" },
    { type: "CNAME", name: "www.home.test", ttl: 300, data: "nas.home.test" },
    { type: "TXT", name: "_homeport.nas.home.test", ttl: 300, data: "heritage=homeport type=A" },
  ],
});

/** Parses and decodes every record; returns "ok" or the error's class name. */
function outcome(buf: Buffer): string {
  try {
    const p = parseMessage(buf);
    for (const r of p.answers) rdataText(r);
    return "ok";
  } catch (err) {
    return err instanceof DnsWireError ? "DnsWireError" : `${(err as Error).name}: ${(err as Error).message}`;
  }
}

describe("parseMessage on hostile input", () => {
  it("reads the whole answer", () => {
    const p = parseMessage(answer);
    expect(p.id).toBe(4242);
    expect(p.answers.slice(1).map(rdataText)).toEqual(["10.0.0.2", "fd00::2", "nas.home.test", "heritage=homeport type=A"]);
  });

  it("every truncation of a real answer is a DnsWireError", () => {
    const outcomes = new Set<string>();
    for (let n = 0; n < answer.length; n++) outcomes.add(outcome(answer.subarray(0, n)));
    expect([...outcomes]).toEqual(["DnsWireError"]);
  });

  it("random garbage never escapes as anything but a DnsWireError", () => {
    // A fixed linear congruential generator: the same 2,000 messages every run.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    const outcomes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const buf = Buffer.from(Array.from({ length: 12 + (i % 200) }, next));
      outcomes.add(outcome(buf));
    }
    expect([...outcomes].filter((o) => o !== "ok" && o !== "DnsWireError")).toEqual([]);
  });

  it("a compression pointer loop is refused, not followed forever", () => {
    const buf = Buffer.from(answer);
    // The first answer's owner name becomes a pointer to itself.
    const at = 12 + 11 + 4; // header, "home.test" question name (11 bytes), type and class
    buf.writeUInt16BE(0xc000 | at, at);
    expect(() => parseMessage(buf)).toThrow(/pointer loop/);
  });

  it("an A record of the wrong size is refused when read", () => {
    const p = parseMessage(answer);
    const a = p.answers.find((r) => r.type === TYPE.A)!;
    expect(() => rdataText({ ...a, rdata: a.rdata.subarray(0, 3) })).toThrow(DnsWireError);
  });

  it("a record claiming more rdata than the message holds is refused", () => {
    const buf = Buffer.from(answer);
    // The last record's rdlength (just before its 25-byte TXT rdata) is inflated.
    buf.writeUInt16BE(0xffff, buf.length - 25 - 2);
    expect(() => parseMessage(buf)).toThrow(/truncated rdata/);
  });
});
