// Homeport against a hostile "DNS server" (a tiny TCP server in this process on 127.0.0.1): a zone
// transfer whose second message is truncated, a frame cut by a closed connection, garbage, an
// answer for another query, a trickle and a flood. Each one is a typed, readable error — and since
// everything runs in-process, an exception thrown from a socket handler would fail this file.
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import dnsPacket from "dns-packet";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DnsProviderError } from "@/lib/dns";
import { exchangeTcp, DnsTransportError } from "@/lib/dns/providers/dns-tcp";
import { buildAxfr } from "@/lib/dns/providers/dns-wire";
import { rfc2136Provider } from "@/lib/dns/providers/rfc2136";

type Behaviour = (sock: Socket, requestId: number) => void;

let server: Server;
let port: number;
let behaviour: Behaviour = () => undefined;
const uncaught: unknown[] = [];
const onUncaught = (err: unknown) => uncaught.push(err);

beforeAll(async () => {
  process.on("uncaughtException", onUncaught);
  server = createServer((sock) => {
    sock.on("error", () => undefined);
    sock.once("data", (frame: Buffer) => behaviour(sock, frame.readUInt16BE(2)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterEach(() => expect(uncaught, "nothing escaped from a socket handler").toEqual([]));
afterAll(async () => {
  process.off("uncaughtException", onUncaught);
  await new Promise<void>((r) => server.close(() => r()));
});

const SOA = { type: "SOA" as const, name: "home.test", ttl: 300, data: { mname: "ns.home.test", rname: "admin.home.test", serial: 7, refresh: 60, retry: 60, expire: 600, minimum: 60 } };
const message = (id: number, answers: dnsPacket.Answer[]) =>
  dnsPacket.encode({ id, type: "response", flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: [{ type: "AXFR", name: "home.test" }], answers });
const frame = (msg: Buffer) => Buffer.concat([Buffer.from([msg.length >> 8, msg.length & 0xff]), msg]);
const records = (from: number, n: number): dnsPacket.Answer[] => Array.from({ length: n }, (_, i) => ({ type: "A", name: `h${from + i}.home.test`, ttl: 300, data: `10.0.${(from + i) >> 8}.${(from + i) & 0xff}` }));

const settings = () => ({ server: "127.0.0.1", port, keyName: "homeport", algorithm: "hmac-sha256" as const, secret: Buffer.alloc(32, 7).toString("base64") });
const listRecords = () => rfc2136Provider.listRecords({ settings: settings() }, { name: "home.test" });

async function providerError(p: Promise<unknown>): Promise<DnsProviderError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DnsProviderError);
    return err as DnsProviderError;
  }
  throw new Error("expected a DnsProviderError");
}

describe("a hostile DNS server during a zone transfer", () => {
  it("a truncated second message mid-AXFR is a typed 'unusable answer', not a crash", async () => {
    behaviour = (sock, id) => {
      const second = message(id, records(10, 20));
      // A complete frame whose DNS message is cut short: its header still promises 20 records.
      sock.write(Buffer.concat([frame(message(id, [SOA, ...records(0, 10)])), frame(second.subarray(0, second.length - 30))]));
    };
    const err = await providerError(listRecords());
    expect(err.code).toBe("unavailable");
    expect(err.message).toMatch(new RegExp(`^DNS server 127\\.0\\.0\\.1:${port} sent an unusable answer: malformed DNS message: truncated`));
  });

  it("a connection closed inside a frame says so", async () => {
    behaviour = (sock, id) => {
      const msg = message(id, [SOA, ...records(0, 50)]);
      sock.end(frame(msg).subarray(0, 100));
    };
    const err = await providerError(listRecords());
    expect(err.message).toContain("closed inside a message");
  });

  it("garbage instead of a DNS message is a typed error", async () => {
    behaviour = (sock) => sock.write(frame(Buffer.from("HTTP/1.1 400 Bad Request\r\n\r\n")));
    const err = await providerError(listRecords());
    expect(err.message).toContain("malformed DNS message");
  });

  it("an answer for another query is refused", async () => {
    behaviour = (sock, id) => sock.write(frame(message((id + 1) & 0xffff, [SOA, ...records(0, 2), SOA])));
    const err = await providerError(listRecords());
    expect(err.message).toMatch(/answered another query \(id \d+, expected \d+\)/);
  });

  it("an unsigned answer that parses is still refused (TSIG), after the parse", async () => {
    behaviour = (sock, id) => sock.write(frame(message(id, [SOA, ...records(0, 2), SOA])));
    const err = await providerError(listRecords());
    expect(err).toMatchObject({ code: "unauthorized" });
    expect(err.message).toContain("not signed with the TSIG key");
  });
});

describe("the transport's bounds", () => {
  const request = () => buildAxfr("home.test.").message;

  it("a server trickling one byte at a time is cut at the overall deadline", async () => {
    let timer: NodeJS.Timeout | undefined;
    behaviour = (sock, id) => {
      const bytes = frame(message(id, [SOA, ...records(0, 5)]));
      let i = 0;
      timer = setInterval(() => (i < bytes.length ? sock.write(bytes.subarray(i, ++i)) : undefined), 50);
      sock.on("close", () => clearInterval(timer));
    };
    const t0 = performance.now();
    await expect(exchangeTcp("127.0.0.1", port, [request()], { timeoutMs: 600, axfr: true })).rejects.toMatchObject({ kind: "timeout", message: "no answer within 600 ms" });
    console.log(`trickle cut after ${Math.round(performance.now() - t0)} ms (deadline 600 ms)`);
  });

  it("a transfer that never ends is cut at the message cap", async () => {
    behaviour = (sock, id) => {
      const one = frame(message(id, records(0, 1)));
      const burst = Buffer.concat(Array.from({ length: 300 }, () => one));
      sock.write(Buffer.concat([frame(message(id, [SOA])), burst]));
    };
    const err = await exchangeTcp("127.0.0.1", port, [request()], { timeoutMs: 5000, axfr: true, maxMessages: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DnsTransportError);
    expect(err).toMatchObject({ kind: "too_large", message: "the transfer has more than 100 messages" });
  });

  it("a transfer larger than the byte cap is cut there", async () => {
    let sent = 0;
    behaviour = (sock, id) => {
      const chunk = frame(message(id, records(0, 200)));
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!sock.write(chunk)) return void sock.once("drain", pump);
        }
      };
      sock.write(frame(message(id, [SOA])));
      pump();
    };
    const err = await exchangeTcp("127.0.0.1", port, [request()], { timeoutMs: 10_000, axfr: true, maxBytes: 1024 * 1024, maxMessages: 1_000_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "too_large", message: "the answer is larger than 1 MiB" });
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });
});
